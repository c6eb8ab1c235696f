// Statistics › I/O Graph: packets or bytes per interval for each graph, from the index's
// time and length columns (a million packets bucket in milliseconds); a graph with a display
// filter counts the packets the filter engine matches (the list's own filter runner).
// Counting is that of `-z io,stat,INTERVAL,FILTER` (FRAMES or BYTES per interval). Only the
// counts the chart draws travel (one Float64 array a graph: 1.8 million points are 14 MB);
// the packet behind a click is asked for afterwards (packetAt).
import { MAX_IO_INTERVALS, type IoGraphDto, type IoSeriesDto } from '../../shared/stats-dto.js';
import type { CaptureIndex } from '../flows/capture-index.js';

/** The packets a graph counts: all, or a filter's matches (ascending), or why not. */
export type GraphPackets = { all: true } | { matches: Uint32Array; count: number } | { error: string };

export interface IoGraphRequest {
  readonly filter: string;
  readonly unit: 'packets' | 'bytes';
  readonly packets: GraphPackets;
}

const bin = (a: Float64Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A drawn graph set: what packetAt needs to map an interval back to a packet. */
export class IoGraph {
  private readonly sec0: number;
  private readonly nsec0: number;
  private readonly step: number;
  readonly intervals: number;
  /** Packets in the capture when drawn (a live capture grows: then it is drawn anew). */
  private readonly packets: number;

  constructor(
    private readonly index: CaptureIndex,
    readonly intervalMs: number,
    private readonly graphs: readonly IoGraphRequest[],
  ) {
    const t = index.packets;
    this.packets = t.length;
    this.sec0 = t.length ? t.sec(0) : 0;
    this.nsec0 = t.length ? t.nsec(0) : 0;
    this.step = intervalMs * 1e6;
    let lastNs = 0;
    for (let i = 0; i < t.length; i++) lastNs = Math.max(lastNs, this.ns(i));
    this.intervals = t.length ? Math.floor(lastNs / this.step) + 1 : 0;
    if (this.intervals > MAX_IO_INTERVALS) throw new Error(`an interval of ${intervalMs} ms makes ${this.intervals} points (at most ${MAX_IO_INTERVALS}): choose a longer interval`);
  }

  /** Nanoseconds since the first packet (exact in a double for 100 days). */
  private ns(i: number): number {
    const t = this.index.packets;
    return (t.sec(i) - this.sec0) * 1e9 + (t.nsec(i) - this.nsec0);
  }

  /** A packet earlier than the first one (not in time order) counts in interval 0. */
  private bucket(i: number): number {
    return Math.max(0, Math.floor(this.ns(i) / this.step));
  }

  private each(which: GraphPackets, fn: (i: number) => boolean | void): void {
    if ('error' in which) return;
    if ('all' in which) {
      for (let i = 0; i < this.index.packets.length; i++) if (fn(i) === false) return;
    } else for (let k = 0; k < which.count; k++) if (fn(which.matches[k]!) === false) return;
  }

  /** Per graph, the count of every interval (made once, kept for zooming). */
  private counts: Float64Array<ArrayBuffer>[] | null = null;

  private allCounts(): Float64Array<ArrayBuffer>[] {
    const wirelen = this.index.packets.wirelen;
    this.counts ??= this.graphs.map((g) => {
      const values = new Float64Array(this.intervals);
      if (g.unit === 'bytes') this.each(g.packets, (i) => void (values[this.bucket(i)]! += wirelen.get(i)));
      else this.each(g.packets, (i) => void values[this.bucket(i)]!++);
      return values;
    });
    return this.counts;
  }

  /** The values of intervals first..last, or their envelope when there are more than maxPoints. */
  dto(range?: { first: number; last: number }, maxPoints = Infinity): IoGraphDto {
    const counts = this.allCounts();
    const first = Math.min(range?.first ?? 0, Math.max(0, this.intervals - 1));
    const last = Math.max(first, Math.min(range?.last ?? this.intervals - 1, this.intervals - 1));
    const n = this.intervals ? last - first + 1 : 0;
    const base = { start: this.sec0 + this.nsec0 / 1e9, intervalMs: this.intervalMs, intervals: this.intervals, first };
    const errors = (k: number): { error?: string } => {
      const p = this.graphs[k]!.packets;
      return 'error' in p ? { error: p.error } : {};
    };
    if (n <= maxPoints) {
      const series = counts.map((c, k): IoSeriesDto => ({ filter: this.graphs[k]!.filter, values: bin(c.slice(first, first + n)), ...errors(k) }));
      return { ...base, series };
    }
    // Runs of `run` intervals, each drawn as two points: its largest value, then its smallest.
    const run = Math.ceil(n / Math.floor(maxPoints / 2));
    const runs = Math.ceil(n / run);
    const x = new Float64Array(runs * 2);
    for (let r = 0; r < runs; r++) {
      x[2 * r] = first + r * run;
      x[2 * r + 1] = first + r * run + run / 2;
    }
    const series = counts.map((c, k): IoSeriesDto => {
      const v = new Float64Array(runs * 2);
      for (let r = 0; r < runs; r++) {
        let hi = -Infinity;
        let lo = Infinity;
        const end = Math.min(first + n, first + (r + 1) * run);
        for (let j = first + r * run; j < end; j++) {
          const y = c[j]!;
          if (y > hi) hi = y;
          if (y < lo) lo = y;
        }
        v[2 * r] = hi;
        v[2 * r + 1] = lo;
      }
      return { filter: this.graphs[k]!.filter, values: bin(v), ...errors(k) };
    });
    return { ...base, x: bin(x), series };
  }

  /** True when this drew the same graphs (filter and unit, in order). */
  matches(graphs: readonly { filter: string; unit: string }[]): boolean {
    return graphs.length === this.graphs.length && graphs.every((g, k) => g.filter === this.graphs[k]!.filter && g.unit === this.graphs[k]!.unit) && this.index.packets.length === this.packets;
  }

  /** The first packet of graph `graph` in interval `k` or after it; -1 when none. */
  packetAt(graph: number, k: number): number {
    const g = this.graphs[graph];
    let found = -1;
    if (g) this.each(g.packets, (i) => (this.bucket(i) >= k ? ((found = i), false) : true));
    return found;
  }
}
