// tcpdump's timestamp column (print.c ts_print / ts_date_hmsfrac_format).
// tcpdump opens files with microsecond precision: a nanosecond field is cut (not
// rounded) to microseconds, and a broken µs field is printed as it is (%06u).

/** -t (none), default (time of day), -tt (epoch), -ttt (delta to previous), -tttt (date), -ttttt (delta to first). */
export type TimeFormat = 'none' | 'time' | 'epoch' | 'delta' | 'date' | 'since-first';

export interface TimeZoneOffset {
  /** Offset of local time from UTC in seconds at `epochSec`. */
  (epochSec: number): number;
}

/** The local offset as the JavaScript runtime sees it (TZ=UTC makes it 0). */
export const localOffset: TimeZoneOffset = (epochSec) => -new Date(epochSec * 1000).getTimezoneOffset() * 60;

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
      value = tz(s * 900);
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

export function formatTimeOfDay(sec: number, tsNsec: number, tz: TimeZoneOffset): string {
  const local = sec + tz(sec);
  const s = ((local % 86400) + 86400) % 86400;
  return `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}.${p6(usecOf(tsNsec))}`;
}

export function formatDate(sec: number, tsNsec: number, tz: TimeZoneOffset): string {
  const local = sec + tz(sec);
  const d = new Date(local * 1000);
  const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  return `${date} ${formatTimeOfDay(sec, tsNsec, tz)}`;
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
  if (usec < 0) {
    sec -= 1;
    usec += 1_000_000;
  }
  const s = ((sec % 86400) + 86400) % 86400;
  return `${negative ? '-' : ' '}${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}.${p6(usec >>> 0)}`;
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

  /** The column text followed by the separating space ('' for -t). */
  next(sec: number, nsec: number): string {
    switch (this.format) {
      case 'none':
        return '';
      case 'time':
        // Packets come many to a second: the "HH:MM:SS." part is made once per second.
        if (sec !== this.hmsSec) {
          this.hmsSec = sec;
          const t = formatTimeOfDay(sec, 0, this.tz);
          this.hms = t.slice(0, t.length - 6);
        }
        return this.hms + p6(usecOf(nsec)) + ' ';
      case 'epoch':
        return `${sec}.${p6(usecOf(nsec))} `;
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
