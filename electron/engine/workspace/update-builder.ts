// Builds the batched `update` an open capture pushes to its window (at most 10 a second, see
// UpdateBatcher): counts, load progress, the flows that changed, expert counts, capture stats,
// and the new events of the ladder the window watches.
import type { CaptureStatsDto, UpdateDto } from '../../shared/dto.js';
import { LADDER_WINDOW } from '../../shared/ladder-window.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { flowDto, ladderEvents } from './flow-dto.js';
import type { LiveState } from './live-state.js';
import type { Clock } from './update-batcher.js';

/** What the session knows at the moment an update is built. */
export interface UpdateFacts {
  readonly displayed: number;
  readonly marked: number;
  /** Load progress in bytes; absent for a live capture. */
  readonly progress?: { readonly bytes: number; readonly total: number };
  readonly done: boolean;
  readonly stats: CaptureStatsDto | null;
  readonly error: string | undefined;
}

export class UpdateBuilder {
  /** An update is scheduled for watched-ladder events that wait (see LiveState.watchedWait). */
  private ladderTimer: (() => void) | null = null;

  constructor(
    private readonly index: CaptureIndex,
    private readonly live: LiveState,
    private readonly clock: Clock,
    /** Asks the batcher for another update. */
    private readonly touch: () => void,
  ) {}

  build(s: UpdateFacts): UpdateDto {
    const u: UpdateDto = {
      packets: this.index.packets.length,
      displayed: s.displayed,
      marked: s.marked,
      changedFlows: this.live.takeChangedFlows(1000).map((id) => {
        const f = this.index.flows.get(id)!;
        return flowDto(this.index, f, this.live.problems(id));
      }),
      expert: { ...this.live.expert },
    };
    if (s.progress) u.progress = { bytes: s.progress.bytes, total: Math.max(s.progress.total, s.progress.bytes), done: s.done };
    const w = this.live.takeWatchedLadder(s.done);
    if (w) {
      // The renderer holds a window of a ladder and only counts events past it: a bulk flow's
      // thousands of new events an update, every one serialized, kept it busy for a minute.
      const from = Math.max(w.from, w.total - LADDER_WINDOW);
      u.ladderEvents = ladderEvents(w.ladder, from - w.offset, w.total - w.offset);
      u.ladderFrom = from;
    }
    const wait = this.live.watchedWait;
    if (wait > 0 && !this.ladderTimer) {
      this.ladderTimer = this.clock.after(wait, () => {
        this.ladderTimer = null;
        this.touch();
      });
    }
    if (s.stats) u.stats = { ...s.stats };
    if (s.error) u.error = s.error;
    // At most 1000 flows an update: when more changed, the rest go in the next batch (≤10/s).
    if (this.live.pendingFlows > 0) queueMicrotask(() => this.touch());
    return u;
  }

  dispose(): void {
    this.ladderTimer?.();
    this.ladderTimer = null;
  }
}
