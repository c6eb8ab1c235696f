// Wireshark 4.0's tcp_analyze_sequence_number (epan/dissectors/packet-tcp.c), rule by rule
// and in the same order, because the order is part of the definition: an earlier rule can
// end the checks (`goto finished_fwd`) or decide which label a segment gets. The comments
// give the User's Guide wording ("TCP Analysis") of each rule.
//
// Sequence numbers are compared modulo 2^32 like GT_SEQ/LE_SEQ; every sum is wrapped to
// 32 bits like the C guint32 arithmetic, including its quirks (nextseq 0 means "none yet",
// so `nextseq - 1` is 0xffffffff for a side that sent nothing).

import {
  A_ACK_LOST_SEGMENT,
  A_DUPLICATE_ACK,
  A_FAST_RETRANSMISSION,
  A_KEEP_ALIVE,
  A_KEEP_ALIVE_ACK,
  A_LOST_SEGMENT,
  A_OUT_OF_ORDER,
  A_RETRANSMISSION,
  A_SPURIOUS_RETRANSMISSION,
  A_WINDOW_FULL,
  A_WINDOW_UPDATE,
  A_ZERO_WINDOW,
  A_ZERO_WINDOW_PROBE,
  A_ZERO_WINDOW_PROBE_ACK,
} from './analysis-flags.js';
import { MAX_UNACKED_SEGMENTS, UNACKED_STRIDE, WSCALE_NONE, WSCALE_UNKNOWN, type TcpAnalysisState } from './tcp-analysis-state.js';
import { ACK as TH_ACK, FIN as TH_FIN, RST as TH_RST, SYN as TH_SYN } from './tcp-bits.js';

const TH_PUSH = 0x08;

export { TH_ACK, TH_FIN, TH_RST, TH_SYN };

/** One segment as the sequence analysis sees it (absolute numbers, raw window). */
export interface SeqInput {
  readonly frame: number;
  readonly sec: number;
  readonly nsec: number;
  readonly seq: number;
  readonly ack: number;
  readonly seglen: number;
  readonly flags: number;
  readonly window: number;
}

/**
 * Wireshark's per-packet `struct tcp_acked`: `exists` says whether one was created, which
 * decides whether tshark prints the analysis subtree (and with it tcp.analysis.initial_rtt).
 */
export interface TcpAcked {
  exists: boolean;
  flags: number;
  dupAckNum: number;
  dupAckFrame: number;
  /** tcp.analysis.acks_frame (0 = none) and tcp.analysis.ack_rtt in ns. */
  acksFrame: number;
  ackRttNs: number;
  /** tcp.analysis.bytes_in_flight and push_bytes_sent (0 = not shown). */
  bytesInFlight: number;
  pushBytes: number;
  /** A plain retransmission: tcp.analysis.rto (ns) and rto_frame, the segment that last advanced the sequence (0 = none). */
  rtoNs: number;
  rtoFrame: number;
}

/** Numbers in an unacknowledged list small enough to drop once it is empty (16 segments). */
const SMALL_UNACKED = 16 * UNACKED_STRIDE;

/** The unacknowledged list of a side that sent nothing yet. */
const NONE: number[] = [];

/** (a - b) as a signed 32-bit distance: > 0 when a is after b in sequence space. */
const dist = (a: number, b: number): number => (a - b) | 0;
const gtSeq = (a: number, b: number): boolean => dist(a, b) > 0;
const ltSeq = (a: number, b: number): boolean => dist(a, b) < 0;
const leSeq = (a: number, b: number): boolean => dist(a, b) <= 0;
const u32 = (n: number): number => n >>> 0;

/**
 * now - then in ns, as the C code's unsigned 64-bit difference: a negative interval wraps
 * to a huge value, so "within 20 ms" is false for it.
 */
function elapsedNs(sec: number, nsec: number, sec0: number, nsec0: number): number {
  const t = (sec - sec0) * 1e9 + (nsec - nsec0);
  return t < 0 ? Number.POSITIVE_INFINITY : t;
}

function flag(ta: TcpAcked, bit: number): void {
  ta.exists = true;
  ta.flags |= bit;
}

const NOT_SYN_FIN_RST = (flags: number): boolean => (flags & (TH_SYN | TH_FIN | TH_RST)) === 0;

/**
 * Runs the analysis of one segment of `stream` from direction row `f` (the sender) to row
 * `r`, updating both (rows of TcpAnalysisState's per-direction columns).
 */
export function analyzeSequence(S: TcpAnalysisState, stream: number, f: number, r: number, s: SeqInput, ta: TcpAcked): void {
  const { seq, ack, seglen, flags, window } = s;

  if (flags & TH_ACK) S.validBif[r] = 1;

  checks: {
    // Zero window probe: "the sequence number is the next expected one, the window in the
    // other direction is 0 and the segment is exactly 1 byte".
    if (seglen === 1 && seq === S.nextSeq[f]! && S.window[r]! === 0) {
      flag(ta, A_ZERO_WINDOW_PROBE);
      break checks;
    }

    // Zero window: "the receive window size is zero and none of SYN, FIN, RST are set".
    if (window === 0 && (flags & (TH_RST | TH_FIN | TH_SYN)) === 0) flag(ta, A_ZERO_WINDOW);

    // Lost segment ("previous segment not captured"): beyond the expected next sequence
    // number; RST segments are not checked.
    if (S.nextSeq[f]! !== 0 && gtSeq(seq, S.nextSeq[f]!) && (flags & TH_RST) === 0) {
      flag(ta, A_LOST_SEGMENT);
      S.validBif[f] = 0;
    }

    // Keep-alive: 0 or 1 byte starting one byte before the next expected sequence number.
    if ((seglen === 0 || seglen === 1) && seq === u32(S.nextSeq[f]! - 1) && NOT_SYN_FIN_RST(flags)) flag(ta, A_KEEP_ALIVE);

    // Window update: no data, same SEQ/ACK as before, a new non-zero window.
    if (seglen === 0 && window !== 0 && window !== S.window[f]! && seq === S.nextSeq[f]! && ack === S.lastAck[f]! && NOT_SYN_FIN_RST(flags)) {
      flag(ta, A_WINDOW_UPDATE);
    }

    // Window full: data that reaches exactly the right edge of the peer's advertised
    // window, when its scaling is known. A window sent with (or right after) a SYN is not
    // scaled (issue 14690).
    if (seglen > 0 && S.winScale[r]! !== WSCALE_UNKNOWN && NOT_SYN_FIN_RST(flags)) {
      const shift = S.isFirstAck[r] === 1 || S.winScale[r]! === WSCALE_NONE ? 0 : S.winScale[r]!;
      if (u32(seq + seglen) === u32(S.lastAck[r]! + u32(S.window[r]! << shift))) flag(ta, A_WINDOW_FULL);
    }

    const sameAsBefore = seglen === 0 && seq === S.nextSeq[f]! && ack === S.lastAck[f]! && NOT_SYN_FIN_RST(flags);

    // Keep-alive ACK: repeats the previous ACK right after a keep-alive from the peer.
    if (sameAsBefore && window !== 0 && window === S.window[f]! && S.lastSegmentFlags[r]! & A_KEEP_ALIVE) {
      flag(ta, A_KEEP_ALIVE_ACK);
      break checks;
    }

    // Zero window probe ACK: repeats the previous ACK and the zero window, right after a
    // zero window probe from the peer.
    if (sameAsBefore && window === 0 && window === S.window[f]! && S.lastSegmentFlags[r]! & A_ZERO_WINDOW_PROBE) {
      flag(ta, A_ZERO_WINDOW_PROBE_ACK);
      break checks;
    }

    // Duplicate ACK: no data, same window, SEQ and ACK as the previous segment.
    if (sameAsBefore && window !== 0 && window === S.window[f]!) {
      // -1 marks an "ACKed unseen segment" already reported for this side.
      S.dupAckNum[f] = S.dupAckNum[f]! === -1 ? 1 : S.dupAckNum[f]! + 1;
      flag(ta, A_DUPLICATE_ACK);
      ta.dupAckNum = S.dupAckNum[f]!;
      ta.dupAckFrame = S.lastNonDupAck[f]!;
    }
  }

  // finished_fwd: a new ack number restarts the duplicate ACK count.
  if (ack !== S.lastAck[f]!) {
    S.lastNonDupAck[f] = s.frame;
    S.dupAckNum[f] = 0;
  }

  // ACKed unseen segment: acknowledges beyond what the peer is known to have sent.
  if (S.maxSeqToBeAcked[r]! !== 0 && gtSeq(ack, S.maxSeqToBeAcked[r]!) && flags & TH_ACK) {
    ta.exists = true;
    if (ltSeq(S.maxSeqToBeAcked[r]!, S.nextSeq[r]!)) {
      S.maxSeqToBeAcked[r] = S.nextSeq[r]!;
      ta.flags |= A_ACK_LOST_SEGMENT;
    } else {
      // Report one lost segment once even while the peer only sends pure ACKs.
      if (S.dupAckNum[r]! === 0) ta.flags |= A_ACK_LOST_SEGMENT;
      S.dupAckNum[r] = -1;
    }
  }

  retransmissionType(S, stream, f, r, s, ta);

  // Remember the segment until it is acknowledged (SYN and FIN take one sequence number).
  let nextSeq = u32(seq + seglen);
  if (seglen !== 0 || flags & (TH_SYN | TH_FIN)) {
    if (flags & (TH_SYN | TH_FIN)) nextSeq = u32(nextSeq + 1);
    // Each entry: the sequence number after it, its frame and its time (for ack_rtt).
    const n = S.unackedLen[f]!;
    if (n < MAX_UNACKED_SEGMENTS * UNACKED_STRIDE) {
      const sent = (S.unacked[f] ??= []);
      if (n === sent.length) sent.push(nextSeq, s.frame, s.sec, s.nsec, seq);
      else {
        sent[n] = nextSeq;
        sent[n + 1] = s.frame;
        sent[n + 2] = s.sec;
        sent[n + 3] = s.nsec;
        sent[n + 4] = seq;
      }
      S.unackedLen[f] = n + UNACKED_STRIDE;
      // Keep the span's ends current as segments are added (the list is only rescanned after an ACK).
      if (S.bifFresh[f] === 1) {
        const base = S.bifBase[f]!;
        if (u32(seq - base) < S.bifLo[f]!) S.bifLo[f] = u32(seq - base);
        if (u32(nextSeq - base) > S.bifHi[f]!) S.bifHi[f] = u32(nextSeq - base);
      }
    }
  }

  // Highest sequence number seen (a zero window probe does not move it).
  const zwp = (ta.flags & A_ZERO_WINDOW_PROBE) !== 0;
  if ((gtSeq(nextSeq, S.nextSeq[f]!) || S.nextSeq[f]! === 0) && !zwp) {
    S.nextSeq[f] = nextSeq;
    S.nextSeqFrame[f] = s.frame;
    S.nextSeqSec[f] = s.sec;
    S.nextSeqNsec[f] = s.nsec;
  }
  // Highest contiguous sequence number, for "ACKed unseen segment".
  if ((seq === S.maxSeqToBeAcked[f]! || S.maxSeqToBeAcked[f]! === 0) && !zwp) S.maxSeqToBeAcked[f] = S.nextSeq[f]!;

  S.window[f] = window;
  S.lastAck[f] = ack;
  S.lastAckSec[f] = s.sec;
  S.lastAckNsec[f] = s.nsec;
  S.lastSegmentFlags[f] = ta.exists ? ta.flags : 0;

  // Drop the peer's segments this acknowledges; an exact match creates the per-packet
  // record (tcp.analysis.acks_frame, ack_rtt). Wireshark walks its list newest first and
  // keeps the last match: the oldest segment ending at this ACK.
  const list = S.unacked[r] ?? NONE;
  const used = S.unackedLen[r]!;
  let kept = 0;
  for (let i = 0; i < used; i += UNACKED_STRIDE) {
    const next = list[i]!;
    if (next === ack) {
      if (!ta.acksFrame) {
        ta.acksFrame = list[i + 1]!;
        ta.ackRttNs = (s.sec - list[i + 2]!) * 1e9 + (s.nsec - list[i + 3]!);
      }
      ta.exists = true;
    }
    if (gtSeq(next, ack)) {
      if (kept !== i) {
        list[kept] = next;
        list[kept + 1] = list[i + 1]!;
        list[kept + 2] = list[i + 2]!;
        list[kept + 3] = list[i + 3]!;
        list[kept + 4] = list[i + 4]!;
      }
      kept += UNACKED_STRIDE;
    }
  }
  if (kept !== used) {
    S.unackedLen[r] = kept;
    S.bifFresh[r] = 0;
  }
  // Everything acknowledged: a short list is dropped (22k finished connections would each
  // keep one), a long one kept for the bulk transfer that will fill it again.
  if (kept === 0 && used !== 0 && list.length <= SMALL_UNACKED) S.unacked[r] = null;

  // Bytes in flight: computed (and the record created) for data while tracking is valid:
  // from the lowest to the highest sequence number of the side's unacknowledged segments,
  // relative to its base (unsigned, as the C code subtracts guint32s).
  const mine = S.unacked[f];
  const mineLen = S.unackedLen[f]!;
  if (seglen !== 0 && mine && mineLen > 0 && S.validBif[f] === 1) {
    ta.exists = true;
    const base = S.baseSeq[f]!;
    if (S.bifFresh[f] !== 1 || S.bifBase[f] !== base) {
      // Rescan (after an ACK removed segments, or a new base): O(list) once, not per segment.
      let first = u32(mine[4]! - base);
      let last = u32(mine[0]! - base);
      for (let i = 0; i < mineLen; i += UNACKED_STRIDE) {
        const hi = u32(mine[i]! - base);
        const lo = u32(mine[i + 4]! - base);
        if (hi > last) last = hi;
        if (lo < first) first = lo;
      }
      S.bifLo[f] = first;
      S.bifHi[f] = last;
      S.bifBase[f] = base;
      S.bifFresh[f] = 1;
    }
    const first = S.bifLo[f]!;
    const last = S.bifHi[f]!;
    // Less what the peer's latest SACK reported delivered.
    const delivered = S.sackDelivered[r]!;
    const inFlight = delivered > 0 ? u32(last - first - delivered) : u32(last - first);
    // Bytes sent since the last PSH flag: a PSH segment after a PSH segment starts again.
    const psh = (flags & TH_PUSH) !== 0;
    if (psh && !S.pushSetLast[f]) S.pushBytes[f]! += seglen;
    else if (psh || S.pushSetLast[f]) S.pushBytes[f] = seglen;
    else S.pushBytes[f]! += seglen;
    S.pushSetLast[f] = psh ? 1 : 0;
    // 4.0 shows both only where the bytes in flight make sense; a SYN or FIN is not a byte in flight.
    if (inFlight > 0 && inFlight < 2_000_000_000) {
      ta.bytesInFlight = flags & (TH_SYN | TH_FIN) ? inFlight - 1 : inFlight;
      ta.pushBytes = S.pushBytes[f]!;
    }
  }
}

/**
 * Retransmission, fast retransmission, spurious retransmission or out-of-order: only for
 * segments with data or SYN/FIN that do not advance the sequence number. Like Wireshark's
 * fields (its fast and spurious labels also add the tcp.analysis.retransmission expert
 * item), a fast or spurious retransmission carries A_RETRANSMISSION too.
 */
function retransmissionType(S: TcpAnalysisState, stream: number, f: number, r: number, s: SeqInput, ta: TcpAcked): void {
  const { seq, seglen, flags } = s;
  if (seglen === 0 && (flags & (TH_SYN | TH_FIN)) === 0) return;
  // A keep-alive is not a retransmission.
  if (ta.flags & A_KEEP_ALIVE) return;
  let notAdvanced = S.nextSeq[f]! !== 0 && ltSeq(seq, S.nextSeq[f]!);
  // More than one byte starting one byte before nextseq (after a zero window probe) adds
  // new data: not a retransmission.
  if (seglen > 1 && u32(S.nextSeq[f]! - 1) === seq) notAdvanced = false;

  // Spurious retransmission: the data was already acknowledged by the peer.
  if (seglen > 0 && S.lastAck[r]! !== 0 && leSeq(u32(seq + seglen), S.lastAck[r]!)) {
    flag(ta, A_SPURIOUS_RETRANSMISSION | A_RETRANSMISSION);
    return;
  }

  // Fast retransmission: at least two duplicate ACKs from the peer for this sequence
  // number, less than 20 ms ago. The count is a guint32 in Wireshark, so the -1 left by an
  // "ACKed unseen segment" compares as 0xffffffff: >= 2.
  if (notAdvanced && (S.dupAckNum[r]! === -1 || S.dupAckNum[r]! >= 2) && S.lastAck[r]! === seq && elapsedNs(s.sec, s.nsec, S.lastAckSec[r]!, S.lastAckNsec[r]!) < 20e6) {
    flag(ta, A_FAST_RETRANSMISSION | A_RETRANSMISSION);
    return;
  }

  // Out-of-order: within the initial RTT (3 ms when unknown) of the segment that set the
  // highest sequence number, and not ending exactly at it (SYN/FIN count one). 4.0 does
  // not have the later exception for a series closed after a pure ACK (issue 17214).
  const threshold = S.firstRttNs[stream]! === 0 ? 3e6 : S.firstRttNs[stream]!;
  const end = u32(seq + seglen + (flags & (TH_SYN | TH_FIN) ? 1 : 0));
  if (notAdvanced && elapsedNs(s.sec, s.nsec, S.nextSeqSec[f]!, S.nextSeqNsec[f]!) < threshold && S.nextSeq[f]! !== end) {
    flag(ta, A_OUT_OF_ORDER);
    return;
  }

  if (notAdvanced) {
    flag(ta, A_RETRANSMISSION);
    // The RTO: time since the oldest segment not yet acknowledged (the one likely resent
    // here), or else since the segment that last advanced this side's sequence number.
    const sent = S.unacked[f];
    if (sent && S.unackedLen[f]! > 0) {
      ta.rtoNs = (s.sec - sent[2]!) * 1e9 + (s.nsec - sent[3]!);
      ta.rtoFrame = sent[1]!;
    } else {
      ta.rtoNs = (s.sec - S.nextSeqSec[f]!) * 1e9 + (s.nsec - S.nextSeqNsec[f]!);
      ta.rtoFrame = S.nextSeqFrame[f]!;
    }
  }
}
