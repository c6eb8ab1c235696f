// One packet of a TCP ladder, kept small: a bulk flow has 100k+ events (600k in a 1M-packet
// capture) and the engine keeps a few flows' ladders built, while a screen shows ~20 of them.
// Values many events share (labels, analysis names, state pairs, no changes) are interned;
// the time string, and the sentence of a segment that changes nothing (plain data and
// ACKs, nearly all of a bulk flow), are made when read. Everything else is stored as given.
import { tcpFlagString } from '../protocols/tcp-flags.js';
import { A_ACK_LOST_SEGMENT, A_LOST_SEGMENT, analysisFieldNames } from './analysis-flags.js';
import { explainTcp } from './explain-tcp.js';
import { epochString, type LadderEvent } from './ladder-event.js';
import type { TcpStep } from './tcp-connection.js';
import { FIN, RST, SYN, type TcpState } from './tcp-states.js';

/** What every event of one ladder shares. */
export interface TcpEventContext {
  /** The packet table's times (wide ones included: see PacketTable.sec). */
  readonly sec: (i: number) => number;
  readonly nsec: (i: number) => number;
  /** Role names of the sender when the arrow goes left to right, and the other way. */
  readonly leftRole: string;
  readonly rightRole: string;
}

type States = NonNullable<LadderEvent['states']>;
const NO_CHANGES: readonly string[] = Object.freeze([]);
const labels = new Map<number, string>();
const names = new Map<number, readonly string[]>();
const pairs = new Map<TcpState, Map<TcpState, States>>();
const NO_STEP: TcpStep = Object.freeze({ changes: [], resend: null, handshakeDone: false, refused: false });

/** tcp.analysis.* names of a packet, lost-segment flags last (as tshark lists them). */
function analysisNames(bits: number): readonly string[] {
  let n = names.get(bits);
  if (!n) names.set(bits, (n = Object.freeze(analysisFieldNames(bits & ~(A_LOST_SEGMENT | A_ACK_LOST_SEGMENT)).concat(analysisFieldNames(bits & (A_LOST_SEGMENT | A_ACK_LOST_SEGMENT))))));
  return n;
}

function statePair(left: TcpState, right: TcpState): States {
  let m = pairs.get(left);
  if (!m) pairs.set(left, (m = new Map()));
  let p = m.get(right);
  if (!p) m.set(right, (p = Object.freeze({ left, right })));
  return p;
}

function flagLabel(flags: number): string {
  let l = labels.get(flags);
  if (l === undefined) labels.set(flags, (l = tcpFlagString(flags)));
  return l;
}

/** A segment whose sentence needs nothing but its own fields (no state change, resend, SYN, FIN or RST). */
export function plainStep(step: TcpStep, flags: number): boolean {
  return step.changes.length === 0 && !step.resend && !step.handshakeDone && !step.refused && !(flags & (SYN | FIN | RST));
}

export interface TcpEventFields {
  readonly index: number;
  readonly rel: number;
  readonly leftToRight: boolean;
  readonly flags: number;
  readonly seq: number;
  readonly nextSeq: number;
  /** Relative acknowledgement number, -1 without ACK. */
  readonly ack: number;
  readonly len: number;
  readonly window: number;
  /** Scaled window, -1 when the scale is unknown. */
  readonly scaledWindow: number;
  readonly bits: number;
  readonly ackAdvanced: boolean;
  readonly states: States;
  readonly changes: readonly string[];
  readonly via?: LadderEvent['via'];
  /** The sentence, when it needs more than the event's fields; made on reading otherwise. */
  readonly explanation?: string;
}

export class TcpPacketEvent implements LadderEvent {
  readonly index: number;
  readonly rel: number;
  readonly leftToRight: boolean;
  readonly seq: number;
  readonly nextSeq: number;
  readonly len: number;
  readonly window: number;
  /** Mutable for the ladder's corrections once the far side's first answer is known. */
  states: States;
  changes: readonly string[];
  readonly via?: LadderEvent['via'];
  private readonly flags: number;
  private readonly ackRel: number;
  private readonly scaled: number;
  private readonly bits: number;
  private readonly ackAdvanced: boolean;
  private readonly note: string | undefined;

  constructor(
    private readonly ctx: TcpEventContext,
    f: TcpEventFields,
  ) {
    this.index = f.index;
    this.rel = f.rel;
    this.leftToRight = f.leftToRight;
    this.seq = f.seq;
    this.nextSeq = f.nextSeq;
    this.len = f.len;
    this.window = f.window;
    this.states = f.states;
    this.changes = f.changes.length ? f.changes : NO_CHANGES;
    if (f.via) this.via = f.via;
    this.flags = f.flags;
    this.ackRel = f.ack;
    this.scaled = f.scaledWindow;
    this.bits = f.bits;
    this.ackAdvanced = f.ackAdvanced;
    this.note = f.explanation;
  }

  static states(left: TcpState, right: TcpState): States {
    return statePair(left, right);
  }

  get kind(): 'packet' {
    return 'packet';
  }
  get frame(): number {
    return this.index + 1;
  }
  get time(): string {
    return epochString(this.ctx.sec(this.index), this.ctx.nsec(this.index));
  }
  get label(): string {
    return flagLabel(this.flags);
  }
  get ack(): number | undefined {
    return this.ackRel >= 0 ? this.ackRel : undefined;
  }
  get scaledWindow(): number | undefined {
    return this.scaled >= 0 ? this.scaled : undefined;
  }
  get analysis(): readonly string[] {
    return analysisNames(this.bits);
  }
  get explanation(): string {
    if (this.note !== undefined) return this.note;
    const [from, to] = this.leftToRight ? [this.ctx.leftRole, this.ctx.rightRole] : [this.ctx.rightRole, this.ctx.leftRole];
    return explainTcp({
      from, to, flags: this.flags, len: this.len, seq: this.seq, nextSeq: this.nextSeq, ack: Math.max(0, this.ackRel), window: this.window, analysis: this.bits,
      step: NO_STEP, side: 0, synOptions: null, sport: 0, crossing: false, ackAdvanced: this.ackAdvanced, handshakeRtt: -1, senderState: '',
    });
  }

  /** The plain object (JSON output, `ackline ladder --json`): getters are not own properties. */
  toJSON(): LadderEvent {
    const ack = this.ack;
    const scaled = this.scaledWindow;
    return {
      kind: this.kind, frame: this.frame, index: this.index, time: this.time, rel: this.rel, leftToRight: this.leftToRight, label: this.label,
      seq: this.seq, nextSeq: this.nextSeq, ...(ack !== undefined ? { ack } : {}), len: this.len, window: this.window, ...(scaled !== undefined ? { scaledWindow: scaled } : {}),
      analysis: this.analysis, states: this.states, ...(this.via ? { via: this.via } : {}), changes: this.changes, explanation: this.explanation,
    };
  }
}
