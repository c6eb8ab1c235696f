// A window of a TCP flow's ladder (`ladder` requests: from an event, around a packet, at a
// time) without walking the flow: from the nearest checkpoint (tcp-ladder-checkpoints.ts)
// it replays at most a checkpoint's distance of packets, then builds only the window's
// events. The events are those of the whole ladder (ladder-tcp.ts) at the same numbers: the
// same walk makes both, the corrections that need the whole flow take its facts from the
// index's connection and the checkpoints, and the header is the index's connection's.
import type { CaptureIndex } from './capture-index.js';
import type { Flow } from './flow.js';
import type { Ladder, LadderEvent } from './ladder-event.js';
import { correctStates, serverFirstSeen, tcpLadderHeader, type ServerFirstSeen } from './ladder-tcp.js';
import type { LadderCheckpoint } from './tcp-ladder-checkpoints.js';
import { copyLocals, freshLocals, TcpLadderWalk, TcpWalkContext } from './tcp-ladder-walk.js';

export interface LadderWindowRequest {
  readonly from?: number;
  readonly count?: number;
  /** A packet index: the window is centred on its event. */
  readonly around?: number;
  /** Seconds into the flow: centred on the first event at or after it. */
  readonly at?: number;
}

export interface LadderWindow {
  /** The header, and events `from` on: the window's `count`, maybe followed by a few past it. */
  readonly ladder: Ladder;
  readonly from: number;
  readonly count: number;
  /** Events of the whole ladder. */
  readonly total: number;
}

/** Index of the last element satisfying `ok` in a list where it holds for a prefix, -1 for none. */
function lastOf(cps: readonly LadderCheckpoint[], ok: (cp: LadderCheckpoint) => boolean): number {
  let lo = 0;
  let hi = cps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(cps[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Events [from, from + count) of flow `flow`'s ladder as `ladderWindow` (ladder-cache.ts)
 * picks them from the whole ladder; undefined without the index's connection for it (an
 * index built without analysis). `final`: the flow gets no more packets.
 */
export function tcpLadderWindow(index: CaptureIndex, flow: Flow, p: LadderWindowRequest, max: number, final: boolean): LadderWindow | undefined {
  const known = index.connections.get(flow.id);
  if (!known) return undefined;
  const list = index.flowPackets;
  const ctx = new TcpWalkContext(index, flow, list);
  const cps = index.ladderCheckpoints.of(flow, final);
  /** Where a walk from checkpoint k (-1: the flow's start) goes on. */
  const startOf = (k: number): number => (k >= 0 ? list.next(cps[k]!.after) : flow.firstIndex);
  const localsFrom = (k: number): TcpLadderWalk => new TcpLadderWalk(ctx, null, k >= 0 ? copyLocals(cps[k]!.locals) : freshLocals());
  const fullFrom = (k: number): TcpLadderWalk =>
    k >= 0 ? new TcpLadderWalk(ctx, cps[k]!.conn.copy(), copyLocals(cps[k]!.locals)) : new TcpLadderWalk(ctx, ctx.freshConnection());

  // The number of events: from the last checkpoint to the flow's newest packet.
  const tail = localsFrom(cps.length - 1);
  for (let i = startOf(cps.length - 1); i >= 0; i = list.next(i)) tail.step(i, null);
  const total = tail.s.events;

  const want = Math.min(p.count ?? max, max);
  let centre = -1;
  if (p.around !== undefined) {
    const a = p.around;
    if (a >= flow.firstIndex && a < index.packets.length && index.packets.flow.get(a) === flow.id) {
      const k = lastOf(cps, (cp) => cp.after < a);
      const w = localsFrom(k);
      for (let i = startOf(k); i >= 0; i = list.next(i)) {
        w.step(i, null);
        if (i === a) {
          centre = w.s.events - 1;
          break;
        }
      }
    }
  } else if (p.at !== undefined) {
    const at = p.at;
    // A checkpoint's maxRel is the latest time before it: the first packet at `at` or later
    // comes before the first checkpoint whose maxRel reaches `at`.
    const k = lastOf(cps, (cp) => !(cp.locals.maxRel >= at));
    const w = localsFrom(k);
    for (let i = startOf(k); i >= 0; i = list.next(i)) {
      if (ctx.timeOf(i) >= at) {
        centre = w.s.events;
        break;
      }
      w.step(i, null);
    }
    if (centre < 0) centre = total - 1;
  }
  const from = centre >= 0 ? Math.max(0, Math.min(centre - Math.floor(want / 2), total - want)) : Math.min(p.from ?? 0, total);
  const count = Math.min(want, total - from);

  // The window's events, and past it up to the end of the step that makes its last one (a
  // ghost's packet comes after it in the same step).
  const events: LadderEvent[] = [];
  if (count > 0) {
    const k = lastOf(cps, (cp) => cp.locals.events <= from);
    const walk = fullFrom(k);
    for (let i = startOf(k); i >= 0 && walk.s.events < from + count; i = list.next(i)) walk.step(i, events, from);
  }

  const refused = known.refused;
  let first: ServerFirstSeen | null = null;
  if (!refused && events.some((e) => e.states?.left === 'unknown' || e.states?.right === 'unknown')) first = firstSeen();
  correctStates(events, from, ctx.client, refused, first);
  return { ladder: tcpLadderHeader(ctx, known, tail.s, events), from, count, total };

  /** The whole ladder's first event whose lane shows the far side's state (see correctStates). */
  function firstSeen(): ServerFirstSeen | null {
    // The lane correctStates reads is endpoint B's (the server's, or the client's when B opened).
    if (known!.sides[1].state === 'unknown') return null;
    const j = lastOf(cps, (cp) => cp.conn.sides[1].state === 'unknown');
    const w = fullFrom(j);
    const seen: LadderEvent[] = [];
    const start = w.s.events;
    for (let i = startOf(j); i >= 0; i = list.next(i)) {
      w.step(i, seen, start);
      const f = serverFirstSeen(seen, start, ctx.client);
      if (f) return f;
    }
    return null;
  }
}
