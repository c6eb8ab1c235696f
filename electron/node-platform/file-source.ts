// electron/node-platform/: the Node implementations of the session's and the engine host's ports (files, storage, launchers).
//
// The Node host of the capture-file engine: the only code of the io layer that touches the
// file system. It adapts fs.promises.FileHandle to the engine's RandomAccessSource and feeds
// a capture reader a file chunk by chunk. Everything else stays in the pure engine, so the
// same reader runs over a Blob in a browser with an equally small adapter.

import { open, type FileHandle } from 'node:fs/promises';
import type { CaptureReader } from '../capfile/capture-reader.js';
import type { RandomAccessSource } from '../capfile/types.js';

/** A RandomAccessSource over an open file; close() it when done. */
/** Up to `length` bytes at `offset` into a new array; shorter only at end of file. */
export async function readAt(fh: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(Math.max(0, length));
  let got = 0;
  // A read may return less than asked without being at end of file: loop until done.
  while (got < out.length) {
    const { bytesRead } = await fh.read(out, got, out.length - got, offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === out.length ? out : out.subarray(0, got);
}

export class FileSource implements RandomAccessSource {
  private constructor(
    private readonly fh: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      return new FileSource(fh, size);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** Reads up to `length` bytes at `offset` into a new array; shorter only at end of file. */
  read(offset: number, length: number): Promise<Uint8Array> {
    return readAt(this.fh, offset, Math.min(length, this.size - offset));
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

export interface StreamFileOptions {
  /** Bytes per read; default 1 MiB. */
  readonly chunkSize?: number;
  /**
   * Bytes of the first read (default 64 KiB, at most chunkSize): the first rows need only a
   * few hundred packets, and a megabyte (10k packets) indexed first delayed them.
   */
  readonly firstChunkSize?: number;
  /** Awaited before each chunk after the first is given to the reader (the engine lets the user's requests go first). */
  readonly beforePush?: () => Promise<void>;
  /** Stops between chunks; the reader is then left un-ended (the file was not read to its end). */
  readonly signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far and the file size. */
  readonly onProgress?: (bytesRead: number, size: number) => void;
}

export interface StreamFileResult {
  readonly bytesRead: number;
  readonly size: number;
  readonly aborted: boolean;
}

/**
 * Feeds `reader` the file at `path`, then calls reader.end(). One buffer is reused for every
 * chunk: the reader copies what it keeps, and data views it hands to its sink are valid only
 * during the callback. Stops early once the reader has an error (the rest cannot be read).
 * Rejects only on I/O errors (missing file, permissions).
 */
export async function streamFile(
  path: string,
  reader: Pick<CaptureReader, 'push' | 'end' | 'error'>,
  opts: StreamFileOptions = {},
): Promise<StreamFileResult> {
  const chunkSize = Math.max(1, opts.chunkSize ?? 1024 * 1024);
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = new Uint8Array(chunkSize);
    let bytesRead = 0;
    let want = Math.max(1, Math.min(opts.firstChunkSize ?? 64 * 1024, chunkSize));
    for (;;) {
      if (opts.signal?.aborted) return { bytesRead, size, aborted: true };
      const { bytesRead: n } = await fh.read(buf, 0, want, bytesRead);
      // After the read: a request that came while it ran goes first too.
      if (bytesRead > 0) await opts.beforePush?.();
      if (opts.signal?.aborted) return { bytesRead, size, aborted: true };
      // Chunks grow from the first (a few hundred packets) to chunkSize: a request that comes
      // while a chunk is indexed waits for that chunk, and the first ones are the user's.
      want = Math.min(chunkSize, want * 2);
      if (n === 0) break;
      bytesRead += n;
      reader.push(buf.subarray(0, n));
      opts.onProgress?.(bytesRead, size);
      if (reader.error) break;
    }
    reader.end();
    return { bytesRead, size, aborted: false };
  } finally {
    await fh.close();
  }
}
