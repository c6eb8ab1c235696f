// The ladder of one TCP flow: a fresh TcpConnection re-run over the flow's packets gives the
// states after each event; sequence numbers are made relative as Wireshark does (to the
// SYN's ISN, or to the first seen number - 1 when the SYN was not captured); segments the
// capture missed become ghost events. The step per packet is tcp-ladder-walk.ts; this file
// is the whole walk, the corrections that need the whole flow, and the header.
import type { CaptureIndex } from './capture-index.js';
import type { Flow } from './flow.js';
import type { FlowPacketList } from './flow-packet-list.js';
import { epochString, seconds, type BackoffSummary, type Ladder, type LadderEvent } from './ladder-event.js';
import { backoffVerdict, type RetransmissionGroup } from './tcp-backoff.js';
import { TcpPacketEvent } from './tcp-ladder-event.js';
import { relSeq, TcpLadderWalk, TcpWalkContext, type WalkLocals } from './tcp-ladder-walk.js';
import { outcomeText, type TcpConnection } from './tcp-connection.js';
import type { TcpState } from './tcp-states.js';

export function tcpLadder(index: CaptureIndex, flow: Flow, list: FlowPacketList): Ladder {
  const ctx = new TcpWalkContext(index, flow, list);
  const c = ctx.freshConnection();
  const walk = new TcpLadderWalk(ctx, c);
  const events: LadderEvent[] = [];
  for (let i = flow.firstIndex; i >= 0; i = list.next(i)) walk.step(i, events);
  correctStates(events, 0, ctx.client, c.refused, c.refused ? null : serverFirstSeen(events, 0, ctx.client));
  return tcpLadderHeader(ctx, c, walk.s, events);
}

/** The event where the server's lane first shows a state, and whether that proves it was listening. */
export interface ServerFirstSeen {
  /** Its number among the ladder's events. */
  readonly event: number;
  readonly listening: boolean;
}

/** The lane the corrections below look at (as the ladder has always read it). */
function laneOf(client: 0 | 1): 'left' | 'right' {
  return client === 0 ? 'right' : 'left';
}

/** The first event among `events` (numbered from `offset`) whose lane shows a state, or null. */
export function serverFirstSeen(events: readonly LadderEvent[], offset: number, client: 0 | 1): ServerFirstSeen | null {
  const lane = laneOf(client);
  const shown = events.findIndex((e) => e.states !== undefined && e.states[lane] !== 'unknown');
  if (shown < 0) return null;
  const first = events[shown]!.changes.find((ch) => ch.startsWith('server: '));
  return { event: offset + shown, listening: first?.startsWith('server: LISTEN -> ') ?? false };
}

/**
 * The server's first answer tells what it was while the capture had not heard from it: a
 * refusal proves it CLOSED all along (nothing listened; the RST changes only the client), a
 * SYN-ACK that it was listening. With no answer it stays unknown. `events` are numbered from
 * `offset` (a window of the ladder); `first` is the whole ladder's first answer.
 */
export function correctStates(events: readonly LadderEvent[], offset: number, client: 0 | 1, refused: boolean, first: ServerFirstSeen | null): void {
  const lane = laneOf(client);
  const correct = (e: LadderEvent, to: TcpState): void => {
    if (!(e instanceof TcpPacketEvent)) return;
    e.states = lane === 'right' ? TcpPacketEvent.states(e.states.left, to) : TcpPacketEvent.states(to, e.states.right);
  };
  if (refused) {
    for (const e of events) {
      correct(e, 'CLOSED');
      if (e instanceof TcpPacketEvent && e.changes.length) e.changes = e.changes.filter((ch) => !ch.startsWith('server:'));
    }
  } else if (first?.listening) {
    for (let k = 0; k < events.length && offset + k < first.event; k++) if (events[k]!.states?.[lane] === 'unknown') correct(events[k]!, 'LISTEN');
  }
}

/** The ladder with its header: lanes, outcome, summary and back-off of connection `c` after the flow so far. */
export function tcpLadderHeader(ctx: TcpWalkContext, c: TcpConnection, s: WalkLocals, events: readonly LadderEvent[]): Ladder {
  const { index, flow, client } = ctx;
  const rel = (d: number, v: number): number => relSeq(s, d, v);
  const backoff = c.backoff.groups.map((g) => backoffSummary(g, client, ctx.role(g.dir), rel(g.dir, g.seq)));
  const h = c.handshakeRtt;
  const summary: string[] = [];
  summary.push(
    c.clientBasis === 'handshake'
      ? `The client opened the connection (its SYN ${c.startedBeforeCapture ? 'was not captured; the SYN-ACK was' : 'is in the capture'})`
      : 'The capture started mid-connection: the client is guessed from the ports',
  );
  if (h.total >= 0) summary.push(`Handshake: SYN -> SYN-ACK ${seconds(h.synToSynAck)}, SYN-ACK -> ACK ${seconds(h.synAckToAck)}, initial RTT ${seconds(h.total)}`);
  summary.push(`Outcome: ${outcomeText(c)}; final states: client ${c.sides[client].state}, server ${c.sides[client === 0 ? 1 : 0].state}`);
  summary.push(`tcp.completeness ${c.completeness}`);
  for (const b of backoff) summary.push(b.sentence);
  const ep = (d: 0 | 1): { address: string; port: number; role: string } => ({
    address: index.addresses.name(d === 0 ? flow.a : flow.b),
    port: d === 0 ? flow.aPort : flow.bPort,
    role: ctx.role(d),
  });
  return {
    flow: flow.id, kind: flow.kind, left: ep(client), right: ep(client === 0 ? 1 : 0), start: epochString(flow.firstSec, flow.firstNsec),
    outcome: outcomeText(c), summary, backoff, events,
  };
}

function backoffSummary(g: RetransmissionGroup, client: number, who: string, seq: number): BackoffSummary {
  const v = backoffVerdict(g.times);
  const what = g.what === 'data' ? `its data segment (seq ${seq}:${(seq + g.len) >>> 0})` : g.what === 'zero-window probe' ? 'its zero-window probe' : `the ${g.what}`;
  const gaps = v.intervals.map((x) => x.toFixed(x >= 1 ? 2 : 3)).join(', ');
  let verdict: string;
  if (v.ratios.length === 0) verdict = 'one retry, nothing to compare';
  else if (v.doubles) verdict = `each gap doubles the previous one, as RFC 6298 back-off says (at most ${(v.maxDeviation * 100).toFixed(0)} % off exactly 2x)`;
  else if (v.doublingFrom < v.ratios.length) {
    const first = v.ratios[0]!;
    const tlp = v.doublingFrom === 1 && Math.abs(first - 1) <= 0.2 ? '; the first two gaps are equal, as when a tail-loss probe (RFC 8985) precedes the first timeout' : '';
    verdict = `the gaps double from gap ${v.doublingFrom + 1} on (at most ${(v.maxDeviation * 100).toFixed(0)} % off 2x)${tlp}`;
  } else verdict = `the gaps do not double (ratios ${v.ratios.map((r) => r.toFixed(2)).join(', ')})`;
  return {
    from: g.dir === client ? 'left' : 'right', what: g.what, seq, len: g.len, frames: g.indices.map((i) => i + 1), sends: g.sends, verdict: v,
    sentence: `The ${who} sent ${what} ${g.sends} times; gaps ${gaps} s: ${verdict}`,
  };
}
