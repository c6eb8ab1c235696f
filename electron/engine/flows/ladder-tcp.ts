// The ladder of one TCP flow: a fresh TcpConnection re-run over the flow's packets gives the
// states after each event; sequence numbers are made relative as Wireshark does (to the
// SYN's ISN, or to the first seen number - 1 when the SYN was not captured); segments the
// capture missed become ghost events.
import type { CaptureIndex } from './capture-index.js';
import { explainTcp } from './explain-tcp.js';
import type { Flow } from './flow.js';
import { epochString, seconds, type BackoffSummary, type Ladder, type LadderEvent } from './ladder-event.js';
import { backoffVerdict, type RetransmissionGroup } from './tcp-backoff.js';
import { plainStep, TcpPacketEvent, type TcpEventContext } from './tcp-ladder-event.js';
import { outcomeText, TcpConnection } from './tcp-connection.js';
import { ACK, FIN, SYN, seqGt, type StateChange, type TcpState } from './tcp-states.js';

/** How far ahead a gap is looked for before it is called missing (bounds the work per gap). */
const LOOKAHEAD = 4096;

export function tcpLadder(index: CaptureIndex, flow: Flow, rows: readonly number[], dirOf: (i: number) => 0 | 1): Ladder {
  const t = index.packets;
  const known = index.connections.get(flow.id);
  const c = new TcpConnection();
  const client: 0 | 1 = known?.client ?? 0;
  const role = (d: number): string => (d === client ? 'client' : 'server');
  const opts = known?.synOptions ?? [null, null];
  if (opts[0]) c.noteSynOptions(0, opts[0]);
  if (opts[1]) c.noteSynOptions(1, opts[1]);
  const wscale = (d: number): number => (opts[0] && opts[1] && opts[0].wscale >= 0 && opts[1].wscale >= 0 ? opts[d]!.wscale : -1);
  const base: [number | undefined, number | undefined] = [undefined, undefined];
  const next: [number | undefined, number | undefined] = [undefined, undefined];
  const lastAck: [number | undefined, number | undefined] = [undefined, undefined];
  const rel = (d: number, v: number): number => (v - (base[d] ?? v)) >>> 0;
  const events: LadderEvent[] = [];
  const ctx: TcpEventContext = { sec: (i) => t.sec(i), nsec: (i) => t.nsec(i), leftRole: 'client', rightRole: 'server' };
  const timeOf = (i: number): number => t.sec(i) - flow.firstSec + (t.nsec(i) - flow.firstNsec) / 1e9;

  // Whether bytes [from, to) of direction d show up later in the flow (then they were not lost).
  const seenLater = (k: number, d: number, from: number, to: number): boolean => {
    for (let m = k + 1; m < rows.length && m <= k + LOOKAHEAD; m++) {
      const j = rows[m]!;
      if (dirOf(j) !== d) continue;
      const s = t.seq.get(j);
      if (!seqGt(from, s) && seqGt(to, s)) return true;
      if (!seqGt(from, s) && !seqGt(s, from)) return true;
    }
    return false;
  };
  const ghost = (i: number, d: number, from: number, to: number, flag: string, how: string): void => {
    events.push({
      kind: 'ghost', frame: 0, index: -1, time: epochString(t.sec(i), t.nsec(i)), rel: timeOf(i), leftToRight: d === client,
      label: '?', seq: rel(d, from), nextSeq: rel(d, to), len: (to - from) >>> 0, analysis: [flag], changes: [],
      explanation: `A ${role(d)} segment (seq ${rel(d, from)}:${rel(d, to)}, ${(to - from) >>> 0} bytes) is missing from the capture: ${how}`,
    });
  };

  rows.forEach((i, k) => {
    const d = dirOf(i);
    const o: 0 | 1 = d === 0 ? 1 : 0;
    const flags = t.tcpFlags.get(i);
    const seq = t.seq.get(i);
    const ack = t.ack.get(i);
    const len = t.payloadLength.get(i);
    const analysis = t.analysis.get(i);
    if (base[d] === undefined) base[d] = flags & SYN ? seq : (seq - 1) >>> 0;
    if (flags & ACK && base[o] === undefined) base[o] = (ack - 1) >>> 0;
    const span = len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);
    const end = (seq + span) >>> 0;
    const nd = next[d];
    if (nd !== undefined && seqGt(seq, nd) && !seenLater(k, d, nd, seq)) ghost(i, d, nd, seq, 'tcp.analysis.lost_segment', `the next one starts ${(seq - nd) >>> 0} bytes beyond it`);
    const no = next[o];
    if (flags & ACK && no !== undefined && seqGt(ack, no) && !seenLater(k, o, no, ack)) {
      ghost(i, o, no, ack, 'tcp.analysis.ack_lost_segment', `the ${role(d)} acknowledges it, so it was sent and arrived`);
      next[o] = ack;
    }
    if (next[d] === undefined || seqGt(end, next[d]!)) next[d] = end;
    const ackAdvanced = (flags & ACK) !== 0 && lastAck[d] !== undefined && seqGt(ack, lastAck[d]!);
    if (flags & ACK) lastAck[d] = ack;
    const rcv = c.sides[o];
    const crossing = (flags & FIN) !== 0 && rcv.hasFin && !seqGt(ack, rcv.finSeq);
    const step = c.observe({ index: i, t: timeOf(i), dir: d, seq, ack, flags, len, window: t.window.get(i), analysis, sport: t.sport.get(i), dport: t.dport.get(i) });
    const ws = flags & SYN ? -1 : wscale(d);
    const rs = rel(d, seq);
    const ackRel = flags & ACK ? rel(o, ack) : -1;
    const explain = (): string =>
      explainTcp({
        from: role(d), to: role(o), flags, len, seq: rs, nextSeq: (rs + len) >>> 0, ack: Math.max(0, ackRel), window: t.window.get(i), analysis, step, side: d,
        synOptions: opts[d] ?? null, sport: t.sport.get(i), crossing, ackAdvanced, handshakeRtt: c.handshakeRtt.total, senderState: c.sides[d].state,
      });
    const via = step.changes.length > 1 ? passedThrough(step.changes, client) : undefined;
    events.push(
      new TcpPacketEvent(ctx, {
        index: i,
        rel: timeOf(i),
        leftToRight: d === client,
        flags,
        seq: rs,
        nextSeq: (rs + span) >>> 0,
        ack: ackRel,
        len,
        window: t.window.get(i),
        scaledWindow: ws >= 0 ? t.window.get(i) * 2 ** ws : -1,
        bits: analysis,
        ackAdvanced,
        states: TcpPacketEvent.states(c.sides[client].state, c.sides[client === 0 ? 1 : 0].state),
        changes: step.changes.length ? step.changes.map((ch) => `${role(ch.side)}: ${ch.from} -> ${ch.to} (${ch.cause})`) : [],
        ...(via ? { via } : {}),
        // A segment that changes nothing is explained from its own fields when read.
        ...(plainStep(step, flags) ? {} : { explanation: explain() }),
      }),
    );
  });

  // The server's first answer tells what it was while the capture had not heard from it:
  // a refusal proves it CLOSED all along (nothing listened; the RST changes only the
  // client), a SYN-ACK that it was listening. With no answer it stays unknown.
  const server: 0 | 1 = client === 0 ? 1 : 0;
  const lane = client === 0 ? 'right' : 'left';
  const correct = (e: LadderEvent, to: TcpState): void => {
    if (!(e instanceof TcpPacketEvent)) return;
    e.states = lane === 'right' ? TcpPacketEvent.states(e.states.left, to) : TcpPacketEvent.states(to, e.states.right);
  };
  if (c.refused) {
    for (const e of events) {
      correct(e, 'CLOSED');
      if (e instanceof TcpPacketEvent && e.changes.length) e.changes = e.changes.filter((ch) => !ch.startsWith(`${role(server)}:`));
    }
  } else {
    const shown = events.findIndex((e) => e.states !== undefined && e.states[lane] !== 'unknown');
    const first = shown >= 0 ? events[shown]!.changes.find((ch) => ch.startsWith(`${role(server)}: `)) : undefined;
    if (first?.startsWith(`${role(server)}: LISTEN -> `)) for (let k = 0; k < shown; k++) if (events[k]!.states?.[lane] === 'unknown') correct(events[k]!, 'LISTEN');
  }
  const backoff = c.backoff.groups.map((g) => backoffSummary(g, client, role(g.dir), rel(g.dir, g.seq)));
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
    role: role(d),
  });
  return {
    flow: flow.id, kind: flow.kind, left: ep(client), right: ep(client === 0 ? 1 : 0), start: epochString(flow.firstSec, flow.firstNsec),
    outcome: outcomeText(c), summary, backoff, events,
  };
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
