// What the batched updates carry, gathered as packets are indexed: flows changed since the
// last update, problem packets per flow, expert counts, and new ladder events of the
// watched flow. One pass over the new rows' columns; nothing per packet is kept.
import type { CaptureIndex } from '../flows/capture-index.js';
import type { Ladder } from '../flows/ladder-event.js';
import { TH_RST } from '../protocols/tcp-flags.js';
import { ANALYSIS_SEVERITY } from './analysis-tree.js';
import { PROBLEM_BITS } from './flow-dto.js';
import { IPPROTO_TCP } from '../format/ipprotos.js';

export class LiveState {
  readonly expert = { errors: 0, warnings: 0, notes: 0 };
  private readonly changed = new Set<number>();
  private readonly problemCounts = new Map<number, number>();
  private watched = 0;
  private watchedDirty = false;
  private watchedSent = 0;

  constructor(
    private readonly index: CaptureIndex,
    private readonly ladderOf: (flow: number) => Ladder | undefined,
  ) {}

  /** Accounts for the packets [from, to) just indexed. */
  scan(from: number, to: number): void {
    const t = this.index.packets;
    let last = -1;
    for (let i = from; i < to; i++) {
      const f = t.flow[i]!;
      if (f !== last && f !== 0) {
        this.changed.add(f);
        if (f === this.watched) this.watchedDirty = true;
        last = f;
      }
      const proto = t.ipProto[i]!;
      if (proto !== IPPROTO_TCP) continue;
      const a = t.analysis[i]!;
      if (a) {
        if (a & PROBLEM_BITS) this.problemCounts.set(f, (this.problemCounts.get(f) ?? 0) + 1);
        for (const [bit, sev] of ANALYSIS_SEVERITY) {
          if (!(a & bit)) continue;
          if (sev === 'warning') this.expert.warnings++;
          else if (sev === 'note') this.expert.notes++;
          else if (sev === 'error') this.expert.errors++;
        }
      }
      // Wireshark: "Connection reset (RST)" is a warning.
      if (t.tcpFlags[i]! & TH_RST) this.expert.warnings++;
    }
  }

  problems(flow: number): number {
    return this.problemCounts.get(flow) ?? 0;
  }

  /** Up to `max` changed flow ids; the rest stay for the next update (bounded messages). */
  /** Changed flows not sent yet. */
  get pendingFlows(): number {
    return this.changed.size;
  }

  takeChangedFlows(max: number): number[] {
    const out: number[] = [];
    for (const id of this.changed) {
      if (out.length >= max) break;
      out.push(id);
    }
    for (const id of out) this.changed.delete(id);
    return out;
  }

  /** Watches a flow (0 = none): events from now on come with the updates. */
  watch(flow: number): void {
    this.watched = flow;
    this.watchedDirty = false;
    this.watchedSent = flow ? (this.ladderOf(flow)?.events.length ?? 0) : 0;
  }

  /** The watched flow's ladder and the first event not sent yet, when there are new ones. */
  takeWatchedLadder(): { ladder: Ladder; from: number } | null {
    if (!this.watched || !this.watchedDirty) return null;
    this.watchedDirty = false;
    const ladder = this.ladderOf(this.watched);
    if (!ladder || ladder.events.length <= this.watchedSent) return null;
    const from = this.watchedSent;
    this.watchedSent = ladder.events.length;
    return { ladder, from };
  }
}
