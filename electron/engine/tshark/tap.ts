// What a tshark statistics view (a "tap") is given for each packet, and what it offers.
// Every view of `-z` is one Tap: it sees the packets in file order, then draws its table.
// The same objects serve the app's statistics windows (rows) and the CLI (text).
import type { FieldNode } from '../dissect/field-node.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { CompiledFilter } from '../filter/compile-filter.js';
import type { PacketRecord } from '../../capfile/types.js';
import type { Columns } from './ws-columns.js';
import type { ExpertItem } from './ws-expert.js';
import type { WsPacket } from './ws-view.js';

/** A time as Wireshark's nstime_t: whole seconds and nanoseconds (0..1e9-1, same sign). */
export interface NsTime {
  readonly sec: number;
  readonly nsec: number;
}

/** Wireshark's nstime_to_sec: the double tshark prints from. */
export function nsToSec(t: NsTime): number {
  return t.sec + t.nsec / 1e9;
}

export function nsCompare(a: NsTime, b: NsTime): number {
  return a.sec !== b.sec ? a.sec - b.sec : a.nsec - b.nsec;
}

/** a - b, normalized like nstime_delta. */
export function nsDelta(a: NsTime, b: NsTime): NsTime {
  let sec = a.sec - b.sec;
  let nsec = a.nsec - b.nsec;
  if (sec > 0 && nsec < 0) {
    sec--;
    nsec += 1e9;
  } else if (sec < 0 && nsec > 0) {
    sec++;
    nsec -= 1e9;
  }
  return { sec, nsec };
}

/** One dissected packet: the engine's dissection. */
export interface PacketBase {
  readonly rec: PacketRecord;
  /** Row of the packet in the capture index (frame number - 1). */
  readonly i: number;
  readonly index: CaptureIndex;
  readonly data: Uint8Array;
  /** The packet's detail tree (the engine's dissection, Wireshark field names). */
  readonly tree: readonly FieldNode[];
  /** Time since the first packet of the capture (tshark's frame.time_relative). */
  readonly rel: NsTime;
  /** Absolute time. */
  readonly abs: NsTime;
  /** Time since the previous packet read (frame.time_delta). */
  readonly delta: NsTime;
  /**
   * For a TCP segment, what tshark's single pass shows on it: tcp.completeness before the
   * segment counts, and tcp.analysis.initial_rtt (ns) when the segment has analysis data.
   */
  readonly tcpShown?: {
    readonly completeness: number;
    readonly initialRttNs?: number;
    readonly analyzed: boolean;
    /** The sender's window scale shift (-1 unknown, -2 none): Win= in the Info column. */
    readonly winScale: number;
  };
}

/** One dissected packet as the views see it: the engine's dissection and Wireshark's view of it. */
export interface TapPacket extends PacketBase {
  readonly ws: WsPacket;
  /** Wireshark's Protocol and Info columns, when the pass computes them. */
  readonly cols?: Columns;
  /** Wireshark's expert items of the packet, in the order they are added. */
  readonly experts: readonly ExpertItem[];
}

/** What a view needs to know about the whole pass when it is drawn. */
export interface DrawContext {
  /** Time from the first packet to the latest one (tshark's elapsed time). */
  readonly elapsed: NsTime;
}

export interface Tap {
  packet(p: TapPacket): void;
  /** Writes the view as tshark -q -z prints it, in pieces (a table may be millions of lines). */
  draw(ctx: DrawContext, out: (text: string) => void): void;
}

/** A view's whole text (for tests and small tables). */
export function tapText(tap: Tap, ctx: DrawContext): string {
  let s = '';
  tap.draw(ctx, (t) => void (s += t));
  return s;
}

/** A tap's own filter (`-z conv,ip,FILTER`); none matches every packet. */
export function tapMatches(filter: CompiledFilter | null, p: TapPacket): boolean {
  if (!filter) return true;
  // The filter sees Wireshark's tree (a fragment is not yet the protocol it carries, a TCP
  // segment is HTTP only where a message ends), which the index does not know: no fast path.
  return filter.matchTree(p.ws.tree, { index: p.index, i: p.i, data: p.data });
}
