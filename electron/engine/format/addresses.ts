// Address and number formatting exactly as tcpdump -n prints it.

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

/** `192.0.2.10` */
export function ipv4String(d: Uint8Array, o: number): string {
  return `${d[o]}.${d[o + 1]}.${d[o + 2]}.${d[o + 3]}`;
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

/** RFC 5952 text form (as inet_ntop prints it, incl. `::ffff:1.2.3.4`). */
export function ipv6String(d: Uint8Array, o: number): string {
  const w: number[] = [];
  for (let i = 0; i < 8; i++) w.push((d[o + 2 * i]! << 8) | d[o + 2 * i + 1]!);
  // Longest run of zero words (length >= 2) becomes '::'.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (w[i] === 0) {
      let j = i;
      while (j < 8 && w[j] === 0) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    } else i++;
  }
  if (bestLen < 2) bestStart = -1;
  // IPv4-mapped / compatible forms as glibc's inet_ntop writes them.
  if (bestStart === 0 && (bestLen === 6 || (bestLen === 5 && w[5] === 0xffff))) {
    const v4 = `${d[o + 12]}.${d[o + 13]}.${d[o + 14]}.${d[o + 15]}`;
    return bestLen === 6 ? `::${v4}` : `::ffff:${v4}`;
  }
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += '::';
      i += bestLen - 1;
      continue;
    }
    if (s.length && !s.endsWith(':')) s += ':';
    s += w[i]!.toString(16);
  }
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
