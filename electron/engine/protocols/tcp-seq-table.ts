// tcpdump's tcp_seq_hash (print-tcp.c): one entry per ordered (addresses, ports) tuple,
// holding the base sequence and acknowledgement numbers relative ones are printed against.
//
// The key is read straight from the packet bytes into typed arrays and found by open
// addressing: no key string is built per packet (a template-string key per segment was a
// measurable share of `ackline read`, and its garbage more). Entries are objects, one per
// tuple, so tcp.ts and the byte-writing fast path (summary/fast-line.ts) share them.

/** What tcpdump stored for a tuple: the bases its relative numbers are printed against. */
export interface SeqEntry {
  seq: number;
  ack: number;
  /** True when the entry was (re)started by this packet: print absolute numbers. */
  fresh: boolean;
}

/** The key of the table in a FrameDissector's cross-frame state. */
export const TCP_SEQ_STATE = 'tcp.seqTable';

/** Words of a key: IP version, address a (4 words), address b (4 words), ports pa << 16 | pb. */
const KEY = 10;

export class TcpSeqTable {
  private capacity = 1024;
  /** Slot -> entry number + 1 (0 = empty). */
  private slots = new Int32Array(this.capacity);
  /** Entry number -> its key words. */
  private keys = new Int32Array(512 * KEY);
  private readonly entries: SeqEntry[] = [];
  /** The key being looked up or added (setKey), and its hash. */
  private readonly key = new Int32Array(KEY);
  private hash = 0;

  get size(): number {
    return this.entries.length;
  }

  /**
   * Sets the key to look up: IP version `v`, address a at `d[ao]` and b at `e[bo]` (4 bytes
   * for IPv4, 16 for IPv6), ports `pa` and `pb`.
   */
  setKey(v: 4 | 6, d: Uint8Array, ao: number, e: Uint8Array, bo: number, pa: number, pb: number): void {
    const k = this.key;
    k[0] = v;
    if (v === 4) {
      k[1] = be32(d, ao);
      k[5] = be32(e, bo);
      k[2] = k[3] = k[4] = k[6] = k[7] = k[8] = 0;
    } else {
      for (let i = 0; i < 4; i++) {
        k[1 + i] = be32(d, ao + 4 * i);
        k[5 + i] = be32(e, bo + 4 * i);
      }
    }
    k[9] = (pa << 16) | pb;
    this.hash = hashOf(k, 0);
  }

  /** The entry for the key set by setKey, or undefined. */
  find(): SeqEntry | undefined {
    const mask = this.capacity - 1;
    const slots = this.slots;
    for (let s = this.hash & mask; ; s = (s + 1) & mask) {
      const n = slots[s]!;
      if (n === 0) return undefined;
      if (this.keyIs(n - 1)) return this.entries[n - 1];
    }
  }

  /** Adds `entry` under the key set by setKey (which must not be in the table yet). */
  add(entry: SeqEntry): void {
    const n = this.entries.length;
    if ((n + 1) * 2 > this.capacity) this.grow();
    if ((n + 1) * KEY > this.keys.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.keys.set(this.key, n * KEY);
    this.entries.push(entry);
    this.place(this.hash, n);
  }

  private keyIs(n: number): boolean {
    const keys = this.keys;
    const k = this.key;
    const o = n * KEY;
    for (let i = 0; i < KEY; i++) if (keys[o + i] !== k[i]) return false;
    return true;
  }

  private place(hash: number, n: number): void {
    const mask = this.capacity - 1;
    let s = hash & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = n + 1;
  }

  private grow(): void {
    this.capacity *= 2;
    this.slots = new Int32Array(this.capacity);
    for (let n = 0; n < this.entries.length; n++) this.place(hashOf(this.keys, n * KEY), n);
  }
}

/**
 * The key's words mixed (murmur3's steps): every bit of the ports reaches the slot index.
 * An IPv4 key's address words 2-4 and 6-8 are zero: only the others are mixed.
 */
function hashOf(k: Int32Array, o: number): number {
  let h = 0x811c9dc5;
  if (k[o] === 4) {
    h = mix(mix(mix(mix(h, 4), k[o + 1]!), k[o + 5]!), k[o + 9]!);
  } else {
    for (let i = 0; i < KEY; i++) h = mix(h, k[o + i]!);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, 0xcc9e2d51);
  return Math.imul((h << 15) | (h >>> 17), 0x1b873593);
}

function be32(d: Uint8Array, o: number): number {
  return (d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!;
}
