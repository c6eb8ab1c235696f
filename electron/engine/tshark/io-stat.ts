// Statistics > I/O Graph's numbers, and `tshark -q -z io,stat,INTERVAL[,COLUMN...]`: per time
// interval, frames and bytes of the packets matching each column's filter, or a calculation
// over a field: COUNT(f), SUM(f), MIN(f), MAX(f), AVG(f) (then FILTER), FRAMES, BYTES. The
// table is drawn as tshark 4.0's ui/cli/tap-iostat.c draws it, widths and quirks included.
import type { CompiledFilter } from '../filter/compile-filter.js';
import { lookupField } from '../filter/field-registry.js';
import { fieldValues } from './field-values.js';
import { tapMatches, type DrawContext, type Tap, type TapPacket } from './tap.js';
import { drawIoStat } from './io-stat-text.js';

export type Calc = 'FRAMES' | 'BYTES' | 'FRAMES BYTES' | 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG';

export interface IoColumn {
  /** The column as given on the command line (tshark prints it as the column's name). */
  readonly spec: string | null;
  readonly calc: Calc;
  readonly field?: string;
  /** The field holds a relative time (nanoseconds are summed, printed as seconds). */
  readonly time: boolean;
  readonly filter: CompiledFilter | null;
}

export interface IoCell {
  frames: number;
  /** Bytes, a count, or the calculation's running value (nanoseconds for times). */
  counter: number;
  /** Values seen (for AVG). */
  num: number;
}

export class IoStatTap implements Tap {
  /** Per column: the cells of the intervals that had packets, by interval number. */
  readonly cells: Map<number, IoCell>[];
  /** Per column: the latest interval with a packet (tshark ignores packets older than it). */
  private readonly latest: number[];
  /**
   * Per column: the largest frame count and value any cell reached, as tshark tracks them
   * packet by packet (they size the columns: a running MIN or AVG may have been wider than
   * its final value).
   */
  readonly maxFrames: number[];
  readonly maxVals: number[];
  /** Fields the dissection keeps (tshark drops a field from its tree unless a filter or -e names it). */
  referenced: (field: string) => boolean;

  constructor(
    /** Microseconds; Infinity = the whole capture (interval 0). */
    readonly intervalUs: number,
    /** Decimal places the interval was given with. */
    readonly precision: number,
    readonly columns: readonly IoColumn[],
  ) {
    this.cells = columns.map(() => new Map());
    this.latest = columns.map(() => 0);
    this.maxFrames = columns.map(() => 0);
    this.maxVals = columns.map(() => 0);
    const named = new Set(columns.flatMap((c) => c.filter?.fields ?? []));
    this.referenced = (f) => named.has(f);
  }

  packet(p: TapPacket): void {
    const rt = p.rel.sec * 1e6 + Math.floor((p.rel.nsec + 500) / 1000);
    const idx = Number.isFinite(this.intervalUs) ? Math.floor(rt / this.intervalUs) : 0;
    this.columns.forEach((col, c) => {
      if (!tapMatches(col.filter, p)) return;
      const cells = this.cells[c]!;
      if (idx < this.latest[c]!) return;
      this.latest[c] = idx;
      let cell = cells.get(idx);
      if (!cell) cells.set(idx, (cell = { frames: 0, counter: 0, num: 0 }));
      cell.frames++;
      this.accumulate(col, cell, p);
      this.track(c, col, cell);
    });
  }

  private track(c: number, col: IoColumn, cell: IoCell): void {
    const max = (v: number): void => void (this.maxVals[c] = Math.max(this.maxVals[c]!, v));
    if (col.calc === 'FRAMES' || col.calc === 'FRAMES BYTES') this.maxFrames[c] = Math.max(this.maxFrames[c]!, cell.frames);
    if (col.calc !== 'AVG') max(cell.counter);
    else if (cell.num) max(col.time ? Math.floor((Math.floor(cell.counter / cell.num) + 5e8) / 1e9) : Math.floor(cell.counter / cell.num));
  }

  private accumulate(col: IoColumn, cell: IoCell, p: TapPacket): void {
    if (col.calc === 'FRAMES' || col.calc === 'BYTES' || col.calc === 'FRAMES BYTES') {
      cell.counter += p.rec.wirelen;
      return;
    }
    const values = col.field && this.referenced(col.field) ? fieldValues(col.field, p) : [];
    if (col.calc === 'COUNT') {
      cell.counter += values.length;
      return;
    }
    values.forEach((raw, k) => {
      const v = typeof raw === 'number' ? (col.time ? Math.round(raw * 1e9) : raw) : 0;
      switch (col.calc) {
        case 'SUM':
          cell.counter += v;
          break;
        case 'MIN':
          if ((cell.frames === 1 && k === 0) || v < cell.counter) cell.counter = v;
          break;
        case 'MAX':
          if (v > cell.counter) cell.counter = v;
          break;
        case 'AVG':
          cell.num++;
          cell.counter += v;
          break;
      }
    });
  }

  draw(ctx: DrawContext, out: (text: string) => void): void {
    drawIoStat(this, ctx.elapsed.sec * 1e6 + Math.floor((ctx.elapsed.nsec + 500) / 1000), out);
  }
}

const CALCS: readonly Calc[] = ['FRAMES', 'BYTES', 'FRAMES BYTES', 'COUNT', 'SUM', 'MIN', 'MAX', 'AVG'];

export class IoStatError extends Error {}

/** One `-z io,stat` column: `FILTER`, `FUNC(field)FILTER`, or empty for all frames. */
export function parseIoColumn(spec: string | null, compile: (f: string) => CompiledFilter | null): IoColumn {
  if (spec === null) return { spec, calc: 'FRAMES BYTES', time: false, filter: null };
  for (const calc of CALCS) {
    if (!spec.startsWith(calc)) continue;
    if (spec[calc.length] !== '(') continue;
    const close = spec.indexOf(')', calc.length + 1);
    if (close < 0) throw new IoStatError('Closing parenthesis missing from calculated expression.');
    const field = spec.slice(calc.length + 1, close);
    const rest = spec.slice(close + 1);
    if (calc === 'FRAMES' || calc === 'BYTES') {
      if (field) throw new IoStatError(`${calc} does not require or allow a field name within the parens.`);
      return { spec, calc, time: false, filter: compile(rest) };
    }
    if (!field) throw new IoStatError(`You didn't specify a field name for ${calc}(*).`);
    const def = lookupField(field);
    if (!def) throw new IoStatError(`There is no field named '${field}'.`);
    const time = def.type === 'float';
    const numeric = def.type === 'uint' || def.type === 'int' || (time && field !== 'frame.time_epoch');
    if (calc !== 'COUNT' && !numeric) throw new IoStatError(`${field} doesn't have integer values, but is being used in a calculation.`);
    return { spec, calc, field, time, filter: compile(rest) };
  }
  return { spec, calc: 'FRAMES BYTES', time: false, filter: compile(spec) };
}

/** `io,stat,INTERVAL[,COLUMN...]` (after `io,stat,`). */
export function parseIoStat(args: string, compile: (f: string) => CompiledFilter | null): IoStatTap {
  const bad = (): IoStatError => new IoStatError('invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument');
  if (args.endsWith(',')) throw bad();
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/s.exec(args);
  if (!m) throw bad();
  const value = Number(m[1]);
  const rest = m[2]!;
  if (rest && !rest.startsWith(',')) throw bad();
  let intervalUs = Infinity;
  let precision = 0;
  if (value !== 0) {
    intervalUs = Math.floor(value * 1e6 + 0.5);
    precision = 6;
    for (let k = 10; k < 1e7; k *= 10) {
      if (intervalUs % k > 0) break;
      precision--;
    }
    if (precision === 0) {
      // "1.0" asks for one decimal place. (Without a column after it, tshark 4.0 measures up
      // to a missing comma and ends up with six places.)
      const dot = m[1]!.indexOf('.');
      if (dot >= 0) precision = rest ? Math.min(m[1]!.length - dot - 1, 6) || 0 : 6;
    }
  }
  if (intervalUs < 1) throw new IoStatError('"-z" interval must be >=0.000001 seconds or "0" for the entire capture duration.');
  const specs = rest ? rest.slice(1).split(',') : [null];
  return new IoStatTap(intervalUs, precision, specs.map((s) => parseIoColumn(s, compile)));
}
