// Which packets the list shows, in order: every packet (no filter: display index = packet
// index, nothing stored) or the matches of a filter as a growable Uint32Array (4 bytes a
// displayed packet), appended to as a file loads or a capture runs.
export class DisplayList {
  private list: Uint32Array | null = null;
  private n = 0;

  constructor(private readonly total: () => number) {}

  get filtered(): boolean {
    return this.list !== null;
  }

  get count(): number {
    return this.list ? this.n : this.total();
  }

  /** Packet index at display position `d` (caller checks 0 <= d < count). */
  at(d: number): number {
    return this.list ? this.list[d]! : d;
  }

  /** Display position of packet `i`, -1 when it is filtered out (or not there yet). */
  indexOf(i: number): number {
    if (!this.list) return i < this.total() ? i : -1;
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.list[mid]!;
      if (v === i) return mid;
      if (v < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Shows every packet again. */
  clear(): void {
    this.list = null;
    this.n = 0;
  }

  /** Replaces the list by `matches` (ascending packet indices). */
  set(matches: Uint32Array, count: number): void {
    this.list = matches;
    this.n = count;
  }

  /** Appends a match (live: packets arriving under an active filter). */
  push(i: number): void {
    if (!this.list) return;
    if (this.n === this.list.length) {
      const grown = new Uint32Array(Math.max(1024, this.list.length * 2));
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.n++] = i;
  }
}
