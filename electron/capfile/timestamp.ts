// Exact conversion between 64-bit tick counts (pcapng timestamps, split in two uint32
// halves) and whole seconds + nanoseconds.
//
// A JavaScript number holds integers exactly only up to 2^53, and nanoseconds since 1970
// (~1.7e18) are far beyond that, so `hi * 2^32 + lo` cannot simply be divided. The two
// resolutions that nearly every file uses (10^-6 and 10^-9) take a BigInt-free path that
// divides in 16-bit steps, keeping every intermediate value below 2^53; any other
// resolution (10^-n, 2^-n as pcapng's if_tsresol allows) uses BigInt, which is exact but
// slower and allocates.
//
// Fractions are truncated, never rounded, like libpcap (`frac * user_res / tsresol`) and
// Wireshark (`(ts % units) * 1e9 / units`), so a 2^-n clock gives the same nanoseconds here
// as in tshark and, once cut to microseconds, as in tcpdump.

const TWO32 = 4294967296;

/** How the ticks of one interface convert to time. Built once per interface, never per packet. */
export interface TickScale {
  /** Ticks per second (exact below 2^53; 2^-63 resolution is only approximately representable). */
  readonly perSecond: number;
  /** Ticks per second, exact. */
  readonly perSecondBig: bigint;
  /** 1 = microseconds, 2 = nanoseconds (BigInt-free paths), 0 = any other resolution. */
  readonly fast: 0 | 1 | 2;
}

/** Reused result holder: the caller owns one and reads it right after each call. */
export interface SecNsec {
  sec: number;
  nsec: number;
}

/** Reused result holder for the reverse conversion. */
export interface TickHalves {
  hi: number;
  lo: number;
}

export const MICRO_SCALE: TickScale = { perSecond: 1e6, perSecondBig: 1_000_000n, fast: 1 };
export const NANO_SCALE: TickScale = { perSecond: 1e9, perSecondBig: 1_000_000_000n, fast: 2 };

/**
 * The scale of a pcapng if_tsresol byte: bit 7 clear = 10^-n, set = 2^-n. Returns null for
 * resolutions libpcap refuses (10^-n with n > 19, 2^-n with n > 63: the tick count per
 * second would not fit in 64 bits).
 */
export function tickScaleFromTsresol(tsresol: number): TickScale | null {
  const n = tsresol & 0x7f;
  if (tsresol & 0x80) {
    if (n > 63) return null;
    const big = 1n << BigInt(n);
    return { perSecond: Number(big), perSecondBig: big, fast: 0 };
  }
  if (n > 19) return null;
  if (n === 6) return MICRO_SCALE;
  if (n === 9) return NANO_SCALE;
  const big = 10n ** BigInt(n);
  return { perSecond: Number(big), perSecondBig: big, fast: 0 };
}

/**
 * Splits the tick count `hi * 2^32 + lo` into seconds and nanoseconds, writing into `out`.
 * `hi` and `lo` are uint32 values.
 */
export function ticksToSecNsec(hi: number, lo: number, scale: TickScale, out: SecNsec): void {
  if (scale.fast === 1) {
    // Below 2^53 the sum is exact and one division suffices (µs since 1970 are ~2^51).
    if (hi < 0x200000) {
      const t = hi * TWO32 + lo;
      let sec = Math.floor(t / 1e6);
      let rem = t - sec * 1e6;
      // The quotient is rounded before floor(): near an integer it can be one too high.
      if (rem < 0) {
        sec -= 1;
        rem += 1e6;
      }
      out.sec = sec;
      out.nsec = rem * 1000;
      return;
    }
    divide(hi, lo, 1e6, out);
    out.nsec *= 1000;
    return;
  }
  if (scale.fast === 2) {
    divide(hi, lo, 1e9, out);
    return;
  }
  const t = (BigInt(hi) << 32n) | BigInt(lo);
  const r = scale.perSecondBig;
  // Past 2^63 seconds (only at resolutions coarser than 2^-1...) libpcap's and Wireshark's
  // time_t reads the count as negative; taken so here too, exactly (2^64 - 1 s is -1 s).
  out.sec = Number(BigInt.asIntN(64, t / r));
  out.nsec = Number(((t % r) * 1_000_000_000n) / r);
}

/**
 * Long division of hi*2^32+lo by r (r <= 1e9) in three steps of at most 32, 16 and 16 bits:
 * each partial dividend stays below r * 2^16 < 2^53, and each quotient is small enough that
 * the floating-point division cannot round across an integer.
 */
function divide(hi: number, lo: number, r: number, out: SecNsec): void {
  const q1 = Math.floor(hi / r);
  let x = (hi - q1 * r) * 65536 + (lo >>> 16);
  const q2 = Math.floor(x / r);
  x = (x - q2 * r) * 65536 + (lo & 0xffff);
  const q3 = Math.floor(x / r);
  out.sec = q1 * TWO32 + q2 * 65536 + q3;
  out.nsec = x - q3 * r;
}

/**
 * The reverse: seconds + nanoseconds to a tick count, as uint32 halves in `out`. The fraction
 * is truncated to the scale (a nanosecond time written at µs resolution loses its last three
 * digits). Negative or too large times wrap modulo 2^64, as a C writer's uint64 cast would.
 */
export function secNsecToTicks(sec: number, nsec: number, scale: TickScale, out: TickHalves): void {
  if (scale.fast !== 0 && sec >= 0 && sec < 2 ** 34) {
    const r = scale.perSecond;
    const frac = scale.fast === 1 ? Math.floor(nsec / 1000) : nsec;
    // sec * r + frac, exactly: sec = aH * 2^16 + aL, so the product is (aH*r) * 2^16 + aL*r.
    const aH = Math.floor(sec / 65536);
    const aL = sec - aH * 65536;
    const m = aH * r; // < 2^18 * 1e9 < 2^53
    const mHi = Math.floor(m / 65536);
    const mLo = m - mHi * 65536;
    // t = mHi * 2^32 + (mLo * 2^16 + aL * r + frac); the bracket is < 2^53.
    const s = mLo * 65536 + aL * r + frac;
    const carry = Math.floor(s / TWO32);
    out.hi = (mHi + carry) >>> 0;
    out.lo = (s - carry * TWO32) >>> 0;
    return;
  }
  const r = scale.perSecondBig;
  const t =
    BigInt.asUintN(64, BigInt(Math.trunc(sec)) * r + (BigInt(Math.trunc(nsec)) * r) / 1_000_000_000n);
  out.hi = Number(t >> 32n);
  out.lo = Number(t & 0xffffffffn);
}
