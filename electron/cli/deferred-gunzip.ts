// The CLI's gunzip, loaded only when an input turns out to be gzip: importing and initialising
// fflate costs ~20 ms of CPU, about 3% of `ackline read` on a million packets, which a plain
// capture (nearly every one) should not pay. The import is asynchronous and the input's push()
// is not, so the compressed chunks that arrive meanwhile are copied and queued (the caller
// reuses its arrays), then replayed in order before any later chunk.
import type { Gunzipper } from '../capfile/capture-input-with.js';

export class DeferredGunzip implements Gunzipper {
  /** Settles once the gunzip is loaded and the queue replayed: await it before end(). */
  readonly ready: Promise<void>;
  private real: Gunzipper | null = null;
  private queue: Uint8Array[] = [];

  constructor(onData: (chunk: Uint8Array) => boolean | void) {
    this.ready = import('../capfile/gunzip-stream.js').then(({ GunzipStream }) => {
      const real = new GunzipStream(onData);
      for (const chunk of this.queue) if (!real.push(chunk)) break;
      this.queue = [];
      this.real = real;
    });
  }

  push(chunk: Uint8Array): boolean {
    if (this.real) return this.real.push(chunk);
    this.queue.push(chunk.slice());
    return true;
  }

  /** End of input; only after `ready` (before it, nothing has been inflated yet to end). */
  end(): void {
    if (!this.real) throw new Error('DeferredGunzip.end() before it is ready');
    this.real.end();
  }

  get error(): string | null {
    return this.real?.error ?? null;
  }

  get bytesOut(): number {
    return this.real?.bytesOut ?? 0;
  }
}
