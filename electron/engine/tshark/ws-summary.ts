// tshark's default output (no -V, -T or -q): one line per printed packet with Wireshark's
// default columns No., Time, Source, Destination, Protocol, Length and Info, padded as
// tshark 4.0's print_columns pads them (the number to 5, the time to 10, the source right-
// and the destination left-aligned to 12, the others as they are) and " → " between the
// source and the destination.
import type { FieldNode } from '../dissect/field-node.js';
import { padLeft, padRight } from './c-format.js';
import type { NsTime, TapPacket } from './tap.js';
import { childValue } from './tree-find.js';
import type { NameResolver } from '../names/name-resolver.js';

/** Seconds of a relative time with `digits` decimals, truncated as Wireshark's time columns are. */
export function relativeSeconds(t: NsTime, digits: number): string {
  const negative = t.sec < 0 || t.nsec < 0;
  const sec = Math.abs(t.sec);
  const nsec = Math.abs(t.nsec);
  if (digits <= 0) return `${negative ? '-' : ''}${sec}`;
  const frac = String(Math.floor(nsec / 10 ** (9 - digits))).padStart(digits, '0');
  return `${negative ? '-' : ''}${sec}.${frac}`;
}

/** The decimals Wireshark shows for a file's timestamps: 6 for microseconds, 9 for nanoseconds. */
export function timeDigits(unitsPerSecond: number): number {
  return Math.max(0, Math.min(9, Math.round(Math.log10(unitsPerSecond))));
}

/** Wireshark's Source and Destination columns: the network addresses, else the link-layer ones. */
export function packetEnds(tree: readonly FieldNode[]): [string, string] {
  for (const n of tree) {
    if (n.field === 'ip' || n.field === 'ipv6') return [String(childValue(n, `${n.field}.src`) ?? ''), String(childValue(n, `${n.field}.dst`) ?? '')];
  }
  for (const n of tree) {
    if (n.field === 'eth') return [String(childValue(n, 'eth.src') ?? ''), String(childValue(n, 'eth.dst') ?? '')];
    if (n.field === 'sll') return [String(childValue(n, 'sll.src.eth') ?? ''), ''];
  }
  return ['', ''];
}

export function summaryLine(p: TapPacket, digits: number, names?: NameResolver): string {
  const [s0, d0] = packetEnds(p.ws.tree);
  const src = names && s0 ? names.address(s0) : s0;
  const dst = names && d0 ? names.address(d0) : d0;
  const cols = p.cols;
  return `${padLeft(p.rec.number, 5)} ${padLeft(relativeSeconds(p.rel, digits), 10)} ${padLeft(src, 12)} \u2192 ${padRight(dst, 12)} ${cols?.protocol ?? ''} ${p.rec.wirelen} ${cols?.info ?? ''}\n`;
}
