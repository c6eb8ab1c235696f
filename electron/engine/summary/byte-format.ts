// Numbers, addresses and text written straight into an output byte array (latin1, as tcpdump
// writes bytes): the printing fast path builds no string per packet. Every function writes at
// `p` and returns the position after what it wrote; the caller makes room beforehand.

/** The bytes of an ASCII constant, for putBytes. */
export function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** Copies `src` (a short constant) to `b[p]`. */
export function putBytes(b: Uint8Array, p: number, src: Uint8Array): number {
  for (let i = 0; i < src.length; i++) b[p + i] = src[i]!;
  return p + src.length;
}

/** Each char code's low byte, as Buffer.write(s, 'latin1') stores it. */
export function putLatin1(b: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p + i] = s.charCodeAt(i) & 0xff;
  return p + s.length;
}

/** "00".."99": two digits per division when writing numbers. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + ((i / 10) | 0);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Decimal digits of an integer 0 <= n < 2^53. */
export function putUint(b: Uint8Array, p: number, n: number): number {
  if (n < 100000000) return putInt(b, p, n | 0);
  // Eight low digits with int32 arithmetic, the rest (up to 8 digits) before them.
  const hi = Math.floor(n / 100000000);
  p = putInt(b, p, hi | 0);
  return put8(b, p, (n - hi * 100000000) | 0);
}

/** 0 <= n < 10^8, an int32: its digits, two per division. */
function putInt(b: Uint8Array, p: number, n: number): number {
  const end = p + (n < 10000 ? (n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : 4) : n < 1000000 ? (n < 100000 ? 5 : 6) : n < 10000000 ? 7 : 8);
  let i = end;
  while (n >= 100) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) << 1;
    b[--i] = PAIRS[r + 1]!;
    b[--i] = PAIRS[r]!;
    n = q;
  }
  if (n >= 10) {
    b[--i] = PAIRS[(n << 1) + 1]!;
    b[--i] = PAIRS[n << 1]!;
  } else b[--i] = 48 + n;
  return end;
}

/** 0 <= n < 10^8, an int32: exactly eight digits. */
function put8(b: Uint8Array, p: number, n: number): number {
  const hi = (n / 10000) | 0;
  put4(b, p, hi);
  put4(b, p + 4, n - hi * 10000);
  return p + 8;
}

/** 0 <= n < 10^4: exactly four digits. */
function put4(b: Uint8Array, p: number, n: number): void {
  const h = (n / 100) | 0;
  const l = (n - h * 100) << 1;
  b[p] = PAIRS[h << 1]!;
  b[p + 1] = PAIRS[(h << 1) + 1]!;
  b[p + 2] = PAIRS[l]!;
  b[p + 3] = PAIRS[l + 1]!;
}

/** At least six digits, zero-padded (printf's %06u). */
export function putUint6(b: Uint8Array, p: number, n: number): number {
  if (n >= 1000000) return putUint(b, p, n);
  const hi = (n / 10000) | 0;
  const l = n - hi * 10000;
  b[p] = PAIRS[hi << 1]!;
  b[p + 1] = PAIRS[(hi << 1) + 1]!;
  put4(b, p + 2, l);
  return p + 6;
}

/** Digits of 0..255: length, then up to three ASCII digits. */
const OCTET = new Uint8Array(256 * 4);
for (let v = 0; v < 256; v++) {
  const s = String(v);
  OCTET[v * 4] = s.length;
  for (let i = 0; i < s.length; i++) OCTET[v * 4 + 1 + i] = s.charCodeAt(i);
}

/** The dotted quad of the 4 bytes at `d[o]` (`192.0.2.10`). */
export function putIpv4(b: Uint8Array, p: number, d: Uint8Array, o: number): number {
  for (let k = 0; k < 4; k++) {
    if (k) b[p++] = 46;
    const t = d[o + k]! * 4;
    const n = OCTET[t]!;
    b[p] = OCTET[t + 1]!;
    if (n > 1) b[p + 1] = OCTET[t + 2]!;
    if (n > 2) b[p + 2] = OCTET[t + 3]!;
    p += n;
  }
  return p;
}

/** Latin1 text of `n` bytes at `b[o]` (each byte one char code, as tcpdump's bytes read). */
export function latin1String(b: Uint8Array, o: number, n: number): string {
  let s = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...b.subarray(o + i, o + Math.min(n, i + 4096)));
  return s;
}
