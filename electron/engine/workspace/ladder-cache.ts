// The ladders of the last few flows asked for, kept built: a bulk flow's ladder (100k+
// events) takes ~400 ms to build, and the renderer asks for it a window at a time as the
// user scrolls, while the watched flow's ladder is read again at every live update. An
// entry is stale once its flow has grown (more packets, a later last packet).
//
// While a flow grows (a file loading, a live capture) a stale build may be handed out
// instead of a new one: a bulk flow's rebuild costs time in proportion to the flow, and the
// renderer asks again at every update; rebuilt each time, a bulk flow selected during a load
// kept the engine busy for a minute. After a build that took T ms (at least MIN_COST_MS),
// the next waits 9 T: rebuilding takes at most a tenth of the engine's time.
import type { CaptureIndex } from '../flows/capture-index.js';
import { buildLadder } from '../flows/ladder.js';
import type { Ladder } from '../flows/ladder-event.js';

/** Flows kept built: the shown one, the watched one, and a few the user went back and forth between. */
const KEEP = 4;

/** Builds quicker than this are always redone when stale (small flows stay exact). */
const MIN_COST_MS = 50;
const WAIT_PER_BUILD = 9;

interface Entry {
  stamp: string;
  ladder: Ladder;
  /** Clock time the build ended, and what it cost (ms). */
  builtAt: number;
  cost: number;
}

export class LadderCache {
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly index: CaptureIndex,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * The flow's ladder (built again only when the flow grew), or undefined when there is no
   * such flow. `fresh` false accepts a stale build of a growing flow while its rebuild
   * would come too soon after the last one (see the file comment).
   */
  get(flowId: number, fresh = true): Ladder | undefined {
    const flow = this.index.flows.get(flowId);
    if (!flow) return undefined;
    const stamp = `${flow.lastIndex}/${flow.packets[0] + flow.packets[1]}/${this.index.packets.length > flow.lastIndex ? 1 : 0}`;
    const hit = this.entries.get(flowId);
    this.entries.delete(flowId);
    if (hit && (hit.stamp === stamp || (!fresh && hit.cost >= MIN_COST_MS && this.now() < hit.builtAt + hit.cost * WAIT_PER_BUILD))) {
      this.entries.set(flowId, hit);
      return hit.ladder;
    }
    const t0 = this.now();
    const ladder = buildLadder(this.index, flowId);
    if (!ladder) return undefined;
    const builtAt = this.now();
    this.entries.set(flowId, { stamp, ladder, builtAt, cost: builtAt - t0 });
    for (const id of this.entries.keys()) {
      if (this.entries.size <= KEEP) break;
      this.entries.delete(id);
    }
    return ladder;
  }
}

/** Which events a `ladder` request asks for: [from, from + count) within the ladder's events. */
export function ladderWindow(ladder: Ladder, p: { from?: number; count?: number; around?: number; at?: number }, max: number): { from: number; count: number } {
  const n = ladder.events.length;
  const count = Math.min(p.count ?? max, max);
  let centre = -1;
  if (p.around !== undefined) centre = ladder.events.findIndex((e) => e.kind === 'packet' && e.index === p.around);
  else if (p.at !== undefined) {
    const at = p.at;
    centre = ladder.events.findIndex((e) => e.rel >= at);
    if (centre < 0) centre = n - 1;
  }
  const from = centre >= 0 ? Math.max(0, Math.min(centre - Math.floor(count / 2), n - count)) : Math.min(p.from ?? 0, n);
  return { from, count: Math.min(count, n - from) };
}
