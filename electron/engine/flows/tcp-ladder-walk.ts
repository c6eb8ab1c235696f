// One step of a TCP flow's ladder per packet: relative sequence numbers, segments the capture
// missed (ghosts), and the connection's states after each event. The whole-flow ladder
// (ladder-tcp.ts) and the window around a packet (tcp-ladder-window.ts) both walk with it,
// so a window is by construction a slice of the whole ladder; a window starts from a
// checkpoint (tcp-ladder-checkpoints.ts), a copy of a walk taken while the file opened.
import type { CaptureIndex } from './capture-index.js';
import { explainTcp } from './explain-tcp.js';
import type { Flow } from './flow.js';
import type { FlowPacketList } from './flow-packet-list.js';
import { epochString, type LadderEvent } from './ladder-event.js';
import { plainStep, TcpPacketEvent, type TcpEventContext } from './tcp-ladder-event.js';
import { TcpConnection, type SynOptions } from './tcp-connection.js';
import { ACK, FIN, SYN, seqGt, type StateChange, type TcpState } from './tcp-states.js';

/** How far ahead a gap is looked for before it is called missing (bounds the work per gap). */
export const LOOKAHEAD = 4096;

/** What every step of one flow's walk reads. */
export class TcpWalkContext {
  readonly t: CaptureIndex['packets'];
  readonly client: 0 | 1;
  readonly opts: readonly [SynOptions | null, SynOptions | null];
  readonly events: TcpEventContext;

  constructor(
    readonly index: CaptureIndex,
    readonly flow: Flow,
    readonly list: FlowPacketList,
  ) {
    this.t = index.packets;
    const known = index.connections.get(flow.id);
    this.client = known?.client ?? 0;
    this.opts = known?.synOptions ?? [null, null];
    const t = this.t;
    this.events = { sec: (i) => t.sec(i), nsec: (i) => t.nsec(i), leftRole: 'client', rightRole: 'server' };
  }

  role(d: number): string {
    return d === this.client ? 'client' : 'server';
  }

  /** Seconds since the flow's first packet. */
  timeOf(i: number): number {
    const t = this.t;
    return t.sec(i) - this.flow.firstSec + (t.nsec(i) - this.flow.firstNsec) / 1e9;
  }

  /** The flow table's direction rule (flow-table.ts), re-applied to a stored row. */
  dirOf(i: number): 0 | 1 {
    const t = this.t;
    const f = this.flow;
    const src = t.src.get(i)!;
    const sport = f.kind === 'tcp' || f.kind === 'udp' ? t.sport.get(i)! : f.aPort;
    return f.a === src && f.aPort === sport && (f.b !== src || f.bPort !== sport || f.a === f.b) ? 0 : 1;
  }

  /** Window scale of side d, -1 unless both SYNs carried one. */
  wscale(d: number): number {
    const o = this.opts;
    return o[0] && o[1] && o[0].wscale >= 0 && o[1].wscale >= 0 ? o[d]!.wscale : -1;
  }

  /** A fresh connection as the whole-flow ladder starts it. */
  freshConnection(): TcpConnection {
    const c = new TcpConnection();
    if (this.opts[0]) c.noteSynOptions(0, this.opts[0]);
    if (this.opts[1]) c.noteSynOptions(1, this.opts[1]);
    return c;
  }
}

/** The walk's own state besides the connection: what a checkpoint copies. */
export interface WalkLocals {
  /**
   * Per direction d: the relative sequence base [d], the next expected sequence number
   * [2 + d], the last acknowledgement number [4 + d]; NaN until known. In a Float64Array:
   * sequence numbers above 2^31 kept in a plain array were a heap number each.
   */
  readonly v: Float64Array;
  /** Events (packets and ghosts) and packets stepped so far. */
  events: number;
  packets: number;
  /** The latest time (s since the flow start) of the packets stepped (times may go back); kept only by walks with a connection and by checkpoints. */
  maxRel: number;
}

const BASE = 0;
const NEXT = 2;
const LAST_ACK = 4;

export function freshLocals(): WalkLocals {
  return { v: new Float64Array(6).fill(NaN), events: 0, packets: 0, maxRel: -Infinity };
}

export function copyLocals(l: WalkLocals): WalkLocals {
  return { v: l.v.slice(), events: l.events, packets: l.packets, maxRel: l.maxRel };
}

/** Sequence number x of direction d relative to its base (x itself while the base is unknown: 0). */
export function relSeq(l: WalkLocals, d: number, x: number): number {
  const b = l.v[BASE + d]!;
  return (x - (b === b ? b : x)) >>> 0;
}

export class TcpLadderWalk {
  /**
   * @param c the connection the states come from; null walks only the locals (counts events,
   * finds ghosts: what the checkpoints' cursor and `total` need).
   */
  constructor(
    readonly ctx: TcpWalkContext,
    readonly c: TcpConnection | null,
    readonly s: WalkLocals = freshLocals(),
  ) {}

  private rel(d: number, x: number): number {
    return relSeq(this.s, d, x);
  }

  /** Whether bytes [from, to) of direction d show up among the LOOKAHEAD packets after packet i (then they were not lost). */
  private seenLater(i: number, d: number, from: number, to: number): boolean {
    const { list, t } = this.ctx;
    let j = list.next(i);
    for (let m = 0; j >= 0 && m < LOOKAHEAD; m++, j = list.next(j)) {
      if (this.ctx.dirOf(j) !== d) continue;
      const s = t.seq.get(j)!;
      if (!seqGt(from, s) && seqGt(to, s)) return true;
      if (!seqGt(from, s) && !seqGt(s, from)) return true;
    }
    return false;
  }

  private ghost(out: LadderEvent[] | null, lo: number, i: number, d: number, from: number, to: number, flag: string, how: string): void {
    const k = this.s.events++;
    if (!out || k < lo) return;
    const { ctx } = this;
    const t = ctx.t;
    out.push({
      kind: 'ghost', frame: 0, index: -1, time: epochString(t.sec(i), t.nsec(i)), rel: ctx.timeOf(i), leftToRight: d === ctx.client,
      label: '?', seq: this.rel(d, from), nextSeq: this.rel(d, to), len: (to - from) >>> 0, analysis: [flag], changes: [],
      explanation: `A ${ctx.role(d)} segment (seq ${this.rel(d, from)}:${this.rel(d, to)}, ${(to - from) >>> 0} bytes) is missing from the capture: ${how}`,
    });
  }

  /**
   * Steps packet i: its ghosts, then its own event. Events numbered `lo` and on are pushed to
   * `out` (null: none, only counted); the others only move the state.
   */
  step(i: number, out: LadderEvent[] | null, lo = 0): void {
    const { ctx, s } = this;
    const t = ctx.t;
    const d = ctx.dirOf(i);
    const o: 0 | 1 = d === 0 ? 1 : 0;
    const flags = t.tcpFlags.get(i)!;
    const seq = t.seq.get(i)!;
    const ack = t.ack.get(i)!;
    const len = t.payloadLength.get(i)!;
    const v = s.v;
    if (v[BASE + d] !== v[BASE + d]) v[BASE + d] = flags & SYN ? seq : (seq - 1) >>> 0;
    if (flags & ACK && v[BASE + o] !== v[BASE + o]) v[BASE + o] = (ack - 1) >>> 0;
    const span = len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);
    const end = (seq + span) >>> 0;
    const nd = v[NEXT + d]!;
    if (nd === nd && seqGt(seq, nd) && !this.seenLater(i, d, nd, seq)) this.ghost(out, lo, i, d, nd, seq, 'tcp.analysis.lost_segment', `the next one starts ${(seq - nd) >>> 0} bytes beyond it`);
    const no = v[NEXT + o]!;
    if (flags & ACK && no === no && seqGt(ack, no) && !this.seenLater(i, o, no, ack)) {
      this.ghost(out, lo, i, o, no, ack, 'tcp.analysis.ack_lost_segment', `the ${ctx.role(d)} acknowledges it, so it was sent and arrived`);
      v[NEXT + o] = ack;
    }
    const nd2 = v[NEXT + d]!;
    if (nd2 !== nd2 || seqGt(end, nd2)) v[NEXT + d] = end;
    const la = v[LAST_ACK + d]!;
    const ackAdvanced = (flags & ACK) !== 0 && la === la && seqGt(ack, la);
    if (flags & ACK) v[LAST_ACK + d] = ack;
    s.packets++;
    const k = s.events++;
    const c = this.c;
    // The locals-only walk (the checkpoints' cursor, counting events) needs no time: the
    // checkpoints take their maxRel from the index as packets arrive.
    if (!c) return;
    const rel = ctx.timeOf(i);
    if (rel > s.maxRel) s.maxRel = rel;
    const analysis = t.analysis.get(i)!;
    if (!out || k < lo) {
      c.note(i, rel, d, seq, ack, flags, len, analysis, t.sport.get(i)!, t.dport.get(i)!, null);
      return;
    }
    const rcv = c.sides[o];
    const crossing = (flags & FIN) !== 0 && rcv.hasFin && !seqGt(ack, rcv.finSeq);
    const step = c.observe({ index: i, t: rel, dir: d, seq, ack, flags, len, window: t.window.get(i)!, analysis, sport: t.sport.get(i)!, dport: t.dport.get(i)! });
    const client = ctx.client;
    const ws = flags & SYN ? -1 : ctx.wscale(d);
    const rs = this.rel(d, seq);
    const ackRel = flags & ACK ? this.rel(o, ack) : -1;
    const explain = (): string =>
      explainTcp({
        from: ctx.role(d), to: ctx.role(o), flags, len, seq: rs, nextSeq: (rs + len) >>> 0, ack: Math.max(0, ackRel), window: t.window.get(i)!, analysis, step, side: d,
        synOptions: ctx.opts[d] ?? null, sport: t.sport.get(i)!, crossing, ackAdvanced, handshakeRtt: c.handshakeRtt.total, senderState: c.sides[d].state,
      });
    const via = step.changes.length > 1 ? passedThrough(step.changes, client) : undefined;
    out.push(
      new TcpPacketEvent(ctx.events, {
        index: i,
        rel,
        leftToRight: d === client,
        flags,
        seq: rs,
        nextSeq: (rs + span) >>> 0,
        ack: ackRel,
        len,
        window: t.window.get(i)!,
        scaledWindow: ws >= 0 ? t.window.get(i)! * 2 ** ws : -1,
        bits: analysis,
        ackAdvanced,
        states: TcpPacketEvent.states(c.sides[client].state, c.sides[client === 0 ? 1 : 0].state),
        changes: step.changes.length ? step.changes.map((ch) => `${ctx.role(ch.side)}: ${ch.from} -> ${ch.to} (${ch.cause})`) : [],
        ...(via ? { via } : {}),
        // A segment that changes nothing is explained from its own fields when read.
        ...(plainStep(step, flags) ? {} : { explanation: explain() }),
      }),
    );
  }
}

/** The states each lane went through before its last one in this event, when it changed more than once. */
function passedThrough(changes: readonly StateChange[], client: 0 | 1): LadderEvent['via'] {
  let left: TcpState[] | undefined;
  let right: TcpState[] | undefined;
  for (const side of [0, 1] as const) {
    const mine = changes.filter((ch) => ch.side === side);
    if (mine.length < 2) continue;
    const states = mine.slice(0, -1).map((ch) => ch.to);
    if (side === client) left = states;
    else right = states;
  }
  return left || right ? { ...(left ? { left } : {}), ...(right ? { right } : {}) } : undefined;
}
