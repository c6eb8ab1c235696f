// Geometry of the handshake timeline: two rails, one slanted arrow per packet (the
// sender's state changes where the arrow leaves, the receiver's where it lands), the
// handshake triangle with its iRTT, retransmission brackets with their gaps, gap breaks.
// Which texts have room: in time-proportional mode packets microseconds apart share a
// pixel row, so a label, gutter text or state name that would overlap the one before it
// is left out (its arrow says how many follow unlabelled; the full text is a tooltip).
// Pure: the component draws what this returns, the tests read it, the export reuses it.
import type { LadderDto, LadderEventDto } from '../../../electron/shared/dto.js';
import { duration } from './time-format.js';

export type ArrowKind = 'syn' | 'fin' | 'rst' | 'data' | 'ack' | 'other';

export interface Arrow {
  /** The event's number in the whole flow (the window starts at LadderDto.from). */
  i: number;
  ev: LadderEventDto;
  kind: ArrowKind;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  retransmission: boolean;
  problem: boolean;
  /** Whether its label has room (else its text is a tooltip), and how many unlabelled arrows follow it. */
  label: boolean;
  more: number;
  /** Whether its number and time have room in the gutter. */
  gutter: boolean;
}

export interface StateSegment {
  side: 0 | 1;
  state: string;
  y1: number;
  y2: number;
  /** Whether its name has room beside the rail (else it is the rail's tooltip). */
  label: boolean;
}

export interface RetxGroup {
  group: number;
  side: 0 | 1;
  ys: number[];
  gaps: { y: number; text: string }[];
  verdict: string;
  sentence: string;
  doubles: boolean | undefined;
}

export interface LadderLayout {
  width: number;
  height: number;
  rails: [number, number];
  top: number;
  arrows: Arrow[];
  states: StateSegment[];
  handshake?: { points: string; y1: number; y2: number; x: number; text: string; halves: string; label: boolean };
  retx: RetxGroup[];
  breaks: { y: number; text: string }[];
}

export interface LayoutOptions {
  width: number;
  mode: 'time' | 'compact';
  /** Maps a content y (compact) or a rel time (time mode) to screen y: the zoom. */
  y: (v: number) => number;
  /** Row pitch in compact mode. */
  gap: number;
  /** How far an arrow drops between the rails. */
  slope: number;
  top: number;
  /** Width of the gutter (number and time columns); GUTTER when not given. */
  gutter?: number;
  /** Packet index of the selected packet: its arrow keeps its label. */
  selected?: number;
}

export const GUTTER = 118;
/** Least distance between two texts of one column: arrow labels, gutter rows, state names. */
export const LABEL_LINE = 16;
export const GUTTER_LINE = 13;
export const STATE_LINE = 13;
/** Height given to a state a side passed through within one event (CLOSING in a simultaneous close). */
export const VIA_PX = 16;
const STATE_ROOM = 104;
const PROBLEMS = /retransmission|out_of_order|lost_segment|ack_lost|duplicate_ack|zero_window|window_full/;

export function arrowKind(ev: LadderEventDto): ArrowKind {
  const l = ev.label;
  if (!/^[SFRPU.EW]+$/.test(l)) return 'other';
  if (l.includes('R')) return 'rst';
  if (l.includes('S')) return 'syn';
  if (l.includes('F')) return 'fin';
  const len = /\blen(?:gth)? (\d+)/.exec(ev.detail);
  return l.includes('P') || (len && Number(len[1]) > 0) ? 'data' : 'ack';
}

type EventClass = Pick<Arrow, 'kind' | 'retransmission' | 'problem'>;
/** Per event, not per frame: layout runs on every pan and zoom step, over 100k+ events for a bulk flow. */
const classes = new WeakMap<LadderEventDto, EventClass>();
function classify(ev: LadderEventDto): EventClass {
  let c = classes.get(ev);
  if (!c) {
    const analysis = ev.analysis.join(' ');
    c = { kind: arrowKind(ev), retransmission: /retransmission/.test(analysis) || (ev.retransmitGroup !== undefined && (ev.gap ?? 0) > 0), problem: PROBLEMS.test(analysis) };
    classes.set(ev, c);
  }
  return c;
}

/** Content y of each event before zoom: compact rows, or its time. */
function baseValue(ev: LadderEventDto, i: number, o: Pick<LayoutOptions, 'mode' | 'gap' | 'top'>): number {
  return o.mode === 'time' ? ev.rel : o.top + i * o.gap;
}

export function layoutLadder(l: LadderDto, o: LayoutOptions): LadderLayout {
  const gutter = o.gutter ?? GUTTER;
  const width = Math.max(o.width, gutter + 2 * STATE_ROOM + 260);
  const rails: [number, number] = [gutter + STATE_ROOM, width - STATE_ROOM];
  const evs = l.events;
  // Arrows are numbered in the whole flow: the events are the window from `l.from`.
  const arrows: Arrow[] = evs.map((ev, k) => {
    const i = l.from + k;
    const y1 = o.y(baseValue(ev, i, o));
    const [x1, x2] = ev.dir === 0 ? rails : [rails[1], rails[0]];
    const c = classify(ev);
    return { i, ev, kind: c.kind, x1, y1, x2, y2: y1 + o.slope, retransmission: c.retransmission, problem: c.problem, label: true, more: 0, gutter: true };
  });
  const last = arrows.at(-1);
  const bottom = (last ? Math.max(last.y2, o.y(baseValue(last.ev, last.i, o))) : o.top) + 40;

  // Each side's state from where it changed to where it changes next; a state passed
  // through within one event gets a short segment of its own where the arrow touches the rail.
  const states: StateSegment[] = [];
  for (const side of [0, 1] as const) {
    let cur: { state: string; y: number } | undefined;
    for (const a of arrows) {
      const s = side === 0 ? a.ev.clientState : a.ev.serverState;
      if (!s) continue;
      let y = a.ev.dir === side ? a.y1 : a.y2;
      const via = (side === 0 ? a.ev.clientVia : a.ev.serverVia) ?? [];
      if (cur && cur.state === s && !via.length) continue;
      for (const v of via) {
        if (cur) states.push({ side, state: cur.state, y1: cur.y, y2: Math.max(cur.y, y), label: true });
        cur = { state: v, y: Math.max(cur?.y ?? y, y) };
        y = cur.y + VIA_PX;
      }
      if (cur) states.push({ side, state: cur.state, y1: cur.y, y2: Math.max(cur.y, y), label: true });
      cur = { state: s, y: Math.max(cur?.y ?? y, y) };
    }
    if (cur) states.push({ side, state: cur.state, y1: cur.y, y2: Math.max(cur.y, bottom), label: true });
  }

  let handshake: LadderLayout['handshake'];
  const syn = arrows.find((a) => a.ev.label === 'S' && a.ev.dir === 0 && !a.ev.ghost);
  const synAck = syn && arrows.find((a) => a.i > syn.i && a.ev.label === 'S.' && a.ev.dir === 1);
  const ack = synAck && arrows.find((a) => a.i > synAck.i && a.ev.dir === 0 && !a.ev.label.includes('S'));
  if (syn && synAck && ack) {
    const total = l.handshake.total ?? ack.ev.rel - syn.ev.rel;
    const halves = [l.handshake.synToSynAck, l.handshake.synAckToAck].every((v) => v !== undefined)
      ? `SYN→SYN-ACK ${duration(l.handshake.synToSynAck!)} · SYN-ACK→ACK ${duration(l.handshake.synAckToAck!)}`
      : '';
    handshake = {
      points: `${rails[0]},${syn.y1} ${rails[1]},${syn.y2} ${rails[1]},${synAck.y1} ${rails[0]},${synAck.y2}`,
      y1: syn.y1,
      y2: ack.y1,
      x: rails[0] - 10,
      text: `iRTT ${duration(total)}`,
      halves,
      label: true,
    };
  }
  placeTexts(arrows, states, handshake, o.selected);

  // Retransmission groups: the tries of one segment, with the gap before each retry.
  const byGroup = new Map<number, Arrow[]>();
  for (const a of arrows) if (a.ev.retransmitGroup !== undefined) byGroup.set(a.ev.retransmitGroup, [...(byGroup.get(a.ev.retransmitGroup) ?? []), a]);
  const retx: RetxGroup[] = [];
  for (const [group, as] of byGroup) {
    if (as.length < 2) continue;
    const b = l.backoff.find((x) => x.group === group);
    const gaps = as.slice(1).map((a, k) => ({ y: (as[k]!.y1 + a.y1) / 2, text: `+${duration(a.ev.gap ?? a.ev.rel - as[k]!.ev.rel)}` }));
    // The engine's sentence is long; the diagram says it in a line, the sentence goes to the tooltip.
    const verdict = b
      ? `back-off ${b.intervals.map((v) => duration(v)).join(' → ')} ${b.doubles ? '· doubles each time ✓' : `· does not double (off by ${Math.round(b.deviation * 100)}%)`}`
      : `${as.length} tries`;
    retx.push({ group, side: as[0]!.ev.dir, ys: as.map((a) => a.y1), gaps, verdict, sentence: b?.label ?? '', doubles: b?.doubles });
  }

  // Compact mode hides time; long pauses get a break line that says how long.
  const breaks: { y: number; text: string }[] = [];
  if (o.mode === 'compact')
    for (let i = 1; i < arrows.length; i++) {
      // Between tries of one segment the bracket already says how long it waited.
      const g = arrows[i]!.ev.retransmitGroup;
      if (g !== undefined && g === arrows[i - 1]!.ev.retransmitGroup && (byGroup.get(g)?.length ?? 0) > 1) continue;
      const dt = arrows[i]!.ev.rel - arrows[i - 1]!.ev.rel;
      if (dt >= 0.1) breaks.push({ y: (arrows[i - 1]!.y2 + arrows[i]!.y1) / 2, text: `${duration(dt)} later` });
    }

  return { width, height: bottom, rails, top: o.top, arrows, states, handshake, retx, breaks };
}

/**
 * Decides which texts have room. Arrow labels and gutter rows go top down, the selected
 * arrow's first; state names go bottom up (the state a side ends a burst in is the one that
 * lasts, so its name wins), after the iRTT, which shares the left rail's column.
 */
function placeTexts(arrows: Arrow[], states: StateSegment[], hs: LadderLayout['handshake'], selected: number | undefined): void {
  const sel = arrows.find((a) => a.ev.index === selected && !a.ev.ghost);
  const far = (a: Arrow, line: number): boolean => !sel || a === sel || Math.abs(a.y1 - sel.y1) >= line;
  let label: Arrow | undefined;
  let row: Arrow | undefined;
  let before = 0;
  for (const a of arrows) {
    a.label = a === sel || ((!label || Math.abs(a.y1 - label.y1) >= LABEL_LINE) && far(a, LABEL_LINE));
    if (a.label) {
      // Unlabelled arrows above the first label are counted on it.
      if (!label) a.more = before;
      label = a;
    } else if (label) label.more++;
    else before++;
    a.gutter = a === sel || ((!row || Math.abs(a.y1 - row.y1) >= GUTTER_LINE) && far(a, GUTTER_LINE));
    if (a.gutter) row = a;
  }
  // The iRTT sits mid-handshake beside the left rail (baseline + 4); state names at y1 + 12.
  const hsBase = hs ? (hs.y1 + hs.y2) / 2 + 4 : undefined;
  for (const side of [0, 1] as const) {
    let below: number | undefined;
    for (let k = states.length - 1; k >= 0; k--) {
      const st = states[k]!;
      if (st.side !== side) continue;
      const base = st.y1 + 12;
      st.label = (below === undefined || below - base >= STATE_LINE) && (side === 1 || hsBase === undefined || Math.abs(base - hsBase) >= STATE_LINE);
      if (st.label) below = base;
    }
  }
}

/** The first line of the engine's detail (seq/ack/win/len); further lines are state changes. */
export function detailLine(ev: LadderEventDto): string {
  const nl = ev.detail.indexOf('\n');
  return nl < 0 ? ev.detail : ev.detail.slice(0, nl);
}

/** The arrow's label: tcpdump flags in brackets for TCP, the message otherwise. */
export function arrowTitle(a: Arrow): string {
  return a.kind === 'other' ? a.ev.label : `[${a.ev.label}]`;
}

/** Colour class of a TCP state on its rail. */
export function stateClass(state: string): string {
  if (state === 'ESTABLISHED') return 'st-est';
  if (state === 'SYN_SENT' || state === 'SYN_RCVD') return 'st-open';
  if (state === 'TIME_WAIT') return 'st-tw';
  if (state === 'CLOSED' || state === 'LISTEN') return 'st-closed';
  if (state === 'unknown') return 'st-unknown';
  return 'st-close';
}
