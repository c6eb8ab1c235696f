// Helpers for the engine-session tests: an in-memory source that counts reads, and a session
// loaded from bytes in chunks, or from a shared capture with its exports kept in memory.
import type { UpdateDto } from '../../../electron/shared/dto.js';
import type { RandomAccessSource } from '../../../electron/capfile/types.js';
import { EngineSession, type EngineSessionOptions } from '../../../electron/engine/workspace/engine-session.js';
import type { Clock } from '../../../electron/engine/workspace/update-batcher.js';
import type { ByteSink } from '../../../electron/engine/workspace/exporter.js';
import { readCapture } from '../../support/captures.js';

export class MemorySource implements RandomAccessSource {
  reads = 0;
  constructor(public bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    this.reads++;
    return this.bytes.slice(offset, Math.min(this.bytes.length, offset + length));
  }
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  t = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  now(): number {
    return this.t;
  }
  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.t = next.at;
      next.live = false;
      next.fn();
    }
    this.t = end;
    this.timers = this.timers.filter((x) => x.live);
  }
}

export function openBytes(bytes: Uint8Array, chunk = 65536, opts: Partial<EngineSessionOptions> = {}): { session: EngineSession; source: MemorySource; updates: UpdateDto[] } {
  const source = new MemorySource(bytes);
  const updates: UpdateDto[] = [];
  const session = new EngineSession({ source, onUpdate: (u) => updates.push(u), ...opts });
  session.setTotal(bytes.length);
  for (let o = 0; o < bytes.length; o += chunk) session.push(bytes.subarray(o, o + chunk));
  session.end();
  return { session, source, updates };
}

/** Opens a shared capture whose exports are kept in memory, by token (what a host would write). */
export function openWithExports(rel: string): { session: EngineSession; written: Map<string, Uint8Array[]> } {
  const written = new Map<string, Uint8Array[]>();
  const { session } = openBytes(readCapture(rel), 1 << 16, {
    clock: new ManualClock(),
    openExport: async (token): Promise<ByteSink> => {
      const parts: Uint8Array[] = [];
      written.set(token, parts);
      return { write: async (c) => void parts.push(c.slice()), close: async () => undefined, abort: async () => undefined };
    },
  });
  return { session, written };
}
