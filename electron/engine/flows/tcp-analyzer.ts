// TCP analysis with Wireshark 4.0's definitions (tcp.analysis.*, tcp.completeness,
// tcp.analysis.initial_rtt), fed every TCP segment in capture order, one pass, like tshark
// without -2. This file is dissect_tcp()'s share of the work (port reuse, completeness,
// handshake RTT, window scaling); tcp-analysis-sequence.ts is tcp_analyze_sequence_number.
//
// Memory: only per-stream state (tcp-analysis-state.ts); per-packet results go back to the
// caller, which stores the flag bits in the packet table.
import { A_REUSED_PORTS } from './analysis-flags.js';
import type { Flow } from './flow.js';
import {
  C_ACK,
  C_DATA,
  C_FIN,
  C_RST,
  C_SYN,
  C_SYNACK,
  newStreamState,
  WSCALE_NONE,
  WSCALE_UNKNOWN,
  type TcpDirState,
  type TcpStreamState,
} from './tcp-analysis-state.js';
import { analyzeSequence, TH_ACK, TH_FIN, TH_RST, TH_SYN, type TcpAcked } from './tcp-analysis-sequence.js';
import type { TcpSegment, TcpSegmentAnalysis } from './tcp-segment.js';

/** What tshark's single pass prints for the segment analyzed last. */
export interface TcpShownColumns {
  /** tcp.completeness: the stream's value before this segment's own contribution. */
  completeness: number;
  /** The segment has analysis data (Wireshark's per-packet record: the tcp.analysis subtree). */
  analyzed?: boolean;
  /** tcp.analysis.initial_rtt in seconds; printed only with the analysis subtree. */
  initialRtt: number | undefined;
}

export class TcpAnalyzer {
  private readonly streams = new Map<number, TcpStreamState>();
  /** Set by isNewConnection when it splits a flow: the next new stream is a port reuse. */
  private reusePending = false;
  /** The columns tshark would print for the last analyzed segment. */
  readonly shown: TcpShownColumns = { completeness: 0, initialRtt: undefined };

  /**
   * Whether a SYN (without ACK) with sequence number `seq` starts a new connection on a
   * 4-tuple that already has a flow (port reuse: Wireshark gives it a new tcp.stream).
   * Wireshark does so when the SYN's side already has a base sequence number and the SYN's
   * differs from it; an identical one is a retransmission. `src`/`sport` (address id and
   * port of the SYN's sender) pick the side; without them the flow's initiator is assumed.
   */
  isNewConnection(existing: Flow | undefined, seq: number, src?: number, sport?: number): boolean {
    this.reusePending = false;
    if (!existing) return false;
    const st = this.streams.get(existing.stream);
    if (!st) return false;
    const dir = src === undefined || sport === undefined ? 0 : directionOf(existing, src, sport);
    const fwd = st.dirs[dir];
    const split = fwd.baseSeqSet && fwd.baseSeq !== seq >>> 0;
    this.reusePending = split;
    return split;
  }

  /** The sequence number Wireshark's relative numbers count from, for one side of a stream. */
  relativeBase(stream: number, dir: 0 | 1): number | undefined {
    const d = this.streams.get(stream)?.dirs[dir];
    return d && d.baseSeqSet ? d.baseSeq : undefined;
  }

  /** The window scale shift of one side of a stream: 0..14, or -1 unknown, -2 not scaled. */
  windowScale(stream: number, dir: 0 | 1): number {
    return this.streams.get(stream)?.dirs[dir].winScale ?? -1;
  }

  /** tcp.analysis.initial_rtt of a stream (seconds), once its handshake ACK was seen. */
  initialRtt(stream: number): number | undefined {
    const st = this.streams.get(stream);
    return st && st.firstRttNs !== 0 ? st.firstRttNs / 1e9 : undefined;
  }

  /**
   * tcp.completeness of a stream including every segment fed so far (what Wireshark shows
   * on every packet after its first pass; tshark's single pass prints, on each packet, the
   * value before that packet: see `shown`). Bits: SYN 1, SYN-ACK 2, ACK 4, DATA 8, FIN 16, RST 32.
   */
  completeness(stream: number): number {
    return this.streams.get(stream)?.completeness ?? 0;
  }

  analyze(seg: TcpSegment): TcpSegmentAnalysis {
    const reused = this.reusePending;
    this.reusePending = false;
    const flags = seg.flags;
    const stream = seg.flow.stream;
    let st = this.streams.get(stream);
    const isNew = !st;
    if (!st) {
      st = newStreamState(stream);
      this.streams.set(stream, st);
    }
    const fwd = st.dirs[seg.dir];
    const rev = st.dirs[seg.dir === 0 ? 1 : 0];
    const ta: TcpAcked = { exists: false, flags: 0, dupAckNum: 0, dupAckFrame: 0, acksFrame: 0, ackRttNs: 0 };
    const seq = seg.seq >>> 0;
    const ack = seg.ack >>> 0;
    // Wireshark's nstime nsecs is a C int filled from 32-bit arithmetic (a pcap µs field
    // times 1000): an out-of-range fraction wraps the same way here.
    const sec = seg.sec;
    const nsec = seg.nsec | 0;

    // A new stream split off by a SYN on a reused 4-tuple starts with completeness 1.
    if (reused && isNew) {
      ta.exists = true;
      ta.flags |= A_REUSED_PORTS;
      st.completeness = C_SYN;
    }
    // The same SYN again (a retransmission, or a handshake retried after a reset): the
    // side's next sequence number falls back to the highest contiguous one, as a RST may
    // have carried SEQ = the ACK received (issue 17616). 4.0 flags nothing here but creates
    // the per-packet record (so the initial RTT is printed).
    if ((flags & (TH_SYN | TH_ACK)) === TH_SYN && fwd.baseSeqSet && seq === fwd.baseSeq) {
      fwd.nextSeq = fwd.maxSeqToBeAcked;
      ta.exists = true;
    }
    // A SYN-ACK whose sequence number differs from its side's base: ports reused with the
    // SYN not seen. No new stream, as Wireshark; its ISN becomes the side's base (issue 16944).
    if ((flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK) && fwd.baseSeqSet && seq !== fwd.baseSeq) {
      fwd.baseSeq = seq;
      ta.exists = true;
      ta.flags |= A_REUSED_PORTS;
    }
    this.shown.completeness = st.completeness;

    // Base sequence numbers: a SYN's own, else seq-1; the peer's from the first ACK.
    if (!fwd.baseSeqSet) {
      fwd.baseSeq = flags & TH_SYN ? seq : (seq - 1) >>> 0;
      fwd.baseSeqSet = true;
    }
    if (!rev.baseSeqSet && flags & TH_ACK) {
      rev.baseSeq = (ack - 1) >>> 0;
      rev.baseSeqSet = true;
    }

    analyzeSequence(st, fwd, rev, { frame: seg.number, sec, nsec, seq, ack, seglen: seg.payloadLength, flags, window: seg.window }, ta);

    st.completeness = nextCompleteness(isNew && !reused, st.completeness, flags, seg.payloadLength);

    if (flags & TH_SYN) {
      if (!(flags & TH_ACK)) {
        st.mruSynSec = sec;
        st.mruSynNsec = nsec;
      }
      fwd.isFirstAck = true;
    }
    // Initial RTT: the first pure ACK after a SYN (the handshake's third segment).
    if ((flags & (TH_SYN | TH_ACK)) === TH_ACK && (st.mruSynSec !== 0 || st.mruSynNsec !== 0) && st.firstRttNs === 0) {
      st.firstRttNs = (sec - st.mruSynSec) * 1e9 + (nsec - st.mruSynNsec);
    }
    if ((flags & (TH_SYN | TH_ACK)) === TH_ACK) fwd.isFirstAck = false;

    this.shown.initialRtt = ta.exists && st.firstRttNs !== 0 ? st.firstRttNs / 1e9 : undefined;
    this.shown.analyzed = ta.exists;

    // Options are read after the analysis: a window scale applies from the next segment.
    if (seg.wscale >= 0) fwd.winScale = Math.min(seg.wscale, 14);
    if (flags & TH_SYN) verifyWindowScaling((flags & TH_ACK) !== 0, fwd, rev);

    const out: TcpSegmentAnalysis = { flags: ta.flags };
    if (ta.dupAckNum !== 0) {
      out.dupAckNum = ta.dupAckNum;
      out.dupAckFrame = ta.dupAckFrame;
    }
    if (ta.acksFrame) {
      out.acksFrame = ta.acksFrame;
      out.ackRttNs = ta.ackRttNs;
    }
    return out;
  }
}

/** Direction of a packet from `src`:`sport` in `flow`, as the flow table assigns it. */
function directionOf(flow: Flow, src: number, sport: number): 0 | 1 {
  return flow.a === src && flow.aPort === sport && (flow.b !== src || flow.bPort !== sport || flow.a === flow.b) ? 0 : 1;
}

/**
 * Wireshark moves completeness forward on every segment of a known conversation; in a
 * new one only a pure SYN counts (a capture that starts mid-stream stays 0 at first).
 */
function nextCompleteness(isNewConversation: boolean, c: number, flags: number, seglen: number): number {
  if (isNewConversation) {
    if ((flags & (TH_SYN | TH_ACK)) !== TH_SYN) return 0;
    return seglen > 0 ? C_SYN | C_DATA : C_SYN; // data on a SYN: TCP Fast Open
  }
  if ((flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK)) c |= C_SYNACK;
  if ((flags & (TH_SYN | TH_ACK)) === TH_ACK) c |= seglen > 0 ? C_DATA : C_ACK;
  if ((flags & (TH_FIN | TH_ACK)) === (TH_FIN | TH_ACK)) c |= C_FIN;
  if (flags & TH_RST) c |= C_RST;
  return c;
}

/**
 * After a SYN or SYN-ACK: scaling is used only if both sides offered it (verify_tcp_window_scaling).
 */
function verifyWindowScaling(isSynAck: boolean, fwd: TcpDirState, rev: TcpDirState): void {
  if (fwd.winScale === WSCALE_UNKNOWN) {
    fwd.winScale = WSCALE_NONE;
    rev.winScale = WSCALE_NONE;
  } else if (isSynAck && rev.winScale === WSCALE_NONE) {
    fwd.winScale = WSCALE_NONE;
  }
}
