// Statistics › I/O Graph: packets and bytes per interval for each graph, from the index's
// time and length columns (a million packets bucket in milliseconds); a graph with a display
// filter counts the packets the filter engine matches (the list's own filter runner).
// Counting is that of `-z io,stat,INTERVAL,FILTER` (FRAMES and BYTES per interval).
import { MAX_IO_INTERVALS, type IoGraphDto, type IoSeriesDto } from '../../shared/stats-dto.js';
import type { CaptureIndex } from '../flows/capture-index.js';

/** The packets a graph counts: all, or a filter's matches (ascending), or why not. */
export type GraphPackets = { all: true } | { matches: Uint32Array; count: number } | { error: string };

const bin = (a: Float64Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The interval number of each packet's time (ns since the first packet, integral). */
function span(index: CaptureIndex): { sec0: number; nsec0: number; lastNs: number } {
  const t = index.packets;
  const n = t.length;
  if (!n) return { sec0: 0, nsec0: 0, lastNs: 0 };
  const sec0 = t.sec(0);
  const nsec0 = t.nsec(0);
  let lastNs = 0;
  for (let i = 0; i < n; i++) {
    const ns = (t.sec(i) - sec0) * 1e9 + (t.nsec(i) - nsec0);
    if (ns > lastNs) lastNs = ns;
  }
  return { sec0, nsec0, lastNs };
}

export function ioGraph(index: CaptureIndex, intervalMs: number, graphs: readonly { filter: string; packets: GraphPackets }[]): IoGraphDto {
  const t = index.packets;
  const { sec0, nsec0, lastNs } = span(index);
  const step = intervalMs * 1e6;
  const intervals = t.length ? Math.floor(lastNs / step) + 1 : 0;
  if (intervals > MAX_IO_INTERVALS) throw new Error(`an interval of ${intervalMs} ms makes ${intervals} points (at most ${MAX_IO_INTERVALS}): choose a longer interval`);
  const series = graphs.map(({ filter, packets: which }): IoSeriesDto => {
    const packets = new Float64Array(intervals);
    const bytes = new Float64Array(intervals);
    const first = new Float64Array(intervals).fill(-1);
    const count = (i: number): void => {
      // A packet earlier than the first one (not in time order) counts in interval 0.
      const k = Math.max(0, Math.floor(((t.sec(i) - sec0) * 1e9 + (t.nsec(i) - nsec0)) / step));
      packets[k]!++;
      bytes[k]! += t.wirelen[i]!;
      if (first[k] === -1) first[k] = i;
    };
    if ('error' in which) return { filter, packets: bin(packets), bytes: bin(bytes), first: bin(first), error: which.error };
    if ('all' in which) for (let i = 0; i < t.length; i++) count(i);
    else for (let k = 0; k < which.count; k++) count(which.matches[k]!);
    return { filter, packets: bin(packets), bytes: bin(bytes), first: bin(first) };
  });
  return { start: sec0 + nsec0 / 1e9, intervalMs, intervals, series };
}
