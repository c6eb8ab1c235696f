// Running a compiled display filter over a range of packets, and Find (Ctrl+F): both walk
// packets in chunks, read and dissect only when needed (a filter on index columns reads
// nothing), yield between chunks so requests keep being answered, and stop on cancel.
import type { CaptureIndex } from '../flows/capture-index.js';
import type { DissectedPacket, PacketMatcher } from './packet-matcher.js';
import type { DisplayList } from './display-list.js';
import type { PacketBytes } from './packet-bytes.js';
import type { RowRenderer } from './row-renderer.js';

const CHUNK = 2048;

const yieldNow = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Packet indices in ascending order, in a growable typed array. */
class Matches {
  data: Uint32Array;
  count = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }
  push(i: number): void {
    if (this.count === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count++] = i;
  }
}

export async function runFilter(
  renderer: RowRenderer,
  bytes: PacketBytes,
  index: CaptureIndex,
  matcher: PacketMatcher,
  from: number,
  to: number,
  signal: AbortSignal,
): Promise<{ matches: Uint32Array; count: number }> {
  const out = new Matches(Math.min(to - from, 1 << 16));
  for (let start = from; start < to; start += CHUNK) {
    if (signal.aborted) break;
    const end = Math.min(to, start + CHUNK);
    // Decide from the index columns first when the matcher can; read and dissect only the
    // packets it leaves undecided (all of them for a matcher without an index path).
    const hits: number[] = [];
    const undecided: number[] = [];
    for (let i = start; i < end; i++) {
      const fast = matcher.matchIndex ? matcher.matchIndex(index, i) : undefined;
      if (fast === undefined) undecided.push(i);
      else if (fast) hits.push(i);
    }
    if (undecided.length) {
      const datas = matcher.needsPacket || matcher.matchIndex ? await bytes.readMany(undecided) : null;
      for (let k = 0; k < undecided.length; k++) {
        const i = undecided[k]!;
        // frame contains / frame[…]: the bytes answer without a dissection.
        const byBytes = datas && matcher.matchBytes ? matcher.matchBytes(index, i, datas[k] ?? new Uint8Array(0)) : undefined;
        if (byBytes !== undefined) {
          if (byBytes) hits.push(i);
          continue;
        }
        let cached: DissectedPacket | null = null;
        const packet = (): DissectedPacket => {
          if (!cached) {
            const data = datas?.[k] ?? new Uint8Array(0);
            cached = { data, ...renderer.dissect(i, data, true) };
          }
          return cached;
        };
        if (matcher.match(index, i, packet)) hits.push(i);
      }
      if (matcher.matchIndex) hits.sort((a, b) => a - b);
    }
    for (const i of hits) out.push(i);
    if (end < to) await yieldNow();
  }
  return { matches: out.data, count: out.count };
}

export interface FindQuery {
  /** Display index to start after (-1 = from the start; backwards: before it). */
  readonly from: number;
  readonly backwards: boolean;
  /** 'string' mode: text looked for in the Info column, case-insensitively. */
  readonly text: string;
  /** 'filter' mode: the compiled filter. */
  readonly matcher: PacketMatcher | null;
  /** The Info text the list shows for packet i when it is not tcpdump's line (Wireshark's); absent: tcpdump's. */
  readonly infoOf?: (i: number) => string;
}

/** Next matching display index, wrapping around once like Wireshark's Find; -1 when none. */
export async function findPacket(renderer: RowRenderer, index: CaptureIndex, display: Pick<DisplayList, 'count' | 'at'>, q: FindQuery, signal: AbortSignal): Promise<number> {
  const n = display.count;
  if (n === 0) return -1;
  const needle = q.text.toLowerCase();
  const step = q.backwards ? -1 : 1;
  let d = q.from < 0 ? (q.backwards ? n - 1 : 0) : q.from + step;
  for (let seen = 0; seen < n; ) {
    if (signal.aborted) throw new Error('find was cancelled');
    const positions: number[] = [];
    for (let k = 0; k < CHUNK && seen < n; k++, seen++) {
      d = ((d % n) + n) % n;
      positions.push(d);
      d += step;
    }
    // Read in file order (one coalesced read), test in search order.
    const order = positions.map((p) => display.at(p));
    const sorted = [...order].sort((a, b) => a - b);
    const rendered = new Map<number, { info: string; data: Uint8Array }>();
    if (q.matcher ? q.matcher.needsPacket : !q.infoOf) {
      for (const r of await renderer.renderMany(sorted)) rendered.set(r.index, { info: r.info, data: r.data });
    }
    for (let k = 0; k < positions.length; k++) {
      const i = order[k]!;
      let hit: boolean;
      if (q.matcher) {
        const r = rendered.get(i);
        hit = q.matcher.match(index, i, () => {
          const data = r?.data ?? new Uint8Array(0);
          const { info, result } = renderer.dissect(i, data, true);
          return { data, info, result };
        });
      } else hit = (q.infoOf ? q.infoOf(i) : (rendered.get(i)?.info ?? '')).toLowerCase().includes(needle);
      if (hit) return positions[k]!;
    }
    await yieldNow();
  }
  return -1;
}
