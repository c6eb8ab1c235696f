// tcpdump's timestamp column (util-print.c ts_print / ts_date_hmsfrac_print / ts_unix_print).
// tcpdump opens files with microsecond precision: a nanosecond field is cut (not
// rounded) to microseconds, and a broken µs field is printed as it is (%06u).
//
// The seconds are libpcap's tv_sec (see libpcapSeconds): signed, and 64-bit for pcapng. Any
// time whose seconds have bit 31 set (tcpdump tests `(unsigned)sec & 0x80000000`: every
// negative time, and 2^31..2^32-1), or that gmtime/localtime cannot convert (a year beyond
// the range of an int), prints "[Error converting time]" instead, in every format that
// shows a time: the delta columns included, where the difference is what is checked.

/** -t (none), default (time of day), -tt (epoch), -ttt (delta to previous), -tttt (date), -ttttt (delta to first). */
export type TimeFormat = 'none' | 'time' | 'epoch' | 'delta' | 'date' | 'since-first';

export interface TimeZoneOffset {
  /** Offset of local time from UTC in seconds at `epochSec`. */
  (epochSec: number): number;
}

/** The local offset as the JavaScript runtime sees it (TZ=UTC makes it 0). */
export const localOffset: TimeZoneOffset = (epochSec) => -new Date(epochSec * 1000).getTimezoneOffset() * 60;

/** The Gregorian calendar repeats every 400 years: 146097 days. */
const CYCLE_400Y = 146097 * 86400;
/** A JavaScript Date holds ±8.64e15 ms. */
const DATE_LIMIT = 8.64e12;

/**
 * `tz` at `sec`. A host asking a JavaScript Date gets NaN past the year 275760, where
 * localtime() applies the zone's last rule: the offset at the same moment of a 400-year
 * cycle after 2038 is that rule's; before the year -271821, the earliest offset Date knows.
 */
function offsetAt(tz: TimeZoneOffset, sec: number): number {
  let o = tz(sec);
  if (Number.isFinite(o)) return o;
  const base = 2 ** 31;
  o = sec > DATE_LIMIT ? tz(base + (((sec - base) % CYCLE_400Y) + CYCLE_400Y) % CYCLE_400Y) : tz(-DATE_LIMIT);
  return Number.isFinite(o) ? o : 0;
}

/**
 * Caches a zone offset per quarter hour: computing it is a Date call, and offsets only
 * change on quarter-hour boundaries in every zone in use.
 */
export function cachedOffset(tz: TimeZoneOffset): TimeZoneOffset {
  let slot = NaN;
  let value = 0;
  return (epochSec) => {
    const s = Math.floor(epochSec / 900);
    if (s !== slot) {
      slot = s;
      value = offsetAt(tz, s * 900);
    }
    return value;
  };
}
export const utcOffset: TimeZoneOffset = () => 0;

const p2 = (n: number): string => (n < 10 ? '0' : '') + n;
const p6 = (n: number): string => String(n).padStart(6, '0');

/** Microseconds as tcpdump prints them: %06u of the (possibly out-of-range) field. */
export function usecOf(tsNsec: number): number {
  return Math.floor(tsNsec / 1000);
}

/** What tcpdump prints in place of a time it cannot convert. */
export const TIME_ERROR = '[Error converting time]';

const TWO31 = 2 ** 31;
const TWO32 = 2 ** 32;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/**
 * The seconds libpcap hands tcpdump for a record: a pcap file's 32-bit field is signed to it
 * (sf-pcap.c reads it as bpf_int32), a pcapng count is a uint64 stored in a 64-bit time_t.
 * `pcap` is true for records of a classic pcap file.
 */
export function libpcapSeconds(tsSec: number, pcap: boolean): number {
  if (pcap) return tsSec | 0;
  // In range, exactly as is (wrapping through 2^64 would lose the low bits of a double).
  if (tsSec >= -TWO63 && tsSec < TWO63) return tsSec;
  const wrapped = ((tsSec % TWO64) + TWO64) % TWO64;
  return wrapped >= TWO63 ? wrapped - TWO64 : wrapped;
}

/** tcpdump's `(unsigned)sec & 0x80000000`: bit 31 of the seconds in two's complement. */
const bit31 = (sec: number): boolean => Math.floor(sec / TWO31) % 2 !== 0;

/** gmtime()'s calendar date of a day count since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** gmtime() fails (EOVERFLOW) when the year minus 1900 does not fit in an int. */
const yearFits = (year: number): boolean => year - 1900 <= INT_MAX && year - 1900 >= INT_MIN;

/**
 * ts_date_hmsfrac_print(): `[YYYY-MM-DD ]HH:MM:SS.uuuuuu` of `sec` shifted by `offset`
 * (local time; 0 for UTC), or TIME_ERROR where tcpdump prints it.
 */
function hmsFrac(sec: number, usec: number, offset: number, withDate: boolean): string {
  if (bit31(sec)) return TIME_ERROR;
  const local = sec + offset;
  const days = Math.floor(local / 86400);
  const s = local - days * 86400;
  const clock = `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}.${p6(usec)}`;
  // Far from 1970 (~2^37 s) the year can overflow gmtime's int, and a JavaScript Date gives
  // up at 275760: the calendar is computed here.
  if (!withDate && Math.abs(local) < 2 ** 37) return clock;
  const { year, month, day } = civilDate(days);
  if (!yearFits(year)) return TIME_ERROR;
  // strftime's %Y does not pad.
  return withDate ? `${year}-${p2(month)}-${p2(day)} ${clock}` : clock;
}

/** The default column: local time of day. */
export function formatTimeOfDay(sec: number, tsNsec: number, tz: TimeZoneOffset): string {
  return hmsFrac(sec, usecOf(tsNsec), bit31(sec) ? 0 : offsetAt(tz, sec), false);
}

/** -tttt: local date and time. */
export function formatDate(sec: number, tsNsec: number, tz: TimeZoneOffset): string {
  return hmsFrac(sec, usecOf(tsNsec), bit31(sec) ? 0 : offsetAt(tz, sec), true);
}

/** -tt: ts_unix_print() prints the low 32 bits of the seconds, unsigned. */
export function formatEpoch(sec: number, tsNsec: number): string {
  if (bit31(sec)) return TIME_ERROR;
  return `${((sec % TWO32) + TWO32) % TWO32}.${p6(usecOf(tsNsec))}`;
}

/**
 * tcpdump's -ttt/-ttttt column: `a - b` as a sign (`-` or a space) and gmtime's `HH:MM:SS`
 * (so whole days drop out) with the µs as `%06u`. libpcap hands the µs field over as a signed
 * 32-bit value and tcpdump subtracts timevals (netdissect_timevalsub), so an out-of-range µs
 * field prints exactly as tcpdump prints it.
 */
export function formatDelta(aSec: number, aNsec: number, bSec: number, bNsec: number): string {
  const au = usecOf(aNsec) | 0;
  const bu = usecOf(bNsec) | 0;
  const negative = aSec === bSec ? au < bu : aSec < bSec;
  let sec = negative ? bSec - aSec : aSec - bSec;
  let usec = negative ? bu - au : au - bu;
  const borrow = usec < 0 ? 1 : 0;
  usec += borrow * 1_000_000;
  sec -= borrow;
  const sign = negative ? '-' : ' ';
  // gmtime's HH:MM:SS of the difference (whole days drop out), or the error it reaches.
  if (Number.isSafeInteger(sec)) return sign + hmsFrac(sec, usec >>> 0, 0, false);
  // Seconds of 64-bit pcapng times can differ by more than a double holds exactly: the
  // residues tcpdump looks at (bit 31, the time of day) come from the exact difference.
  const d = (negative ? BigInt(bSec) - BigInt(aSec) : BigInt(aSec) - BigInt(bSec)) - BigInt(borrow);
  if ((d >> 31n) & 1n) return sign + TIME_ERROR;
  // The year only decides whether gmtime fails: the rounded day count is close enough.
  if (!yearFits(civilDate(Number(d / 86400n)).year)) return sign + TIME_ERROR;
  return sign + hmsFrac(Number(d % 86400n), usec >>> 0, 0, false);
}

/** Formats the time column; the delta formats keep tcpdump's reference packet. */
export class TimestampPrinter {
  private hmsSec = -1;
  private hms = '';
  private refSec = 0;
  private refNsec = 0;

  readonly tz: TimeZoneOffset;

  constructor(
    readonly format: TimeFormat,
    tz: TimeZoneOffset = localOffset,
  ) {
    this.tz = cachedOffset(tz);
  }

  /** The column text followed by the separating space ('' for -t); `sec` as libpcapSeconds() gives it. */
  next(sec: number, nsec: number): string {
    switch (this.format) {
      case 'none':
        return '';
      case 'time':
        // Packets come many to a second: the "HH:MM:SS." part is made once per second.
        if (sec !== this.hmsSec) {
          this.hmsSec = sec;
          const t = formatTimeOfDay(sec, 0, this.tz);
          this.hms = t === TIME_ERROR ? t : t.slice(0, t.length - 6);
        }
        return this.hms === TIME_ERROR ? TIME_ERROR + ' ' : this.hms + p6(usecOf(nsec)) + ' ';
      case 'epoch':
        return formatEpoch(sec, nsec) + ' ';
      case 'date':
        return formatDate(sec, nsec, this.tz) + ' ';
      case 'delta':
      case 'since-first': {
        // ts_print: a reference of 0.000000 counts as unset, so this packet becomes the
        // reference (a capture starting at the epoch measures from its first non-zero stamp).
        if (this.refSec === 0 && usecOf(this.refNsec) === 0) {
          this.refSec = sec;
          this.refNsec = nsec;
        }
        const s = formatDelta(sec, nsec, this.refSec, this.refNsec);
        if (this.format === 'delta') {
          this.refSec = sec;
          this.refNsec = nsec;
        }
        return s + ' ';
      }
    }
  }
}
