// The passes over the packets a user waits for (a statistics window's tables, Wireshark's
// Info column): each reports how far it got, which the batched updates carry to the status
// bar, and a Stop there ends them (stopTask) without cancelling the file's load.

export interface TaskDto {
  readonly name: string;
  readonly done: number;
  readonly total: number;
}

interface Running {
  name: string;
  done: number;
  total: number;
  readonly controller: AbortController;
}

export class TaskProgress {
  private readonly running = new Set<Running>();

  /** @param changed called when a task starts, moves or ends (the session's batcher.touch). */
  constructor(private readonly changed: () => void) {}

  /**
   * Runs `work` as a task named `name`; its signal aborts when `parent` does or on stop().
   * `progress(done, total)` reports how many packets it has been through.
   */
  async run<T>(name: string, parent: AbortSignal, work: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
    const t: Running = { name, done: 0, total: 0, controller: new AbortController() };
    const onParent = (): void => t.controller.abort();
    if (parent.aborted) t.controller.abort();
    else parent.addEventListener('abort', onParent, { once: true });
    this.running.add(t);
    this.changed();
    try {
      return await work(t.controller.signal, (done, total) => {
        t.done = done;
        t.total = total;
        this.changed();
      });
    } finally {
      parent.removeEventListener('abort', onParent);
      this.running.delete(t);
      this.changed();
    }
  }

  /** The latest task that runs (the one the status bar shows), undefined when none. */
  get current(): TaskDto | undefined {
    let last: Running | undefined;
    for (const t of this.running) last = t;
    return last && { name: last.name, done: last.done, total: last.total };
  }

  /** Ends every task that runs (their work sees its signal abort). */
  stop(): void {
    for (const t of this.running) t.controller.abort();
  }
}
