// The ladders of the last few flows asked for, kept built: a bulk flow's ladder (100k+
// events) takes ~400 ms to build, and the renderer asks for it a window at a time as the
// user scrolls, while the watched flow's ladder is read again at every live update. An
// entry is stale once its flow has grown (more packets, a later last packet).
import type { CaptureIndex } from '../flows/capture-index.js';
import { buildLadder } from '../flows/ladder.js';
import type { Ladder } from '../flows/ladder-event.js';

/** Flows kept built: the shown one, the watched one, and a few the user went back and forth between. */
const KEEP = 4;

export class LadderCache {
  private readonly entries = new Map<number, { stamp: string; ladder: Ladder }>();

  constructor(private readonly index: CaptureIndex) {}

  /** The flow's ladder (built again only when the flow grew), or undefined when there is no such flow. */
  get(flowId: number): Ladder | undefined {
    const flow = this.index.flows.get(flowId);
    if (!flow) return undefined;
    const stamp = `${flow.lastIndex}/${flow.packets[0] + flow.packets[1]}/${this.index.packets.length > flow.lastIndex ? 1 : 0}`;
    const hit = this.entries.get(flowId);
    this.entries.delete(flowId);
    if (hit && hit.stamp === stamp) {
      this.entries.set(flowId, hit);
      return hit.ladder;
    }
    const ladder = buildLadder(this.index, flowId);
    if (!ladder) return undefined;
    this.entries.set(flowId, { stamp, ladder });
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
