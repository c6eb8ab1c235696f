// One TCP connection as the capture shows it: both sides' RFC 9293 states, who opened it,
// the handshake's timing, Wireshark's tcp.completeness, the outcome and the resend groups.
// Fed every segment of one flow in capture order; its state is bounded whatever the flow's
// length, so the index keeps one per TCP flow, and the ladder re-runs a fresh one to get
// the state after each event.
import {
  A_DUPLICATE_ACK,
  A_FAST_RETRANSMISSION,
  A_LOST_SEGMENT,
  A_ACK_LOST_SEGMENT,
  A_OUT_OF_ORDER,
  A_RETRANSMISSION,
  A_ZERO_WINDOW,
} from './analysis-flags.js';
import { BackoffTracker, type ResendInfo } from './tcp-backoff.js';
import { ACK, FIN, RST, SYN, applyStates, newSide, type SideTrack, type StateChange, type TcpState } from './tcp-states.js';
import type { SentPool } from './tcp-sent-pool.js';
import { C_ACK, C_DATA, C_FIN, C_RST, C_SYN, C_SYNACK } from './tcp-bits.js';

export type TcpOutcome = 'complete' | 'reset' | 'refused' | 'unanswered' | 'handshake-incomplete' | 'half-closed' | 'open';

export { C_ACK, C_DATA, C_FIN, C_RST, C_SYN, C_SYNACK };

/** One segment as the connection reads it. `t` = seconds since the flow's first packet. */
export interface TcpObservation {
  readonly index: number;
  readonly t: number;
  readonly dir: 0 | 1;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly len: number;
  readonly window: number;
  readonly analysis: number;
  /** Ports of the sender and receiver (for who-is-the-server when the handshake is missing). */
  readonly sport: number;
  readonly dport: number;
}

/** SYN options of one side, for the handshake's sentences. */
export interface SynOptions {
  mss: number;
  wscale: number;
  sackPermitted: boolean;
  timestamps: boolean;
}

export interface TcpStep {
  readonly changes: StateChange[];
  readonly resend: ResendInfo | null;
  /** This segment completed the three-way handshake. */
  readonly handshakeDone: boolean;
  /** The RST answered a SYN (nothing listening). */
  readonly refused: boolean;
}

export interface Counters {
  retransmissions: number;
  fastRetransmissions: number;
  dupAcks: number;
  zeroWindows: number;
  outOfOrder: number;
  lost: number;
}

export class TcpConnection {
  readonly sides: [SideTrack, SideTrack] = [newSide('CLOSED'), newSide('CLOSED')];
  /** Which side opened the connection (0 = A, 1 = B), and how we know. */
  client: 0 | 1 = 0;
  clientBasis: 'handshake' | 'ports' = 'ports';
  /** No SYN seen first: the connection existed before the capture began. */
  startedBeforeCapture = false;
  /** Handshake times in seconds since the flow start (-1 until seen). */
  firstSynAt = -1;
  synAt = -1;
  synAckAt = -1;
  ackAt = -1;
  completeness = 0;
  resetBy: 0 | 1 | -1 = -1;
  refused = false;
  packets: [number, number] = [0, 0];
  readonly synOptions: [SynOptions | null, SynOptions | null] = [null, null];
  readonly backoff: BackoffTracker;
  readonly counters: Counters = { retransmissions: 0, fastRetransmissions: 0, dupAcks: 0, zeroWindows: 0, outOfOrder: 0, lost: 0 };
  /** What the last note() found: the segment completed the handshake / refused the connection. */
  lastHandshakeDone = false;
  lastRefused = false;
  private seen = false;

  /** @param pool where the resend detector keeps its recent segments (the index shares one among all connections). */
  constructor(pool?: SentPool, backoff?: BackoffTracker) {
    this.backoff = backoff ?? new BackoffTracker(pool);
  }

  /**
   * An independent copy (a ladder checkpoint): fed the same segments from here on, it goes
   * through the same states as this one, and neither sees the other's segments.
   */
  copy(): TcpConnection {
    const c = new TcpConnection(undefined, this.backoff.copy());
    for (const d of [0, 1] as const) Object.assign(c.sides[d], this.sides[d]);
    c.client = this.client;
    c.clientBasis = this.clientBasis;
    c.startedBeforeCapture = this.startedBeforeCapture;
    c.firstSynAt = this.firstSynAt;
    c.synAt = this.synAt;
    c.synAckAt = this.synAckAt;
    c.ackAt = this.ackAt;
    c.completeness = this.completeness;
    c.resetBy = this.resetBy;
    c.refused = this.refused;
    c.packets = [this.packets[0], this.packets[1]];
    c.synOptions[0] = this.synOptions[0];
    c.synOptions[1] = this.synOptions[1];
    Object.assign(c.counters, this.counters);
    c.lastHandshakeDone = this.lastHandshakeDone;
    c.lastRefused = this.lastRefused;
    c.seen = this.seen;
    return c;
  }

  get states(): [TcpState, TcpState] {
    return [this.sides[0].state, this.sides[1].state];
  }

  /** Records the SYN options of a side (the index passes them; the ladder may not have bytes). */
  noteSynOptions(dir: 0 | 1, o: SynOptions): void {
    this.synOptions[dir] ??= o;
  }

  observe(o: TcpObservation): TcpStep {
    const changes: StateChange[] = [];
    const resend = this.note(o.index, o.t, o.dir, o.seq, o.ack, o.flags, o.len, o.analysis, o.sport, o.dport, changes);
    return { changes, resend, handshakeDone: this.lastHandshakeDone, refused: this.lastRefused };
  }

  /**
   * observe() with scalar arguments: what the index calls on every TCP packet, allocating
   * nothing per packet (the state changes are collected only when `changes` is given).
   * Returns the resend the segment is (null for a first send); handshakeDone/refused of
   * the segment are left in lastHandshakeDone/lastRefused.
   */
  note(index: number, t: number, dir: 0 | 1, seq: number, ack: number, flags: number, len: number, analysis: number, sport: number, dport: number, changes: StateChange[] | null): ResendInfo | null {
    if (!this.seen) this.start(dir, flags, sport, dport);
    this.packets[dir]++;
    this.fillCompleteness(flags, len);
    if (analysis !== 0) this.count(analysis);
    const resend = this.backoff.observe(index, t, dir, seq, len, flags, analysis);
    if (flags & SYN && !(flags & ACK) && dir === this.client) {
      if (this.firstSynAt < 0) this.firstSynAt = t;
      if (this.synAckAt < 0) this.synAt = t;
    }
    if ((flags & (SYN | ACK)) === (SYN | ACK) && dir !== this.client && this.synAckAt < 0) this.synAckAt = t;
    const refusing = applyStates(this.sides, dir, seq, ack, flags, len, changes);
    let handshakeDone = false;
    if (this.ackAt < 0 && this.synAckAt >= 0 && dir === this.client && (flags & (SYN | ACK | RST)) === ACK) {
      this.ackAt = t;
      handshakeDone = true;
    }
    let refused = false;
    if (flags & RST && this.resetBy < 0) {
      this.resetBy = dir;
      refused = refusing;
      if (refused) this.refused = true;
    }
    this.lastHandshakeDone = handshakeDone;
    this.lastRefused = refused;
    return resend;
  }

  /** SYN→SYN-ACK, SYN-ACK→ACK and their sum (tcp.analysis.initial_rtt), seconds; -1 when unknown. */
  get handshakeRtt(): { synToSynAck: number; synAckToAck: number; total: number } {
    const a = this.synAt >= 0 && this.synAckAt >= 0 ? this.synAckAt - this.synAt : -1;
    const b = this.synAckAt >= 0 && this.ackAt >= 0 ? this.ackAt - this.synAckAt : -1;
    return { synToSynAck: a, synAckToAck: b, total: a >= 0 && b >= 0 ? a + b : -1 };
  }

  get outcome(): TcpOutcome {
    if (this.refused) return 'refused';
    if (this.resetBy >= 0) return 'reset';
    const [a, b] = this.sides;
    if (a.hasFin && b.hasFin && a.finAcked && b.finAcked) return 'complete';
    if (a.hasFin || b.hasFin) return 'half-closed';
    if (!this.startedBeforeCapture && this.synAckAt < 0 && this.packets[1 - this.client] === 0) return 'unanswered';
    if (!this.startedBeforeCapture && this.ackAt < 0 && !this.sides.every((s) => s.state === 'ESTABLISHED')) return 'handshake-incomplete';
    return 'open';
  }

  private start(d: 0 | 1, flags: number, sport: number, dport: number): void {
    this.seen = true;
    const other: 0 | 1 = d === 0 ? 1 : 0;
    if (flags & SYN) {
      this.clientBasis = 'handshake';
      // A SYN opens from CLOSED; a SYN-ACK first means the SYN was missed. The server's
      // state is unknown until it answers (nothing may be there at all).
      this.client = flags & ACK ? other : d;
      this.sides[this.client].state = flags & ACK ? 'SYN_SENT' : 'CLOSED';
      this.sides[this.client === 0 ? 1 : 0].state = 'unknown';
      this.startedBeforeCapture = (flags & ACK) !== 0;
      return;
    }
    this.startedBeforeCapture = true;
    this.sides[0].state = 'ESTABLISHED';
    this.sides[1].state = 'ESTABLISHED';
    this.client = serverByPorts(sport, dport) ? other : d;
  }

  /** Wireshark's conversation completeness (packet-tcp.c): ACK counts only after a SYN-ACK. */
  private fillCompleteness(flags: number, len: number): void {
    let c = this.completeness;
    if (flags & SYN) c |= flags & ACK ? C_SYNACK : C_SYN;
    else if (flags & ACK && c & C_SYNACK) c |= C_ACK;
    if (len > 0) c |= C_DATA;
    if (flags & FIN) c |= C_FIN;
    if (flags & RST) c |= C_RST;
    this.completeness = c;
  }

  private count(a: number): void {
    const k = this.counters;
    if (a & A_RETRANSMISSION) k.retransmissions++;
    if (a & A_FAST_RETRANSMISSION) k.fastRetransmissions++;
    if (a & A_DUPLICATE_ACK) k.dupAcks++;
    if (a & A_ZERO_WINDOW) k.zeroWindows++;
    if (a & A_OUT_OF_ORDER) k.outOfOrder++;
    if (a & (A_LOST_SEGMENT | A_ACK_LOST_SEGMENT)) k.lost++;
  }
}

/**
 * Whether the sender of a mid-connection first packet (port `sport`) is the server: a
 * well-known port (< 1024) against a non-well-known one, else the non-ephemeral side
 * (IANA ephemeral range 49152+, Linux's 32768+), else the lower port, as a person would guess.
 */
export function serverByPorts(sport: number, dport: number): boolean {
  const wk = (p: number): boolean => p < 1024;
  if (wk(sport) !== wk(dport)) return wk(sport);
  const eph = (p: number): boolean => p >= 32768;
  if (eph(sport) !== eph(dport)) return !eph(sport);
  return sport < dport;
}

/** The flows table's outcome column: "complete", "reset by server", "refused", ... */
export function outcomeText(c: TcpConnection): string {
  const role = (d: number): string => (d === c.client ? 'client' : 'server');
  const o = c.outcome;
  let s: string = o;
  if (o === 'reset') s = `reset by ${role(c.resetBy)}`;
  else if (o === 'half-closed') s = `half-closed by ${c.sides[c.client].hasFin ? 'client' : 'server'}`;
  else if (o === 'handshake-incomplete') s = 'handshake incomplete';
  return c.startedBeforeCapture ? `${s} (started before capture)` : s;
}
