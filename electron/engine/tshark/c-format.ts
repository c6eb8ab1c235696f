// C printf's number and padding conversions, as tshark's output uses them: `%-20s`, `%6u`,
// `%14.9f`. JS toFixed rounds a tie (a double exactly halfway, such as 0.03125 to 4
// places) away from zero; glibc rounds it to even. Everything else agrees, so only ties
// take the exact (BigInt) path.

/** `%-Ns`: left-aligned in `width` (never cut). */
export function padRight(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** `%Ns` / `%Nu`: right-aligned in `width` (never cut). */
export function padLeft(s: string | number, width: number): string {
  const t = typeof s === 'number' ? String(s) : s;
  return t.length >= width ? t : ' '.repeat(width - t.length) + t;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** `%.Nf` of a double exactly as glibc prints it (round half to even on exact ties). */
export function cFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (Math.abs(x) >= 1e21) return x.toFixed(prec);
  const tie = halfwayFloor(x, prec);
  if (tie === null) {
    const s = x.toFixed(prec);
    // glibc keeps the sign of a negative value that rounds to zero ("-0.0000"); toFixed does too.
    return s;
  }
  // A tie: toFixed rounded away from zero; C keeps the even neighbour.
  const n = tie % 2n === 0n ? tie : tie + 1n;
  const digits = n.toString().padStart(prec + 1, '0');
  const int = digits.slice(0, digits.length - prec);
  const frac = digits.slice(digits.length - prec);
  return (x < 0 ? '-' : '') + int + (prec > 0 ? '.' + frac : '');
}

/**
 * When |x| * 10^prec lies exactly halfway between two integers, the lower one; else null.
 * A double is M * 2^E exactly; the product has fraction 1/2 iff M * 10^prec mod 2^-E == 2^(-E-1).
 */
function halfwayFloor(x: number, prec: number): bigint | null {
  f64[0] = Math.abs(x);
  const bits = u64[0]!;
  const expBits = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mant = expBits === 0 ? frac : frac | (1n << 52n);
  const exp = (expBits === 0 ? 1 : expBits) - 1075;
  if (exp >= 0 || mant === 0n) return null;
  const shift = BigInt(-exp);
  const scaled = mant * 10n ** BigInt(prec);
  const rem = scaled & ((1n << shift) - 1n);
  if (rem !== 1n << (shift - 1n)) return null;
  return scaled >> shift;
}

/** Wireshark's format_size(n, FORMAT_SIZE_UNIT_BYTES, SI): "335 bytes", "52 kB", "158 MB" (truncated, not rounded). */
export function formatSizeBytes(size: number): string {
  const units = ['T', 'G', 'M', 'k'];
  for (let k = 4; k >= 1; k--) {
    const scaled = Math.floor(size / 1000 ** k);
    if (scaled >= 10) return `${scaled} ${units[4 - k]}B`;
  }
  return `${size} bytes`;
}
