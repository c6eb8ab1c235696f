// TCP analysis with Wireshark 4.0's definitions (tcp.analysis.*, tcp.completeness,
// tcp.analysis.initial_rtt), fed every TCP segment in capture order, one pass, like tshark
// without -2. This file is dissect_tcp()'s share of the work (port reuse, completeness,
// handshake RTT, window scaling); tcp-analysis-sequence.ts is tcp_analyze_sequence_number.
//
// Memory: only per-stream state, in pooled columns (tcp-analysis-state.ts); per-packet
// results go back to the caller, which stores the flag bits in the packet table.
import { A_REUSED_PORTS } from './analysis-flags.js';
import type { Flow } from './flow.js';
import { C_ACK, C_DATA, C_FIN, C_RST, C_SYN, C_SYNACK, TcpAnalysisState, WSCALE_NONE, WSCALE_UNKNOWN } from './tcp-analysis-state.js';
import { analyzeSequence, TH_ACK, TH_FIN, TH_RST, TH_SYN, type SeqInput, type TcpAcked } from './tcp-analysis-sequence.js';
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

/** The mutable twin of SeqInput, refilled for every segment (nothing allocated per packet). */
type SeqScratch = { -readonly [K in keyof SeqInput]: SeqInput[K] };

export class TcpAnalyzer {
  /** By tcp.stream (dense from 0, in order of appearance). */
  private readonly S = new TcpAnalysisState();
  /** Duplicate-ACK number and frame of the segment analyzed last (0 when it is not one). */
  dupAckNum = 0;
  dupAckFrame = 0;
  /** tcp.analysis.acks_frame (0 = none) and ack_rtt (ns) of the segment analyzed last. */
  acksFrame = 0;
  ackRttNs = 0;
  /** tcp.analysis.bytes_in_flight and push_bytes_sent of the segment analyzed last (0 = none). */
  bytesInFlight = 0;
  pushBytes = 0;
  /** tcp.analysis.rto (ns) and rto_frame of the segment analyzed last (frame 0 = none). */
  rtoNs = 0;
  rtoFrame = 0;
  /** Whether the segment analyzed last has Wireshark's per-packet analysis record (the [SEQ/ACK analysis] subtree). */
  analyzed = false;
  private readonly ta: TcpAcked = { exists: false, flags: 0, dupAckNum: 0, dupAckFrame: 0, acksFrame: 0, ackRttNs: 0, bytesInFlight: 0, pushBytes: 0, rtoNs: 0, rtoFrame: 0 };
  private readonly input: SeqScratch = { frame: 0, sec: 0, nsec: 0, seq: 0, ack: 0, seglen: 0, flags: 0, window: 0 };
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
    const S = this.S;
    if (!S.has(existing.stream)) return false;
    const dir = src === undefined || sport === undefined ? 0 : directionOf(existing, src, sport);
    const f = 2 * existing.stream + dir;
    const split = S.baseSeqSet[f] === 1 && S.baseSeq[f] !== seq >>> 0;
    this.reusePending = split;
    return split;
  }

  /** The sequence number Wireshark's relative numbers count from, for one side of a stream. */
  relativeBase(stream: number, dir: 0 | 1): number | undefined {
    const S = this.S;
    const f = 2 * stream + dir;
    return S.has(stream) && S.baseSeqSet[f] === 1 ? S.baseSeq[f] : undefined;
  }

  /** The window scale shift of one side of a stream: 0..14, or -1 unknown, -2 not scaled. */
  windowScale(stream: number, dir: 0 | 1): number {
    return this.S.has(stream) ? this.S.winScale[2 * stream + dir]! : -1;
  }

  /** The direction (0/1) whose FIN came first in a stream, or -1 before any FIN. */
  closer(stream: number): number {
    return this.S.has(stream) ? this.S.closer[stream]! - 1 : -1;
  }

  /** tcp.analysis.initial_rtt of a stream (seconds), once its handshake ACK was seen. */
  initialRtt(stream: number): number | undefined {
    const S = this.S;
    return S.has(stream) && S.firstRttNs[stream] !== 0 ? S.firstRttNs[stream]! / 1e9 : undefined;
  }

  /**
   * tcp.completeness of a stream including every segment fed so far (what Wireshark shows
   * on every packet after its first pass; tshark's single pass prints, on each packet, the
   * value before that packet: see `shown`). Bits: SYN 1, SYN-ACK 2, ACK 4, DATA 8, FIN 16, RST 32.
   */
  completeness(stream: number): number {
    return this.S.has(stream) ? this.S.completeness[stream]! : 0;
  }

  analyze(seg: TcpSegment): TcpSegmentAnalysis {
    const flags = this.analyzeSegment(seg.number, seg.sec, seg.nsec, seg.flow.stream, seg.dir, seg.seq, seg.ack, seg.flags, seg.window, seg.payloadLength, seg.wscale);
    const out: TcpSegmentAnalysis = { flags };
    if (this.dupAckNum !== 0) {
      out.dupAckNum = this.dupAckNum;
      out.dupAckFrame = this.dupAckFrame;
    }
    if (this.acksFrame) {
      out.acksFrame = this.acksFrame;
      out.ackRttNs = this.ackRttNs;
    }
    return out;
  }

  /**
   * analyze() with scalar arguments, allocating nothing per segment (the index calls it for
   * every TCP packet): returns the analysis flag bits and leaves the duplicate-ACK number and
   * frame in dupAckNum/dupAckFrame.
   */
  analyzeSegment(number: number, sec: number, nsecIn: number, stream: number, dir: 0 | 1, seqIn: number, ackIn: number, flags: number, window: number, payloadLength: number, wscale: number, sackDelivered = -1): number {
    const reused = this.reusePending;
    this.reusePending = false;
    const S = this.S;
    const isNew = !S.has(stream);
    if (isNew) S.create(stream);
    const f = 2 * stream + dir;
    const r = 2 * stream + (dir === 0 ? 1 : 0);
    const ta = this.ta;
    ta.exists = false;
    ta.flags = 0;
    ta.dupAckNum = 0;
    ta.dupAckFrame = 0;
    ta.acksFrame = 0;
    ta.ackRttNs = 0;
    ta.bytesInFlight = 0;
    ta.pushBytes = 0;
    ta.rtoNs = 0;
    ta.rtoFrame = 0;
    const seq = seqIn >>> 0;
    const ack = ackIn >>> 0;
    // Wireshark's nstime nsecs is a C int filled from 32-bit arithmetic (a pcap µs field
    // times 1000): an out-of-range fraction wraps the same way here.
    const nsec = nsecIn | 0;

    // A new stream split off by a SYN on a reused 4-tuple starts with completeness 1.
    if (reused && isNew) {
      ta.exists = true;
      ta.flags |= A_REUSED_PORTS;
      S.completeness[stream] = C_SYN;
    }
    // The same SYN again (a retransmission, or a handshake retried after a reset): the
    // side's next sequence number falls back to the highest contiguous one, as a RST may
    // have carried SEQ = the ACK received (issue 17616). 4.0 flags nothing here but creates
    // the per-packet record (so the initial RTT is printed).
    if ((flags & (TH_SYN | TH_ACK)) === TH_SYN && S.baseSeqSet[f] === 1 && seq === S.baseSeq[f]) {
      S.nextSeq[f] = S.maxSeqToBeAcked[f]!;
      ta.exists = true;
    }
    // A SYN-ACK whose sequence number differs from its side's base: ports reused with the
    // SYN not seen. No new stream, as Wireshark; its ISN becomes the side's base (issue 16944).
    if ((flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK) && S.baseSeqSet[f] === 1 && seq !== S.baseSeq[f]) {
      S.baseSeq[f] = seq;
      ta.exists = true;
      ta.flags |= A_REUSED_PORTS;
    }
    this.shown.completeness = S.completeness[stream]!;

    // Base sequence numbers: a SYN's own, else seq-1; the peer's from the first ACK.
    if (S.baseSeqSet[f] === 0) {
      S.baseSeq[f] = flags & TH_SYN ? seq : (seq - 1) >>> 0;
      S.baseSeqSet[f] = 1;
    }
    if (S.baseSeqSet[r] === 0 && flags & TH_ACK) {
      S.baseSeq[r] = (ack - 1) >>> 0;
      S.baseSeqSet[r] = 1;
    }

    const input = this.input;
    input.frame = number;
    input.sec = sec;
    input.nsec = nsec;
    input.seq = seq;
    input.ack = ack;
    input.seglen = payloadLength;
    input.flags = flags;
    input.window = window;
    analyzeSequence(S, stream, f, r, input, ta);

    S.completeness[stream] = nextCompleteness(isNew && !reused, S.completeness[stream]!, flags, payloadLength);

    if (flags & TH_SYN) {
      if (!(flags & TH_ACK)) {
        S.mruSynSec[stream] = sec;
        S.mruSynNsec[stream] = nsec;
      }
      S.isFirstAck[f] = 1;
    }
    // Initial RTT: the first pure ACK after a SYN (the handshake's third segment).
    if ((flags & (TH_SYN | TH_ACK)) === TH_ACK && (S.mruSynSec[stream] !== 0 || S.mruSynNsec[stream] !== 0) && S.firstRttNs[stream] === 0) {
      S.firstRttNs[stream] = (sec - S.mruSynSec[stream]!) * 1e9 + (nsec - S.mruSynNsec[stream]!);
    }
    if ((flags & (TH_SYN | TH_ACK)) === TH_ACK) S.isFirstAck[f] = 0;

    const rtt = S.firstRttNs[stream]!;
    this.shown.initialRtt = ta.exists && rtt !== 0 ? rtt / 1e9 : undefined;
    this.shown.analyzed = ta.exists;

    // Options are read after the analysis: a window scale applies from the next segment, and
    // the SACK blocks count for the peer's bytes in flight from its next data segment on.
    S.sackDelivered[f] = sackDelivered;
    if (wscale >= 0) S.winScale[f] = Math.min(wscale, 14);
    if (flags & TH_SYN) verifyWindowScaling((flags & TH_ACK) !== 0, S, f, r);

    this.dupAckNum = ta.dupAckNum;
    this.dupAckFrame = ta.dupAckFrame;
    this.acksFrame = ta.acksFrame;
    this.ackRttNs = ta.ackRttNs;
    this.bytesInFlight = ta.bytesInFlight;
    this.pushBytes = ta.pushBytes;
    this.rtoNs = ta.rtoNs;
    this.rtoFrame = ta.rtoFrame;
    this.analyzed = ta.exists;
    // The side whose FIN comes first initiates the connection closing.
    if (flags & TH_FIN && S.closer[stream] === 0) S.closer[stream] = dir + 1;
    return ta.flags;
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
function verifyWindowScaling(isSynAck: boolean, S: TcpAnalysisState, f: number, r: number): void {
  if (S.winScale[f] === WSCALE_UNKNOWN) {
    S.winScale[f] = WSCALE_NONE;
    S.winScale[r] = WSCALE_NONE;
  } else if (isSynAck && S.winScale[r] === WSCALE_NONE) {
    S.winScale[f] = WSCALE_NONE;
  }
}
