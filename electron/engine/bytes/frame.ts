// electron/engine/bytes/: bounds-checked reading of a packet's bytes.
import { Truncated } from './truncated.js';

/**
 * The captured bytes of one frame with a movable end: every read is bounds-checked
 * against `snapend` (tcpdump's ndo_snapend) and throws `Truncated` past it.
 * A layer narrows `snapend` to its declared length before handing on, like
 * tcpdump's nd_push_snaplen, and restores it afterwards.
 */
export class Frame {
  /** End of the bytes that may be read (exclusive). */
  snapend: number;
  private readonly stack: number[] = [];

  constructor(
    public data: Uint8Array,
    /** Length of the frame on the wire. */
    public wirelen: number = data.length,
  ) {
    this.snapend = data.length;
  }

  /** Points this frame at another packet (the driver reuses one Frame for the fast path). */
  load(data: Uint8Array, wirelen: number): void {
    this.data = data;
    this.wirelen = wirelen;
    this.snapend = data.length;
    this.stack.length = 0;
  }

  /** True when `n` bytes at `o` are captured (ND_TTEST_LEN). */
  has(o: number, n: number): boolean {
    return o >= 0 && n >= 0 && o + n <= this.snapend;
  }

  /** Throws `Truncated` unless `n` bytes at `o` are captured (ND_TCHECK_LEN). */
  check(o: number, n: number): void {
    if (o < 0 || n < 0 || o + n > this.snapend) throw new Truncated(Math.max(o, this.snapend));
  }

  u8(o: number): number {
    if (o < 0 || o >= this.snapend) throw new Truncated(o);
    return this.data[o]!;
  }

  be16(o: number): number {
    if (o < 0 || o + 2 > this.snapend) throw new Truncated(o);
    const d = this.data;
    return (d[o]! << 8) | d[o + 1]!;
  }

  be24(o: number): number {
    if (o < 0 || o + 3 > this.snapend) throw new Truncated(o);
    const d = this.data;
    return (d[o]! << 16) | (d[o + 1]! << 8) | d[o + 2]!;
  }

  be32(o: number): number {
    if (o < 0 || o + 4 > this.snapend) throw new Truncated(o);
    const d = this.data;
    return ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  }

  le16(o: number): number {
    if (o < 0 || o + 2 > this.snapend) throw new Truncated(o);
    const d = this.data;
    return d[o]! | (d[o + 1]! << 8);
  }

  le32(o: number): number {
    if (o < 0 || o + 4 > this.snapend) throw new Truncated(o);
    const d = this.data;
    return (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16) | (d[o + 3]! << 24)) >>> 0;
  }

  /** A view (no copy) of `n` captured bytes at `o`. */
  bytes(o: number, n: number): Uint8Array {
    this.check(o, n);
    return this.data.subarray(o, o + n);
  }

  /** Captured bytes left from `o` to the current end (never negative). */
  left(o: number): number {
    return Math.max(0, this.snapend - o);
  }

  /**
   * Narrows the readable window to end at `end` if that is shorter (a layer's declared
   * length); always pair with `popEnd`. Returns false if `end` is past the capture (no change in limit).
   */
  pushEnd(end: number): void {
    this.stack.push(this.snapend);
    if (end < this.snapend) this.snapend = Math.max(0, end);
  }

  popEnd(): void {
    const prev = this.stack.pop();
    if (prev !== undefined) this.snapend = prev;
  }

  /** Restores the full captured length (used by the driver between printers). */
  reset(): void {
    this.stack.length = 0;
    this.snapend = this.data.length;
  }
}
