// electron/engine/format/: tcpdump's address, number and checksum formatting.
//
// Address and number formatting exactly as tcpdump -n prints it.

// The IP address texts are the capture file's too (pcapng name records): they live there, one copy.
import { ipv4String } from '../../capfile/ip-text.js';
export { ipv4String, ipv6String } from '../../capfile/ip-text.js';

const HEX = '0123456789abcdef';

/** `02:00:00:0a:00:10` */
export function macString(d: Uint8Array, o: number, len = 6): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const b = d[o + i]!;
    if (i) s += ':';
    s += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return s;
}

// The last few IPv4 addresses printed: a conversation repeats the same two packet after
// packet, and building the dotted string is a measurable part of printing a line.
const V4_CACHE = 4;
const v4Keys = new Float64Array(V4_CACHE).fill(-1);
const v4Strs: string[] = new Array<string>(V4_CACHE).fill('');
let v4Next = 0;

/** `192.0.2.10`, cached for recently seen addresses. */
export function ipv4StringCached(d: Uint8Array, o: number): string {
  const key = ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  for (let i = 0; i < V4_CACHE; i++) if (v4Keys[i] === key) return v4Strs[i]!;
  const s = ipv4String(d, o);
  v4Keys[v4Next] = key;
  v4Strs[v4Next] = s;
  v4Next = (v4Next + 1) % V4_CACHE;
  return s;
}

/** Like tcpdump's tok2str: the name for `v`, or the fallback with %u/%x style substitution done by the caller. */
export function tok2str(table: ReadonlyMap<number, string> | Record<number, string>, fallback: string, v: number): string {
  const name = table instanceof Map ? table.get(v) : (table as Record<number, string>)[v];
  return name ?? fallback;
}

/** `0x0800` (lower-case, zero-padded to `width` hex digits). */
export function hex(v: number, width: number): string {
  return '0x' + v.toString(16).padStart(width, '0');
}
