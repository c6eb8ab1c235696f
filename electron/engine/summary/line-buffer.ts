// The output bytes of a printer: one reused array that lines are written into, handed to a
// drain (stdout) when full. Printers write at `pos` directly, after `reserve`.
import { putLatin1 } from './byte-format.js';

export class LineBuffer {
  buf: Uint8Array;
  pos = 0;

  /**
   * `drain` receives the first `length` bytes of `buf` (valid only during the call) when
   * room is needed and on flush(). Without a drain the array grows instead: the caller
   * takes the bytes and resets `pos` itself.
   */
  constructor(
    private readonly drain: ((bytes: Uint8Array, length: number) => void) | null,
    size = 1 << 17,
  ) {
    this.buf = new Uint8Array(size);
  }

  /** Makes room for `n` more bytes at `pos` (flushing or growing; never loses bytes). */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.drain) {
      this.flush();
      if (n <= this.buf.length) return;
    }
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  /** Appends each char code's low byte (latin1, as Buffer.write stores it). */
  latin1(s: string): void {
    this.reserve(s.length);
    this.pos = putLatin1(this.buf, this.pos, s);
  }

  flush(): void {
    if (this.pos && this.drain) {
      const n = this.pos;
      this.pos = 0;
      this.drain(this.buf, n);
    }
  }
}
