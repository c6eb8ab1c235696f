// Reads the bytes of many packets back from the capture with few reads: packets that lie
// close together in the file (a window of rows, a chunk of an export) are fetched with one
// read spanning them, then sliced. The index never holds packet bytes; this is how they
// come back.
import type { CaptureIndex } from '../flows/capture-index.js';
import type { RandomAccessSource } from '../../capfile/types.js';

export interface PacketBytesOptions {
  /** Largest gap between two packets that one read still spans (bytes). */
  readonly maxGap?: number;
  /** Largest single read (bytes). */
  readonly maxSpan?: number;
}

export class PacketBytes {
  private readonly maxGap: number;
  private readonly maxSpan: number;

  constructor(
    private readonly source: RandomAccessSource,
    private readonly index: CaptureIndex,
    opts: PacketBytesOptions = {},
  ) {
    this.maxGap = opts.maxGap ?? 64 * 1024;
    this.maxSpan = opts.maxSpan ?? 8 * 1024 * 1024;
  }

  /** Number of source reads the last readMany() made (tests check the coalescing). */
  lastReads = 0;

  /**
   * The captured bytes of each packet (views into shared buffers: do not modify). `lengths`
   * may ask for more than caplen for a packet (pcap records longer than the snapshot length).
   */
  async readMany(indices: readonly number[], lengths?: (i: number) => number): Promise<Uint8Array[]> {
    const t = this.index.packets;
    const out: Uint8Array[] = new Array<Uint8Array>(indices.length);
    const len = lengths ?? ((i: number): number => t.caplen.get(i));
    let reads = 0;
    let k = 0;
    while (k < indices.length) {
      const first = indices[k]!;
      const start = t.dataOffset.get(first);
      let end = start + len(first);
      let m = k + 1;
      // Extend the run while the next packet follows closely and the read stays bounded.
      while (m < indices.length) {
        const j = indices[m]!;
        const off = t.dataOffset.get(j);
        const e = off + len(j);
        if (off < start || off - end > this.maxGap || e - start > this.maxSpan) break;
        end = Math.max(end, e);
        m++;
      }
      const buf = await this.source.read(start, end - start);
      reads++;
      for (let q = k; q < m; q++) {
        const j = indices[q]!;
        const o = t.dataOffset.get(j) - start;
        out[q] = buf.subarray(Math.min(o, buf.length), Math.min(o + len(j), buf.length));
      }
      k = m;
    }
    this.lastReads = reads;
    return out;
  }
}
