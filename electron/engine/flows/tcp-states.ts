// The RFC 9293 connection state diagram (section 3.3.2) applied to what a passive observer
// sees: each TCP segment moves its sender and, where the capture proves it, its receiver.
//
// The observer sits at one point of the path, so it cannot know when a segment reaches the
// far side. The rule used here: a transition that needs no answer (receiving a SYN-ACK in
// SYN_SENT, an ACK of one's own SYN or FIN, a RST, a FIN once one's own FIN is acknowledged)
// is applied when the segment is seen; receiving a SYN or a FIN that the receiver might have
// crossed with a FIN of its own is applied only when the receiver's next segment
// acknowledges it. That is what keeps crossing FINs (simultaneous close) right: a FIN that
// does not acknowledge the peer's FIN proves its sender had not seen that FIN yet. A side
// the capture has not heard from is `unknown` (an unanswered SYN proves nothing about the
// far side: it may not exist); its first segment tells (a SYN-ACK shows it was LISTEN).
import { ACK, FIN, PSH, RST, SYN } from './tcp-bits.js';

export type TcpState =
  /** Not an RFC 9293 state: what the observer knows of a side it has not heard from. */
  | 'unknown'
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RCVD'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSING'
  | 'TIME_WAIT'
  | 'CLOSE_WAIT'
  | 'LAST_ACK';

export { ACK, FIN, PSH, RST, SYN };

/** One side's state change during one segment, with the RFC 9293 event that caused it. */
export interface StateChange {
  /** 0 = endpoint A (flow direction 0 sender), 1 = endpoint B. */
  readonly side: 0 | 1;
  readonly from: TcpState;
  readonly to: TcpState;
  readonly cause: string;
}

/** What the machine keeps of one side (constant size). */
export interface SideTrack {
  state: TcpState;
  /** Whether the side has sent a segment yet, and its SYN's sequence number. */
  sent: boolean;
  synSeq: number;
  hasSyn: boolean;
  /** Sequence number its FIN occupies, once it sent one. */
  finSeq: number;
  hasFin: boolean;
  finAcked: boolean;
  /** Whether this side has shown (by its ACK, or eagerly) that it received the peer's FIN. */
  gotFin: boolean;
}

export function newSide(state: TcpState): SideTrack {
  return { state, sent: false, synSeq: 0, hasSyn: false, finSeq: 0, hasFin: false, finAcked: false, gotFin: false };
}

/** a > b in 32-bit sequence space (RFC 9293 section 3.4 comparisons). */
export const seqGt = (a: number, b: number): boolean => ((a - b) | 0) > 0;
export const seqGe = (a: number, b: number): boolean => ((a - b) | 0) >= 0;

/** The segment fields the machine reads. */
export interface StateInput {
  readonly dir: 0 | 1;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly len: number;
}

/**
 * Moves the two sides through one segment sent by side `dir`. Returns the changes in the
 * order they happen (a side may change twice: CLOSE_WAIT then LAST_ACK in one FIN+ACK).
 */
export function applySegment(sides: [SideTrack, SideTrack], x: StateInput): StateChange[] {
  const out: StateChange[] = [];
  applyStates(sides, x.dir, x.seq, x.ack, x.flags, x.len, out);
  return out;
}

/** One state move; recorded in `out` when the caller wants the changes (the ladder does, the index does not). */
function move(sides: [SideTrack, SideTrack], side: 0 | 1, to: TcpState, cause: string, out: StateChange[] | null): void {
  const t = sides[side];
  if (t.state === to) return;
  out?.push({ side, from: t.state, to, cause });
  t.state = to;
}

/**
 * applySegment with scalar arguments, allocating nothing unless `out` is given: the index
 * runs it on every TCP packet of a capture. Returns true when the segment is a RST that
 * refused a connection (the first answer to a SYN).
 */
export function applyStates(sides: [SideTrack, SideTrack], d: 0 | 1, seq: number, ack: number, flags: number, len: number, out: StateChange[] | null): boolean {
  const r: 0 | 1 = d === 0 ? 1 : 0;
  const s = sides[d];
  const p = sides[r];
  const firstFromSender = !s.sent;
  s.sent = true;

  if (flags & RST) {
    if (firstFromSender && p.state === 'SYN_SENT' && !(flags & SYN)) {
      // A RST as the very first answer to a SYN: nobody was listening. The implied LISTEN
      // was wrong; the side was CLOSED all along (RFC 9293 3.10.7.1).
      move(sides, d, 'CLOSED', 'nothing listens on the port: answered the SYN with RST', out);
      move(sides, r, 'CLOSED', 'received RST in answer to its SYN (connection refused)', out);
      return true;
    }
    move(sides, d, 'CLOSED', 'sent RST (abort)', out);
    move(sides, r, 'CLOSED', 'received RST', out);
    return false;
  }

  if (flags & SYN) {
    if (!(flags & ACK)) {
      if (!s.hasSyn || s.synSeq !== seq) {
        s.hasSyn = true;
        s.synSeq = seq;
      }
      if (s.state === 'SYN_RCVD' || s.state === 'ESTABLISHED') return false;
      move(sides, d, 'SYN_SENT', 'sent SYN (active open)', out);
      return false;
    }
    s.hasSyn = true;
    s.synSeq = seq;
    // Answering a SYN proves the side was listening when it arrived.
    if (s.state === 'unknown') s.state = 'LISTEN';
    if (s.state === 'LISTEN' || s.state === 'CLOSED' || s.state === 'SYN_SENT') {
      move(sides, d, 'SYN_RCVD', s.state === 'SYN_SENT' ? 'received SYN while in SYN_SENT, sent SYN-ACK (simultaneous open)' : 'received SYN, sent SYN-ACK', out);
    }
    if (p.state === 'SYN_SENT' && (!p.hasSyn || ack === ((p.synSeq + 1) >>> 0))) move(sides, r, 'ESTABLISHED', 'received SYN-ACK', out);
    return false;
  }

  // A segment sent after the sender's FIN (its sequence number is past the FIN) reaches the
  // receiver after that FIN: a receiver in FIN_WAIT_1 had the FIN first, so the FINs
  // crossed (RFC 9293 3.10.7.4, FIN bit in FIN-WAIT-1: CLOSING, or TIME-WAIT when its
  // own FIN is already acknowledged).
  if (s.hasFin && !p.gotFin && p.state === 'FIN_WAIT_1' && seqGt(seq, s.finSeq)) {
    p.gotFin = true;
    move(sides, r, p.finAcked ? 'TIME_WAIT' : 'CLOSING', 'received FIN (the FINs crossed)', out);
  }

  if (flags & ACK) {
    // The sender's acknowledgement number proves what it received.
    if (s.state === 'SYN_SENT') move(sides, d, 'ESTABLISHED', 'received SYN-ACK', out);
    if (p.hasFin && !s.gotFin && seqGt(ack, p.finSeq)) {
      s.gotFin = true;
      if (s.state === 'ESTABLISHED' || s.state === 'SYN_RCVD') move(sides, d, 'CLOSE_WAIT', 'received FIN', out);
      else if (s.state === 'FIN_WAIT_1') move(sides, d, s.finAcked ? 'TIME_WAIT' : 'CLOSING', 'received FIN', out);
      else if (s.state === 'FIN_WAIT_2') move(sides, d, 'TIME_WAIT', 'received FIN', out);
    }
    // What the receiver learns from the acknowledgement.
    if (p.state === 'SYN_RCVD' && p.hasSyn && seqGt(ack, p.synSeq)) move(sides, r, 'ESTABLISHED', 'received ACK of its SYN', out);
    if (p.hasFin && !p.finAcked && seqGt(ack, p.finSeq)) {
      p.finAcked = true;
      if (p.state === 'FIN_WAIT_1') move(sides, r, 'FIN_WAIT_2', 'received ACK of its FIN', out);
      else if (p.state === 'CLOSING') move(sides, r, 'TIME_WAIT', 'received ACK of its FIN', out);
      else if (p.state === 'LAST_ACK') move(sides, r, 'CLOSED', 'received ACK of its FIN', out);
    }
  }

  if (flags & FIN) {
    if (!s.hasFin) {
      s.hasFin = true;
      s.finSeq = (seq + len) >>> 0;
      if (s.state === 'ESTABLISHED' || s.state === 'SYN_RCVD') move(sides, d, 'FIN_WAIT_1', 'sent FIN (active close)', out);
      else if (s.state === 'CLOSE_WAIT') move(sides, d, 'LAST_ACK', 'sent FIN (passive close)', out);
    }
    // A FIN reaching a side whose own FIN is already acknowledged needs no decision from
    // it: FIN_WAIT_2 -> TIME_WAIT (RFC 9293 3.10.7.4, "eighth, check the FIN bit").
    if (p.state === 'FIN_WAIT_2' && !p.gotFin) {
      p.gotFin = true;
      move(sides, r, 'TIME_WAIT', 'received FIN', out);
    }
  }
  return false;
}
