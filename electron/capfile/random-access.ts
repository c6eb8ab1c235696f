// Reading packet bytes back on demand. The index keeps only PacketRecords (offsets and
// lengths); when a view needs a packet's bytes it reads them from a RandomAccessSource (a
// file in Node, a Blob in a browser). Scrolling a packet list asks for neighbouring packets
// one by one, so PacketByteCache reads aligned blocks, keeps the most recently used ones,
// and shares one read between concurrent requests for the same block.

import type { PacketRecord, RandomAccessSource } from './types.js';

export type PacketLocation = Pick<PacketRecord, 'dataOffset' | 'caplen'>;

/**
 * The captured bytes of one packet. The result is shorter than `caplen` only when the
 * source ends first (a file truncated since it was indexed).
 */
export function readPacketBytes(src: RandomAccessSource, rec: PacketLocation): Promise<Uint8Array> {
  return src.read(rec.dataOffset, rec.caplen);
}

export interface PacketByteCacheOptions {
  /** Bytes per cached block; default 64 KiB. */
  readonly blockSize?: number;
  /** Blocks kept; default 64 (4 MiB with the default block size). */
  readonly maxBlocks?: number;
}

export class PacketByteCache {
  private readonly blockSize: number;
  private readonly maxBlocks: number;
  /** Loaded or loading blocks by index; Map order is the LRU order (oldest first). */
  private readonly blocks = new Map<number, Promise<Uint8Array>>();

  constructor(
    private readonly src: RandomAccessSource,
    opts: PacketByteCacheOptions = {},
  ) {
    this.blockSize = Math.max(512, opts.blockSize ?? 65536);
    this.maxBlocks = Math.max(1, opts.maxBlocks ?? 64);
  }

  /** Same contract as readPacketBytes(); the result may share memory with the cache: do not modify it. */
  async read(rec: PacketLocation): Promise<Uint8Array> {
    const { dataOffset: off, caplen: len } = rec;
    if (len === 0) return new Uint8Array(0);
    const first = Math.floor(off / this.blockSize);
    const last = Math.floor((off + len - 1) / this.blockSize);
    // Packets larger than a few blocks would evict everything useful: read them directly.
    if (last - first >= 4) return this.src.read(off, len);
    if (first === last) {
      const block = await this.block(first);
      const start = off - first * this.blockSize;
      return block.subarray(start, Math.min(start + len, block.length));
    }
    const out = new Uint8Array(len);
    let got = 0;
    for (let b = first; b <= last; b++) {
      const block = await this.block(b);
      const start = Math.max(0, off - b * this.blockSize);
      const part = block.subarray(start, Math.min(block.length, start + len - got));
      out.set(part, got);
      got += part.length;
      if (block.length < this.blockSize) break; // end of source
    }
    return got === len ? out : out.slice(0, got);
  }

  /** Forgets every block (after the source changed). */
  clear(): void {
    this.blocks.clear();
  }

  private block(index: number): Promise<Uint8Array> {
    const cached = this.blocks.get(index);
    let p: Promise<Uint8Array>;
    if (cached) {
      p = cached;
      this.blocks.delete(index); // re-inserted below as the most recently used
    } else {
      const loading = this.src.read(index * this.blockSize, this.blockSize);
      // A failed read must not stay cached (the caller still sees the rejection).
      loading.catch(() => {
        if (this.blocks.get(index) === loading) this.blocks.delete(index);
      });
      p = loading;
    }
    this.blocks.set(index, p);
    while (this.blocks.size > this.maxBlocks) {
      const oldest = this.blocks.keys().next();
      if (oldest.done) break;
      this.blocks.delete(oldest.value);
    }
    return p;
  }
}
