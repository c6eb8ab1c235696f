// A gzip-compressed capture opened in the app or `serve`. The engine reads packet bytes back
// by offset, which a gzip stream cannot give, so the capture is inflated as it loads into a
// temporary file (the way Wireshark's file_wrappers keep random access), and that file is the
// engine's RandomAccessSource. Each piece is written before the engine sees it, so every
// packet indexed can be read back at once: first rows while the rest still inflates.
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCaptureInput } from '../capfile/capture-input.js';
import { isGzip } from '../capfile/gunzip-stream.js';
import type { RandomAccessSource } from '../capfile/types.js';
import { readAt, type FileSource } from './file-source.js';

/** Compressed bytes per read: bounds what one read inflates to in memory (~32 MiB per 32 KiB of a bomb). */
const READ = 64 * 1024;

/** True when the file starts with gzip's magic number. */
export async function isGzipFile(src: RandomAccessSource): Promise<boolean> {
  return isGzip(await src.read(0, 2));
}

/** The inflated capture in a temporary file that grows as it loads; close() deletes it. */
export class GunzipFileSource implements RandomAccessSource {
  size = 0;

  private constructor(
    private readonly dir: string,
    private readonly fh: FileHandle,
  ) {}

  static async create(): Promise<GunzipFileSource> {
    const dir = await mkdtemp(path.join(tmpdir(), 'ackline-gunzip-'));
    try {
      return new GunzipFileSource(dir, await open(path.join(dir, 'capture'), 'w+', 0o600));
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  async append(chunk: Uint8Array): Promise<void> {
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await this.fh.write(chunk, done, chunk.length - done, this.size + done);
      done += bytesWritten;
    }
    this.size += chunk.length;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    return readAt(this.fh, offset, Math.min(length, this.size - offset));
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Where the inflated bytes go: the engine session, as the host drives it. */
export interface InflateTarget {
  push(chunk: Uint8Array): void;
  /** True once the session wants no more (its reader failed). */
  readonly stopped: boolean;
  /** Progress: plain bytes so far and the expected total (estimated from the compression ratio so far). */
  progress?(bytes: number, total: number): void;
  readonly signal?: AbortSignal;
}

export interface InflateResult {
  /** Damage in the gzip data (one line), or null. */
  readonly error: string | null;
  readonly aborted: boolean;
}

/** Inflates `compressed` into `file`, handing each piece to `target` once it is on disk. */
export async function inflateFile(compressed: FileSource, file: GunzipFileSource, target: InflateTarget): Promise<InflateResult> {
  const pieces: Uint8Array[] = [];
  const input = createCaptureInput((piece) => {
    pieces.push(piece);
  });
  const flush = async (): Promise<void> => {
    for (const p of pieces.splice(0)) {
      if (target.stopped) return;
      await file.append(p);
      target.push(p);
    }
  };
  let pos = 0;
  while (pos < compressed.size && !target.stopped) {
    if (target.signal?.aborted) return { error: null, aborted: true };
    const chunk = await compressed.read(pos, READ);
    if (chunk.length === 0) break;
    pos += chunk.length;
    const more = input.push(chunk);
    await flush();
    target.progress?.(input.bytesOut, Math.round((input.bytesOut / pos) * compressed.size));
    if (!more) break;
  }
  if (!target.stopped) {
    input.end();
    await flush();
  }
  return { error: target.stopped ? null : input.error, aborted: false };
}
