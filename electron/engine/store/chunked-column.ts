// Columns of the packet table, stored in fixed-size chunks: a file of any size is read into
// chunks allocated as rows arrive, and a chunk, once made, is never copied, grown or trimmed.
// Memory is linear in rows (at most one partly used chunk per column), and appending never
// stalls on a copy of the whole table, which doubling a 60 MB table did.
//
// One small class per element type, not one generic class: each class's get/set then sees
// one typed-array kind only, which V8 compiles to two bare loads (chunk, element) at every
// call site. A row never written, or past the table (a stale request), reads 0.

/** log2 of the rows per chunk: 16k rows, 16-64 KB a column, under a megabyte a table. */
export const CHUNK_BITS = 14;
export const CHUNK_ROWS = 1 << CHUNK_BITS;
export const CHUNK_MASK = CHUNK_ROWS - 1;
const MASK = CHUNK_MASK;

/** Whole chunks needed for `rows` rows. */
export const chunksFor = (rows: number): number => (rows + MASK) >>> CHUNK_BITS;

// One class per element type, not a generic over the typed array: each column's get/set then
// sees one array kind and stays monomorphic on the per-packet path (a shared generic method
// would see three and go polymorphic).
export class U8Column {
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  get(i: number): number {
    const c = this.chunks[i >>> CHUNK_BITS];
    return c === undefined ? 0 : c[i & MASK]!;
  }
  set(i: number, v: number): void {
    this.chunks[i >>> CHUNK_BITS]![i & MASK] = v;
  }
  /** Makes sure `n` chunks exist (PacketTable.add calls it when a row starts a chunk). */
  ensure(n: number): void {
    while (this.chunks.length < n) this.chunks.push(new Uint8Array(CHUNK_ROWS));
  }
  /** Chunk `c` itself, for an appender that writes a whole row into the last chunk. */
  chunk(c: number): Uint8Array<ArrayBuffer> {
    return this.chunks[c]!;
  }
}

export class U16Column {
  private readonly chunks: Uint16Array<ArrayBuffer>[] = [];
  get(i: number): number {
    const c = this.chunks[i >>> CHUNK_BITS];
    return c === undefined ? 0 : c[i & MASK]!;
  }
  set(i: number, v: number): void {
    this.chunks[i >>> CHUNK_BITS]![i & MASK] = v;
  }
  ensure(n: number): void {
    while (this.chunks.length < n) this.chunks.push(new Uint16Array(CHUNK_ROWS));
  }
  /** Chunk `c` itself, for an appender that writes a whole row into the last chunk. */
  chunk(c: number): Uint16Array<ArrayBuffer> {
    return this.chunks[c]!;
  }
}

export class U32Column {
  private readonly chunks: Uint32Array<ArrayBuffer>[] = [];
  get(i: number): number {
    const c = this.chunks[i >>> CHUNK_BITS];
    return c === undefined ? 0 : c[i & MASK]!;
  }
  set(i: number, v: number): void {
    this.chunks[i >>> CHUNK_BITS]![i & MASK] = v;
  }
  ensure(n: number): void {
    while (this.chunks.length < n) this.chunks.push(new Uint32Array(CHUNK_ROWS));
  }
  /** Chunk `c` itself, for an appender that writes a whole row into the last chunk. */
  chunk(c: number): Uint32Array<ArrayBuffer> {
    return this.chunks[c]!;
  }
}

/** The sentinel that sends a narrow column's read to its sparse map of wide values. */
const WIDE16 = 0xffff;

/**
 * A uint32 quantity stored in 16 bits: lengths are nearly always below 64 KiB (a snap
 * length, an MTU), so the rare larger value (a GRO super-packet, a jumbo frame) is kept in
 * a sparse map instead of doubling the column for every row.
 */
export class NarrowU32Column {
  private readonly chunks: Uint16Array<ArrayBuffer>[] = [];
  private readonly wide = new Map<number, number>();
  get(i: number): number {
    const c = this.chunks[i >>> CHUNK_BITS];
    if (c === undefined) return 0;
    const v = c[i & MASK]!;
    return v === WIDE16 ? (this.wide.get(i) ?? WIDE16) : v;
  }
  set(i: number, v: number): void {
    const c = this.chunks[i >>> CHUNK_BITS]!;
    if (v < WIDE16) {
      // A rewrite of a wide row is rare (only tests do it): the map is checked only when it has entries.
      if (this.wide.size !== 0 && c[i & MASK] === WIDE16) this.wide.delete(i);
      c[i & MASK] = v;
    } else {
      c[i & MASK] = WIDE16;
      this.wide.set(i, v);
    }
  }
  ensure(n: number): void {
    while (this.chunks.length < n) this.chunks.push(new Uint16Array(CHUNK_ROWS));
  }
  /** Rows whose value lives in the sparse map. */
  get wideCount(): number {
    return this.wide.size;
  }
}

const WIDE32 = 0xffffffff;

/**
 * File offsets (up to 2^53) as 32-bit distances from their chunk's first offset: rows are
 * appended in file order, so a chunk of 16k records spans far less than 4 GiB. A value
 * that does not fit (before the base, or 4 GiB past it) goes to a sparse map.
 */
export class OffsetColumn {
  private readonly chunks: Uint32Array<ArrayBuffer>[] = [];
  /** Each chunk's base: the first value written into it (NaN until then). */
  private bases = new Float64Array(0);
  private readonly wide = new Map<number, number>();
  get(i: number): number {
    const c = i >>> CHUNK_BITS;
    const chunk = this.chunks[c];
    if (chunk === undefined) return 0;
    const d = chunk[i & MASK]!;
    if (d === WIDE32) return this.wide.get(i) ?? 0;
    const base = this.bases[c]!;
    return base === base ? base + d : 0; // NaN: nothing written in this chunk yet
  }
  set(i: number, v: number): void {
    const c = i >>> CHUNK_BITS;
    let base = this.bases[c]!;
    if (base !== base) base = this.bases[c] = v;
    const d = v - base;
    const chunk = this.chunks[c]!;
    if (d >= 0 && d < WIDE32) {
      if (this.wide.size !== 0 && chunk[i & MASK] === WIDE32) this.wide.delete(i);
      chunk[i & MASK] = d;
    } else {
      chunk[i & MASK] = WIDE32;
      this.wide.set(i, v);
    }
  }
  ensure(n: number): void {
    if (n > this.bases.length) {
      // 8 bytes per 16k rows: this small array, not the chunks, is re-made (doubling) as they are added.
      const bases = new Float64Array(Math.max(n, this.bases.length * 2));
      bases.fill(NaN);
      bases.set(this.bases);
      this.bases = bases;
    }
    while (this.chunks.length < n) this.chunks.push(new Uint32Array(CHUNK_ROWS));
  }
}

/** What a reader of one column needs (every column class above has it). */
export interface ColumnReader {
  get(i: number): number;
}
