// The browser's RandomAccessSource: a capture held as a Blob (a File from a file input or a
// drop) is read back by slices, never whole, so the engine can run in a page on big files.
import type { RandomAccessSource } from '../capfile/types.js';

/** The part of the DOM Blob interface the source needs (Node 20's global Blob has it too). */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export function blobSource(blob: BlobLike): RandomAccessSource {
  return {
    size: blob.size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      if (offset >= blob.size || length <= 0) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(offset, Math.min(blob.size, offset + length)).arrayBuffer());
    },
  };
}

/** Streams a Blob into a capture reader chunk by chunk (first rows while the rest loads). */
export async function streamBlob(blob: BlobLike, push: (chunk: Uint8Array) => void, chunkSize = 1 << 20, signal?: AbortSignal): Promise<number> {
  let offset = 0;
  while (offset < blob.size) {
    if (signal?.aborted) break;
    const chunk = new Uint8Array(await blob.slice(offset, offset + chunkSize).arrayBuffer());
    push(chunk);
    offset += chunk.length;
  }
  return offset;
}
