// A RandomAccessSource over a file that may still grow (a capture being written): reads are
// not clamped to the size seen at open, so packets indexed after opening can be read back.
import { open, type FileHandle } from 'node:fs/promises';
import type { RandomAccessSource } from '../capfile/types.js';
import { readAt } from './file-source.js';

export class GrowingFileSource implements RandomAccessSource {
  size = 0;

  private constructor(private readonly fh: FileHandle) {}

  static async open(path: string): Promise<GrowingFileSource> {
    const s = new GrowingFileSource(await open(path, 'r'));
    s.size = (await s.fh.stat()).size;
    return s;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const out = await readAt(this.fh, offset, length);
    if (offset + out.length > this.size) this.size = offset + out.length;
    return out;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}
