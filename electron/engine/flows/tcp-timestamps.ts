// tcp.time_relative and tcp.time_delta as Wireshark computes them with the preference
// tcp.calculate_timestamps on (packet-tcp.c, tcp_calculate_timestamps): seconds since the
// first frame and since the previous frame of the packet's own TCP stream.
//
// "The previous frame of the stream" is not a column of the index: it is worked out once per
// capture, on the first filter that asks, and extended as a live capture grows. Kept beside
// the index so that only the users of these two fields pay its 4 bytes a packet.
import type { CaptureIndex } from '../flows/capture-index.js';

interface PreviousInFlow {
  /** Row of the previous packet of the same flow, -1 for a flow's first packet. */
  prev: Int32Array;
  /** The last row seen of each flow id. */
  last: Map<number, number>;
  /** Rows done so far. */
  upto: number;
}

const cache = new WeakMap<CaptureIndex, PreviousInFlow>();

function previousInFlow(ix: CaptureIndex, i: number): number {
  let p = cache.get(ix);
  if (!p) cache.set(ix, (p = { prev: new Int32Array(0), last: new Map(), upto: 0 }));
  if (i >= p.upto) {
    const n = ix.packets.length;
    if (p.prev.length < n) {
      const grown = new Int32Array(Math.max(n, p.prev.length * 2));
      grown.set(p.prev.subarray(0, p.upto));
      p.prev = grown;
    }
    const flow = ix.packets.flow;
    for (let k = p.upto; k < n; k++) {
      const f = flow.get(k);
      p.prev[k] = f ? (p.last.get(f) ?? -1) : -1;
      if (f) p.last.set(f, k);
    }
    p.upto = n;
  }
  return p.prev[i]!;
}

function secondsBetween(ix: CaptureIndex, from: number, to: number): number {
  const t = ix.packets;
  return t.sec(to) - t.sec(from) + (t.nsec(to) - t.nsec(from)) / 1e9;
}

/** Seconds since the first frame of packet i's TCP stream (the caller checks it is TCP). */
export function tcpTimeRelative(ix: CaptureIndex, i: number): number {
  const f = ix.flows.get(ix.packets.flow.get(i));
  return f ? secondsBetween(ix, f.firstIndex, i) : 0;
}

/** Seconds since the previous frame of packet i's TCP stream (0 for its first frame). */
export function tcpTimeDelta(ix: CaptureIndex, i: number): number {
  const prev = previousInFlow(ix, i);
  return prev < 0 ? 0 : secondsBetween(ix, prev, i);
}

/** Rows of the first and the previous packet of packet i's TCP stream (prev = i for its first packet). */
export function tcpStreamRows(ix: CaptureIndex, i: number): { first: number; prev: number } {
  const f = ix.flows.get(ix.packets.flow.get(i)!);
  const prev = previousInFlow(ix, i);
  return { first: f ? f.firstIndex : i, prev: prev < 0 ? i : prev };
}
