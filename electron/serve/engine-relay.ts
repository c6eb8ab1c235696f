// The 'engine' channel of one browser tab, relayed to whichever engine host the tab's session
// has attached (each open replaces it). Requests are answered with an error when there is no
// engine, and the calls still pending when an engine goes away are failed at once, so the
// page never waits forever on a dead engine.
import type { Endpoint } from '../shared/rpc.js';

interface Req {
  t: 'req';
  id: number;
}

function isReq(m: unknown): m is Req {
  return typeof m === 'object' && m !== null && (m as { t?: unknown }).t === 'req' && typeof (m as { id?: unknown }).id === 'number';
}

function resId(m: unknown): number | undefined {
  if (typeof m !== 'object' || m === null || (m as { t?: unknown }).t !== 'res') return undefined;
  const id = (m as { id?: unknown }).id;
  return typeof id === 'number' ? id : undefined;
}

export class EngineRelay {
  private target: Endpoint | undefined;
  private generation = 0;
  private readonly pending = new Set<number>();

  constructor(private readonly tab: Endpoint) {
    tab.listen((m) => this.fromTab(m));
  }

  /**
   * Routes the tab to a new engine client endpoint (undefined: no engine). Returns the
   * attachment's number, which detach() takes: an old engine that exits late does not
   * detach its successor.
   */
  attach(engine: Endpoint | undefined, reason = 'the capture was closed'): number {
    this.failPending(reason);
    const gen = ++this.generation;
    this.target = engine;
    engine?.listen((m) => {
      if (gen !== this.generation) return;
      const id = resId(m);
      if (id !== undefined) this.pending.delete(id);
      this.tab.post(m);
    });
    return gen;
  }

  /** Attachment `which` went away (crash, close): pending calls fail with `reason`. */
  detach(which: number, reason: string): void {
    if (which === this.generation) this.attach(undefined, reason);
  }

  private fromTab(m: unknown): void {
    if (!isReq(m)) return;
    if (!this.target) {
      this.tab.post({ t: 'res', id: m.id, ok: false, e: 'no capture is open' });
      return;
    }
    this.pending.add(m.id);
    this.target.post(m);
  }

  private failPending(reason: string): void {
    for (const id of this.pending) this.tab.post({ t: 'res', id, ok: false, e: reason });
    this.pending.clear();
  }
}
