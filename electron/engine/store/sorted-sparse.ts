// A sparse per-packet column of two numbers, for facts only some packets have (the segment
// an ACK acknowledges and its RTT): rows are added in packet order, so the packet indexes
// stay sorted and a lookup is a binary search. 16 bytes a row, no object per row.

export class SortedSparse {
  private keys = new Uint32Array(64);
  private a = new Float64Array(64);
  private b = new Float64Array(64);
  size = 0;

  /** Adds the row of packet `i` (call with increasing `i`). */
  add(i: number, a: number, b: number): void {
    if (this.size === this.keys.length) {
      const n = this.size * 2;
      const k = new Uint32Array(n);
      k.set(this.keys);
      const x = new Float64Array(n);
      x.set(this.a);
      const y = new Float64Array(n);
      y.set(this.b);
      this.keys = k;
      this.a = x;
      this.b = y;
    }
    this.keys[this.size] = i;
    this.a[this.size] = a;
    this.b[this.size] = b;
    this.size++;
  }

  /** The row of packet `i`, or undefined. */
  get(i: number): { a: number; b: number } | undefined {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid]!;
      if (k === i) return { a: this.a[mid]!, b: this.b[mid]! };
      if (k < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}
