// The recent segments of every TCP connection's resend detector (tcp-backoff.ts), kept in
// one set of shared columns instead of a dozen small typed arrays per connection: a capture
// of 22k short connections used to hold 22k x 2 rings x 8 typed arrays (about 7 KB per
// connection, 150 MB in all, and a garbage collector busy with them). Each ring owns a block
// of slots: SMALL slots at first (a short connection sends a handful of segments each way),
// moved once to a block of REMEMBERED (tcp-backoff.ts) when it fills. Slots are never freed:
// a connection's state lives as long as the index, like the connection itself.
import type { RetransmissionGroup } from './tcp-backoff.js';

/** Slots of a ring's first block. */
export const SMALL_BLOCK = 4;

export class SentPool {
  seq = new Uint32Array(0);
  len = new Uint32Array(0);
  fl = new Uint8Array(0);
  /** Packet index of the first send (a table row: 32 bits), send times (s since the flow start), gap before the last. */
  index = new Uint32Array(0);
  first = new Float64Array(0);
  last = new Float64Array(0);
  lastGap = new Float64Array(0);
  /** 1 when the slot has a resend group (in `groups`, by slot), else 0. */
  group = new Uint8Array(0);
  /** The few slots that belong to a resend group: a resend is rare, a Map by slot is enough. */
  private readonly groups = new Map<number, RetransmissionGroup>();
  private used = 0;
  private cap = 0;

  constructor(initialSlots = 1024) {
    this.grow(initialSlots);
  }

  /** Reserves `n` consecutive slots; returns the first. */
  alloc(n: number): number {
    // Half as much again, not double: the last growth leaves at most a third unused (a pool
    // of 22k connections held 11 MB by doubling, a third of it never used), for three
    // copies of the pool in all instead of two.
    if (this.used + n > this.cap) this.grow(Math.max(this.cap + (this.cap >> 1), this.used + n));
    const base = this.used;
    this.used += n;
    return base;
  }

  groupAt(slot: number): RetransmissionGroup | null {
    return this.group[slot] === 0 ? null : (this.groups.get(slot) ?? null);
  }

  setGroup(slot: number, g: RetransmissionGroup | null): void {
    if (this.group[slot] !== 0) this.groups.delete(slot);
    if (g) this.groups.set(slot, g);
    this.group[slot] = g ? 1 : 0;
  }

  /** Bytes held by the columns (capacity). */
  get byteSize(): number {
    return this.cap * SentPool.BYTES_PER_SLOT;
  }

  static readonly BYTES_PER_SLOT = 4 + 4 + 1 + 4 + 8 * 3 + 1;

  // Growing copies, but per block of connections, not per packet: a few dozen times in all.
  private grow(cap: number): void {
    const n = this.used;
    const seq = new Uint32Array(cap);
    seq.set(this.seq.subarray(0, n));
    const len = new Uint32Array(cap);
    len.set(this.len.subarray(0, n));
    const fl = new Uint8Array(cap);
    fl.set(this.fl.subarray(0, n));
    const index = new Uint32Array(cap);
    index.set(this.index.subarray(0, n));
    const first = new Float64Array(cap);
    first.set(this.first.subarray(0, n));
    const last = new Float64Array(cap);
    last.set(this.last.subarray(0, n));
    const lastGap = new Float64Array(cap);
    lastGap.set(this.lastGap.subarray(0, n));
    const group = new Uint8Array(cap);
    group.set(this.group.subarray(0, n));
    this.seq = seq;
    this.len = len;
    this.fl = fl;
    this.index = index;
    this.first = first;
    this.last = last;
    this.lastGap = lastGap;
    this.group = group;
    this.cap = cap;
  }
}
