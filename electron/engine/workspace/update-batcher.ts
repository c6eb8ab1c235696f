// At most one `update` event per interval (100 ms: 10 a second), whatever the packet rate:
// changes only mark the batcher dirty; the first change after a quiet period is sent at
// once, later ones wait for the interval to pass, and a final flush is never lost.

export interface Clock {
  now(): number;
  /** Runs fn after ms; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export class UpdateBatcher {
  private last = -Infinity;
  private cancelTimer: (() => void) | null = null;
  /** Updates sent (tests and the bench count them). */
  sent = 0;

  constructor(
    private readonly clock: Clock,
    private readonly send: () => void,
    readonly intervalMs = 100,
  ) {}

  /** Something changed: send now if the interval has passed, else once it has. */
  touch(): void {
    if (this.cancelTimer) return;
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) this.fire();
    else this.cancelTimer = this.clock.after(wait, () => {
      this.cancelTimer = null;
      this.fire();
    });
  }

  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private fire(): void {
    this.last = this.clock.now();
    this.sent++;
    this.send();
  }
}
