// A RandomAccessSource over a file that may still grow (a capture being written): reads are
// not clamped to the size seen at open, so packets indexed after opening can be read back.
import { open, type FileHandle } from 'node:fs/promises';
import type { RandomAccessSource } from '../capfile/types.js';

export class GrowingFileSource implements RandomAccessSource {
  size = 0;

  private constructor(private readonly fh: FileHandle) {}

  static async open(path: string): Promise<GrowingFileSource> {
    const s = new GrowingFileSource(await open(path, 'r'));
    s.size = (await s.fh.stat()).size;
    return s;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(Math.max(0, length));
    let got = 0;
    while (got < out.length) {
      const { bytesRead } = await this.fh.read(out, got, out.length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (offset + got > this.size) this.size = offset + got;
    return got === out.length ? out : out.subarray(0, got);
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}
