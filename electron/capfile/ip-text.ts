// IPv4 and IPv6 addresses as text, exactly as tcpdump -n (inet_ntop) prints them: used by the
// pcapng name-resolution records here and by every dissector (through engine/format/addresses.ts).

/** `192.0.2.10` */
export function ipv4String(d: Uint8Array, o: number): string {
  return `${d[o]}.${d[o + 1]}.${d[o + 2]}.${d[o + 3]}`;
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
