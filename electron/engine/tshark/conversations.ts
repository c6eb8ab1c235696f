// Statistics > Conversations, and `tshark -q -z conv,TYPE[,FILTER]` (TYPE eth, ip, ipv6,
// tcp, udp). A conversation's endpoint A is the source of its first counted packet; frames
// and bytes are counted each way; rows are listed by total frames, most first, ties in
// order of appearance (tshark 4.0, ui/cli/tap-iousers.c).
import type { CompiledFilter } from '../filter/compile-filter.js';
import { cFixed, formatSizeBytes, padLeft, padRight } from './c-format.js';
import { packetEnds, type ConvKind, type PacketEnds } from './packet-addresses.js';
import { nsCompare, nsToSec, tapMatches, type NsTime, type DrawContext, type Tap, type TapPacket } from './tap.js';

export interface ConversationRow {
  readonly a: string;
  readonly b: string;
  /** Ports of A and B (TCP/UDP), 0 otherwise. */
  readonly aPort: number;
  readonly bPort: number;
  /** A -> B (tshark's "->" columns) and B -> A ("<-"). */
  framesAB: number;
  bytesAB: number;
  framesBA: number;
  bytesBA: number;
  /** First and last counted packet, relative to the capture's first packet. */
  start: NsTime;
  stop: NsTime;
}

export const CONV_TITLES: Record<ConvKind, string> = { eth: 'Ethernet', ip: 'IPv4', ipv6: 'IPv6', tcp: 'TCP', udp: 'UDP' };

export class ConversationTap implements Tap {
  private readonly rows: ConversationRow[] = [];
  private readonly byKey = new Map<string, ConversationRow>();

  constructor(
    readonly kind: ConvKind,
    readonly filter: CompiledFilter | null = null,
  ) {}

  packet(p: TapPacket): void {
    const ends = packetEnds(this.kind, p);
    if (!ends.length || !tapMatches(this.filter, p)) return;
    this.add(ends, p.rel, p.rec.wirelen);
  }

  /** Counts one packet of `wirelen` bytes at `rel` with its endpoints (the app's index-only tables call this directly). */
  add(ends: readonly PacketEnds[], rel: NsTime, wirelen: number): void {
    for (const e of ends) {
      const lo = e.src < e.dst || (e.src === e.dst && e.sport <= e.dport);
      const key = lo ? `${e.flow}|${e.src}|${e.sport}|${e.dst}|${e.dport}` : `${e.flow}|${e.dst}|${e.dport}|${e.src}|${e.sport}`;
      let r = this.byKey.get(key);
      if (!r) {
        r = { a: e.src, b: e.dst, aPort: e.sport, bPort: e.dport, framesAB: 0, bytesAB: 0, framesBA: 0, bytesBA: 0, start: rel, stop: rel };
        this.rows.push(r);
        this.byKey.set(key, r);
      } else if (nsCompare(rel, r.stop) > 0) r.stop = rel;
      else if (nsCompare(rel, r.start) < 0) r.start = rel;
      if (e.src === r.a && e.dst === r.b && e.sport === r.aPort && e.dport === r.bPort) {
        r.framesAB++;
        r.bytesAB += wirelen;
      } else {
        r.framesBA++;
        r.bytesBA += wirelen;
      }
    }
  }

  /** The conversations, most frames first (ties in order of appearance). */
  table(): ConversationRow[] {
    return byTotalFrames(this.rows, (r) => r.framesAB + r.framesBA);
  }

  draw(_ctx: DrawContext, out: (text: string) => void): void {
    out(conversationsText(this.kind, this.filter?.text ?? null, this.table()));
  }
}

/** Sorts by a count, most first, keeping the order of appearance among equals. */
export function byTotalFrames<T>(rows: readonly T[], count: (r: T) => number): T[] {
  return rows
    .map((r, k) => ({ r, k, n: count(r) }))
    .sort((x, y) => y.n - x.n || x.k - y.k)
    .map((x) => x.r);
}

const RULE = '='.repeat(80) + '\n';

/** tshark 4.0's conversation table text (relative start times, as without -t). */
export function conversationsText(kind: ConvKind, filter: string | null, rows: readonly ConversationRow[]): string {
  const ports = kind === 'tcp' || kind === 'udp';
  const indent = ports ? ' '.repeat(12) : '';
  let s = RULE + `${CONV_TITLES[kind]} Conversations\nFilter:${filter ?? '<No Filter>'}\n`;
  s += `${indent}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n`;
  s += `${indent}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  for (const r of rows) {
    const a = ports ? `${r.a}:${r.aPort}` : r.a;
    const b = ports ? `${r.b}:${r.bPort}` : r.b;
    const w = ports ? 26 : 20;
    s += `${padRight(a, w)} <-> ${padRight(b, w)}`;
    s += `  ${padLeft(r.framesBA, 6)} ${padRight(formatSizeBytes(r.bytesBA), 9)}`;
    s += `  ${padLeft(r.framesAB, 6)} ${padRight(formatSizeBytes(r.bytesAB), 9)}`;
    s += `  ${padLeft(r.framesAB + r.framesBA, 6)} ${padRight(formatSizeBytes(r.bytesAB + r.bytesBA), 9)}`;
    s += `  ${padLeft(cFixed(nsToSec(r.start), 9), 14)}   ${padLeft(cFixed(nsToSec(r.stop) - nsToSec(r.start), 4), 12)}\n`;
  }
  return s + RULE;
}
