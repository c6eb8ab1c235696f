// What the batched updates carry, gathered as packets are indexed: flows changed since the
// last update, problem packets per flow, expert counts, and new ladder events of the
// watched flow. One pass over the new rows' columns; nothing per packet is kept.
import type { CaptureIndex } from '../flows/capture-index.js';
import type { Ladder, LadderEvent } from '../flows/ladder-event.js';
import type { LadderWindow } from '../flows/tcp-ladder-window.js';
import { LADDER_WINDOW } from '../../shared/ladder-window.js';
import { TH_RST } from '../protocols/tcp-flags.js';
import { ANALYSIS_SEVERITY } from './analysis-tree.js';
import { PROBLEM_BITS } from './flow-dto.js';
import { IPPROTO_TCP } from '../format/ipprotos.js';
import type { Clock } from './update-batcher.js';

/**
 * A rebuild of the watched flow's ladder costs time in proportion to the flow (a bulk flow's
 * 600k events take a second or more): after one that took T ms the next waits T x this, so
 * that rebuilding takes at most a tenth of the engine's time while a file loads or a capture
 * runs. Cheap ladders (cached, or small flows) are not held back.
 */
const WAIT_PER_BUILD_MS = 9;

export class LiveState {
  readonly expert = { errors: 0, warnings: 0, notes: 0 };
  private readonly changed = new Set<number>();
  private readonly problemCounts = new Map<number, number>();
  private watched = 0;
  private watchedDirty = false;
  private watchedSent = 0;
  /** The first event the page has with a lane in state unknown (-1: none): an answer may correct it. */
  private watchedUnknown = -1;
  /** When the watched ladder may be built again (clock time). */
  private nextBuildAt = -Infinity;

  /**
   * @param windowOf events [from, from + count) of a flow's ladder built alone (a TCP flow's,
   * from its checkpoints: tcp-ladder-window.ts), undefined when the flow has none: then the
   * whole ladder comes from `ladderOf`.
   */
  constructor(
    private readonly index: CaptureIndex,
    private readonly ladderOf: (flow: number, fresh: boolean) => Ladder | undefined,
    private readonly clock: Pick<Clock, 'now'> = { now: () => Date.now() },
    private readonly windowOf?: (flow: number, from: number, count: number) => LadderWindow | undefined,
  ) {}

  /** Accounts for the packets [from, to) just indexed. */
  scan(from: number, to: number): void {
    const t = this.index.packets;
    let last = -1;
    for (let i = from; i < to; i++) {
      const f = t.flow.get(i);
      if (f !== last && f !== 0) {
        this.changed.add(f);
        if (f === this.watched) this.watchedDirty = true;
        last = f;
      }
      const proto = t.ipProto.get(i);
      if (proto !== IPPROTO_TCP) continue;
      const a = t.analysis.get(i);
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
      if (t.tcpFlags.get(i) & TH_RST) this.expert.warnings++;
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
    this.nextBuildAt = -Infinity;
    const tail = flow ? this.tail(flow, 0) : undefined;
    if (tail) {
      this.watchedSent = tail.total;
      this.watchedUnknown = firstUnknown(tail.ladder.events.slice(0, tail.count), 0, tail.from);
      return;
    }
    const events = flow ? (this.build(flow, false)?.events ?? []) : [];
    this.watchedSent = events.length;
    // The page has just read the whole ladder: what of it may still be corrected.
    this.watchedUnknown = firstUnknown(events, 0);
  }

  /**
   * Milliseconds until the watched ladder, which has new events, may be built again; 0 when
   * nothing waits (the caller then schedules an update for it: none may come otherwise).
   */
  get watchedWait(): number {
    return this.watched && this.watchedDirty ? Math.max(0, this.nextBuildAt - this.clock.now()) : 0;
  }

  /**
   * The watched flow's ladder and the first event to send, when there are new ones: the first
   * new event, or an earlier one the page has as unknown that the new packets made known.
   * While a rebuild would come too soon after the last (see WAIT_PER_BUILD_MS) the events
   * wait for a later update, unless `force` (the load has ended: the last update).
   */
  takeWatchedLadder(force = false): WatchedEvents | null {
    if (!this.watched || !this.watchedDirty) return null;
    if (!force && this.clock.now() < this.nextBuildAt) return null;
    this.watchedDirty = false;
    if (this.windowOf) {
      const t0 = this.clock.now();
      const w = this.takeWindow(this.watched);
      const t1 = this.clock.now();
      this.nextBuildAt = t1 + (t1 - t0) * WAIT_PER_BUILD_MS;
      if (w !== undefined) return w;
    }
    const ladder = this.build(this.watched, force);
    if (!ladder || ladder.events.length <= this.watchedSent) return null;
    let from = this.watchedSent;
    const u = this.watchedUnknown;
    if (u >= 0 && u < from && !hasUnknown(ladder.events[u])) from = u;
    this.watchedUnknown = from === u || u < 0 ? firstUnknown(ladder.events, from) : u;
    this.watchedSent = ladder.events.length;
    return { ladder, from, offset: 0, total: ladder.events.length };
  }

  /**
   * The new events of a flow whose ladder comes in windows (null: none new), undefined when it
   * does not. Only the last LADDER_WINDOW events are built: the update sends no more. An
   * event the page has as unknown is looked at alone; those the page has not (before the
   * window) are not searched for unknown lanes.
   */
  private takeWindow(flow: number): WatchedEvents | null | undefined {
    const head = this.windowOf!(flow, Number.MAX_SAFE_INTEGER, 1);
    if (!head) return undefined;
    if (head.total <= this.watchedSent) return null;
    let from = this.watchedSent;
    const u = this.watchedUnknown;
    if (u >= 0 && u < from && !hasUnknown(this.windowOf!(flow, u, 1)?.ladder.events[0])) from = u;
    const w = this.tail(flow, from)!;
    this.watchedUnknown = from === u || u < 0 ? firstUnknown(w.ladder.events.slice(0, w.count), Math.max(0, from - w.from), w.from) : u;
    this.watchedSent = w.total;
    return { ladder: w.ladder, from, offset: w.from, total: w.total };
  }

  /** Events [max(from, total - LADDER_WINDOW), total) of a flow's ladder in windows, undefined when it has none. */
  private tail(flow: number, from: number): LadderWindow | undefined {
    const head = this.windowOf?.(flow, Number.MAX_SAFE_INTEGER, 1);
    if (!head) return undefined;
    const lo = Math.max(from, head.total - LADDER_WINDOW, 0);
    return this.windowOf!(flow, lo, Math.max(1, head.total - lo));
  }

  private build(flow: number, fresh: boolean): Ladder | undefined {
    const t0 = this.clock.now();
    const ladder = this.ladderOf(flow, fresh);
    const t1 = this.clock.now();
    this.nextBuildAt = t1 + (t1 - t0) * WAIT_PER_BUILD_MS;
    return ladder;
  }
}

function hasUnknown(e: LadderEvent | undefined): boolean {
  return e?.states !== undefined && (e.states.left === 'unknown' || e.states.right === 'unknown');
}

/** The first event from `from` with a lane in state unknown, numbered from `offset` (-1: none). */
function firstUnknown(events: readonly LadderEvent[], from: number, offset = 0): number {
  for (let k = from; k < events.length; k++) if (hasUnknown(events[k])) return offset + k;
  return -1;
}

/**
 * What an update carries of the watched ladder: events `from` on, of `total`; `ladder.events[k]`
 * is event `offset + k` (0 when the whole ladder was built).
 */
export interface WatchedEvents {
  readonly ladder: Ladder;
  readonly from: number;
  readonly offset: number;
  readonly total: number;
}
