// electron/engine/store/: the compact column store of the packet index.
//
// The compact per-packet index: one typed-array column per field. 62 bytes a packet; the
// packet bytes themselves stay in the file and are read back by `dataOffset` through the
// host's RandomAccessSource.
//
// Growth: every consumer reads the columns as plain typed arrays (t.seq[i]), which V8
// compiles to a bare load; a column split in chunks would need an accessor at every read,
// and a resizable ArrayBuffer (grows in place) is read about 4x slower by Node 20's
// optimizing compiler. So the table grows by copying, but rarely: CaptureIndex sizes it
// from the file's size and the bytes read so far (about 5% to spare, one copy of a few
// thousand rows, and at most one correction late in a file whose records grow), and the
// spare capacity is left in place at the end unless it is worth a copy (trim).

// Small to start (a few KB a column): a small file should not cost a megabyte.
const INITIAL = 1 << 10;

/** trim() copies only when more than this share of the capacity is unused. */
const TRIM_SPARE = 1 / 8;

export class PacketTable {
  length = 0;
  private cap = 0;
  dataOffset = new Float64Array(0);
  /**
   * The time as the reader gave it, when it fits 32 bits (nearly always). Read it through
   * sec()/nsec() and write it through setTime(): a pcapng time before 1970 or after 2106, or a
   * broken pcap µs field over 4294 s (kept raw, x1000, for a faithful re-write), lives in
   * `wide` instead.
   */
  tsSec = new Uint32Array(0);
  tsNsec = new Uint32Array(0);
  caplen = new Uint32Array(0);
  wirelen = new Uint32Array(0);
  iface = new Uint16Array(0);
  etherType = new Uint16Array(0);
  ipProto = new Uint8Array(0);
  tcpFlags = new Uint8Array(0);
  window = new Uint16Array(0);
  /** Interned network addresses (see AddressTable); 0 = none. */
  src = new Uint32Array(0);
  dst = new Uint32Array(0);
  sport = new Uint16Array(0);
  dport = new Uint16Array(0);
  seq = new Uint32Array(0);
  ack = new Uint32Array(0);
  payloadLength = new Uint32Array(0);
  /** Flow (conversation) id, 0 = none. */
  flow = new Uint32Array(0);
  /** TCP analysis flags (bit set, see flows/analysis-flags.ts). */
  analysis = new Uint16Array(0);

  /** Times that do not fit the uint32 columns, by row; null until a file has one. */
  private wide: Map<number, { readonly sec: number; readonly nsec: number }> | null = null;

  constructor(capacity = INITIAL) {
    this.grow(capacity);
  }

  setTime(i: number, sec: number, nsec: number): void {
    this.tsSec[i] = sec;
    this.tsNsec[i] = nsec;
    if (sec >= 0 && sec <= 0xffffffff && nsec >= 0 && nsec <= 0xffffffff) this.wide?.delete(i);
    else (this.wide ??= new Map()).set(i, { sec, nsec });
  }

  /** Whole seconds of row `i` (negative or past 2^32 for some pcapng files). */
  sec(i: number): number {
    const w = this.wide;
    return w === null ? this.tsSec[i]! : (w.get(i)?.sec ?? this.tsSec[i]!);
  }

  /** The fraction in nanoseconds (at or past 1e9 for a broken pcap µs field, as read). */
  nsec(i: number): number {
    const w = this.wide;
    return w === null ? this.tsNsec[i]! : (w.get(i)?.nsec ?? this.tsNsec[i]!);
  }

  /** Appends a row and returns its index; the caller fills the columns. */
  add(): number {
    if (this.length === this.cap) this.grow(this.cap * 2);
    return this.length++;
  }

  /** Rows the columns can hold before they grow. */
  get capacity(): number {
    return this.cap;
  }

  /** Grows the capacity to at least `n` rows in one step (no-op when already there). */
  reserve(n: number): void {
    if (n > this.cap) this.grow(n);
  }

  /**
   * Releases the unused capacity after a file is fully read (a live capture keeps growing),
   * when there is enough of it to be worth copying the whole table: a table sized from the
   * file's size keeps its few percent to spare.
   */
  trim(): void {
    if (this.cap - this.length > this.cap * TRIM_SPARE) this.grow(Math.max(1, this.length));
  }

  /** Bytes held by the columns (capacity, not just the used rows). */
  get byteSize(): number {
    return this.cap * PacketTable.BYTES_PER_PACKET;
  }

  static readonly BYTES_PER_PACKET = 8 + 4 * 4 + 2 * 2 + 1 * 2 + 2 + 4 * 2 + 2 * 2 + 4 * 2 + 4 + 4 + 2;

  private grow(cap: number): void {
    const copy = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.dataOffset = copy(this.dataOffset, (n) => new Float64Array(n));
    this.tsSec = copy(this.tsSec, (n) => new Uint32Array(n));
    this.tsNsec = copy(this.tsNsec, (n) => new Uint32Array(n));
    this.caplen = copy(this.caplen, (n) => new Uint32Array(n));
    this.wirelen = copy(this.wirelen, (n) => new Uint32Array(n));
    this.iface = copy(this.iface, (n) => new Uint16Array(n));
    this.etherType = copy(this.etherType, (n) => new Uint16Array(n));
    this.ipProto = copy(this.ipProto, (n) => new Uint8Array(n));
    this.tcpFlags = copy(this.tcpFlags, (n) => new Uint8Array(n));
    this.window = copy(this.window, (n) => new Uint16Array(n));
    this.src = copy(this.src, (n) => new Uint32Array(n));
    this.dst = copy(this.dst, (n) => new Uint32Array(n));
    this.sport = copy(this.sport, (n) => new Uint16Array(n));
    this.dport = copy(this.dport, (n) => new Uint16Array(n));
    this.seq = copy(this.seq, (n) => new Uint32Array(n));
    this.ack = copy(this.ack, (n) => new Uint32Array(n));
    this.payloadLength = copy(this.payloadLength, (n) => new Uint32Array(n));
    this.flow = copy(this.flow, (n) => new Uint32Array(n));
    this.analysis = copy(this.analysis, (n) => new Uint16Array(n));
    this.cap = cap;
  }
}
