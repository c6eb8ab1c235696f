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

/** How many decimal digits n (0 <= n < 2^53) has. */
function digits(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  if (n < 10000000000) return n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
  let k = 11;
  for (let t = 1e11; t <= n && k < 16; t *= 10) k++;
  return k;
}

/** Decimal digits of an integer 0 <= n < 2^53. */
export function putUint(b: Uint8Array, p: number, n: number): number {
  const end = p + digits(n);
  let i = end;
  // Float steps above the int32 range (uint32 values above 2^31 are common: seq, TS val).
  while (n > 0x7fffffff) {
    const q = Math.floor(n / 100);
    const r = (n - q * 100) * 2;
    b[--i] = PAIRS[r + 1]!;
    b[--i] = PAIRS[r]!;
    n = q;
  }
  while (n >= 100) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) * 2;
    b[--i] = PAIRS[r + 1]!;
    b[--i] = PAIRS[r]!;
    n = q;
  }
  if (n >= 10) {
    b[--i] = PAIRS[2 * n + 1]!;
    b[--i] = PAIRS[2 * n]!;
  } else b[--i] = 48 + n;
  return end;
}

/** At least six digits, zero-padded (printf's %06u). */
export function putUint6(b: Uint8Array, p: number, n: number): number {
  if (n >= 1000000) return putUint(b, p, n);
  for (let i = p + 4; i >= p; i -= 2) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) * 2;
    b[i + 1] = PAIRS[r + 1]!;
    b[i] = PAIRS[r]!;
    n = q;
  }
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
