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

/** Signed difference a-b printed like tcpdump's ts_unix/delta format: `sec.usec`, with a '-' when negative. */
export function formatDelta(aSec: number, aNsec: number, bSec: number, bNsec: number): string {
  let usec = (aSec - bSec) * 1_000_000 + (usecOf(aNsec) - usecOf(bNsec));
  let sign = '';
  if (usec < 0) {
    sign = '-';
    usec = -usec;
  }
  return `${sign}${Math.floor(usec / 1_000_000)}.${p6(usec % 1_000_000)}`;
}

/** Formats the time column; `prev`/`first` are needed for the delta formats. */
export class TimestampPrinter {
  private prevSec = 0;
  private prevNsec = 0;
  private firstSec = 0;
  private firstNsec = 0;
  private seen = false;

  readonly tz: TimeZoneOffset;

  constructor(
    readonly format: TimeFormat,
    tz: TimeZoneOffset = localOffset,
  ) {
    this.tz = cachedOffset(tz);
  }

  /** The column text followed by the separating space ('' for -t). */
  next(sec: number, nsec: number): string {
    if (!this.seen) {
      this.seen = true;
      this.firstSec = this.prevSec = sec;
      this.firstNsec = this.prevNsec = nsec;
    }
    let s: string;
    switch (this.format) {
      case 'none':
        return '';
      case 'time':
        s = formatTimeOfDay(sec, nsec, this.tz);
        break;
      case 'epoch':
        s = `${sec}.${p6(usecOf(nsec))}`;
        break;
      case 'date':
        s = formatDate(sec, nsec, this.tz);
        break;
      case 'delta':
        s = formatDelta(sec, nsec, this.prevSec, this.prevNsec);
        break;
      case 'since-first':
        s = formatDelta(sec, nsec, this.firstSec, this.firstNsec);
        break;
    }
    this.prevSec = sec;
    this.prevNsec = nsec;
    return s + ' ';
  }
}
