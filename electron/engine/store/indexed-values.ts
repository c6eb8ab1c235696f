// Values of fields declared `indexed: true` that the flows do not need a column for (an
// option subtype, a tunnel key): what the dissectors' index mode put, kept per field as
// (row, value) pairs in row order. Such fields are on few packets, so a sparse column costs
// nothing for the others and grows by doubling (no allocation per packet).
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexSink } from '../dissect/index-sink.js';

class SparseColumn {
  rows = new Uint32Array(16);
  values = new Float64Array(16);
  length = 0;

  add(row: number, value: number): void {
    if (this.length === this.rows.length) {
      const rows = new Uint32Array(this.length * 2);
      rows.set(this.rows);
      this.rows = rows;
      const values = new Float64Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.rows[this.length] = row;
    this.values[this.length++] = value;
  }

  /** Where `row`'s values start (or would): rows are kept in order. */
  private first(row: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Appends the values of `row` (a row may have several: one per occurrence). */
  valuesOf(row: number, out: { push(v: number): unknown }): void {
    for (let k = this.first(row); k < this.length && this.rows[k] === row; k++) out.push(this.values[k]!);
  }

  has(row: number): boolean {
    const k = this.first(row);
    return k < this.length && this.rows[k] === row;
  }
}

export class IndexedValues {
  private readonly columns = new Map<FieldDecl, SparseColumn>();

  /** Keeps what the index mode put for packet `row` (rows come in increasing order). */
  addFrom(row: number, sink: IndexSink): void {
    for (let k = 0; k < sink.putCount; k++) {
      const field = sink.putFields[k]!;
      let c = this.columns.get(field);
      if (!c) this.columns.set(field, (c = new SparseColumn()));
      c.add(row, sink.putValues[k]!);
    }
  }

  /** Appends the values of `field` for packet `row`; none when the packet does not have it. */
  valuesOf(field: FieldDecl, row: number, out: { push(v: number): unknown }): void {
    this.columns.get(field)?.valuesOf(row, out);
  }

  /** Whether the index mode put any value of `field` for packet `row`. */
  has(field: FieldDecl, row: number): boolean {
    return this.columns.get(field)?.has(row) ?? false;
  }

  /** Bytes held (capacity). */
  get byteSize(): number {
    let n = 0;
    for (const c of this.columns.values()) n += c.rows.byteLength + c.values.byteLength;
    return n;
  }
}
