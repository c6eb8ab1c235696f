// A gzip-compressed capture in the browser (a File from a drop or a file input): inflated by
// the engine's streaming gunzip (fflate, pure JS) slice by slice into a new Blob, which the
// blob source then reads back by offset like any capture. The browser keeps Blob parts out of
// the JS heap (it may page them to disk), so the inflated capture is never one big array.
import { GunzipStream, isGzip } from '../capfile/gunzip-stream.js';
import type { BlobLike } from './blob-source.js';

export interface PlainBlob {
  /** The capture itself: `blob` unchanged when it was not compressed. */
  readonly blob: Blob | BlobLike;
  readonly compressed: boolean;
  /** Damage in the gzip data (one line); `blob` then holds everything inflated before it. */
  readonly error: string | null;
}

export interface GunzipBlobOptions {
  /** Compressed bytes read so far, and the compressed size. */
  readonly onProgress?: (bytesRead: number, size: number) => void;
  readonly signal?: AbortSignal;
  readonly chunkSize?: number;
}

/** The plain capture in `blob`: inflated when it starts with gzip's magic, as it is otherwise. */
export async function plainCaptureBlob(blob: BlobLike, opts: GunzipBlobOptions = {}): Promise<PlainBlob> {
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  if (!isGzip(head)) return { blob, compressed: false, error: null };
  const parts: Uint8Array[] = [];
  const gunzip = new GunzipStream((piece) => void parts.push(piece));
  const step = Math.max(1, opts.chunkSize ?? 1 << 20);
  for (let offset = 0; offset < blob.size; ) {
    if (opts.signal?.aborted) throw new Error('cancelled');
    const chunk = new Uint8Array(await blob.slice(offset, offset + step).arrayBuffer());
    if (chunk.length === 0) break;
    offset += chunk.length;
    const more = gunzip.push(chunk);
    opts.onProgress?.(offset, blob.size);
    if (!more) break;
  }
  gunzip.end();
  return { blob: new Blob(parts), compressed: true, error: gunzip.error };
}
