// The Time column in Wireshark's formats. Times are kept as (sec, nsec) integers and
// subtracted as such, so microseconds never blur into float noise on epoch values.
import type { TimeDto } from '../../../electron/shared/dto.js';
import type { Preferences } from '../../../electron/shared/contract.js';

export type TimeFormat = Preferences['timeFormat'];

export const TIME_FORMATS: { id: TimeFormat; label: string }[] = [
  { id: 'date', label: 'Date and Time of Day' },
  { id: 'time', label: 'Time of Day' },
  { id: 'epoch', label: 'Seconds Since Epoch (1970-01-01)' },
  { id: 'since-first', label: 'Seconds Since First Captured Packet' },
  { id: 'delta', label: 'Seconds Since Previous Captured Packet' },
  { id: 'delta-displayed', label: 'Seconds Since Previous Displayed Packet' },
  { id: 'utc-date', label: 'UTC Date and Time of Day' },
  { id: 'utc-time', label: 'UTC Time of Day' },
];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const micros = (nsec: number): string => pad(Math.floor(nsec / 1000), 6);

/** a − b as "s.uuuuuu" (negative when b is later). */
export function difference(a: TimeDto, b: TimeDto): string {
  let ns = (a.sec - b.sec) * 1e9 + (a.nsec - b.nsec);
  const neg = ns < 0;
  if (neg) ns = -ns;
  const sec = Math.floor(ns / 1e9);
  const frac = Math.floor((ns % 1e9) / 1000);
  return `${neg ? '-' : ''}${sec}.${pad(frac, 6)}`;
}

function clock(d: Date, utc: boolean): string {
  return utc ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function day(d: Date, utc: boolean): string {
  return utc
    ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface TimeContext {
  /** First captured packet (reference for "since first"). */
  first?: TimeDto;
  /** The previous displayed row's time (for the deltas); undefined on the first row. */
  previous?: TimeDto;
}

/** The Time column text; '' when the reference it needs is not loaded yet. */
export function formatTime(t: TimeDto, format: TimeFormat, ctx: TimeContext): string {
  switch (format) {
    case 'epoch':
      return `${t.sec}.${micros(t.nsec)}`;
    case 'since-first':
      return ctx.first ? difference(t, ctx.first) : '';
    case 'delta':
    case 'delta-displayed':
      return ctx.previous ? difference(t, ctx.previous) : '0.000000';
    case 'time':
    case 'utc-time': {
      const d = new Date(t.sec * 1000);
      return `${clock(d, format === 'utc-time')}.${micros(t.nsec)}`;
    }
    case 'date':
    case 'utc-date': {
      const d = new Date(t.sec * 1000);
      const utc = format === 'utc-date';
      return `${day(d, utc)} ${clock(d, utc)}.${micros(t.nsec)}`;
    }
  }
}

/** Seconds as people read them in the flows table and the ladder: "31 µs", "1.2 ms", "4.0 s". */
export function duration(s: number): string {
  if (!Number.isFinite(s)) return '';
  const a = Math.abs(s);
  if (a >= 100) return `${s.toFixed(0)} s`;
  if (a >= 1) return `${s.toFixed(a >= 10 ? 1 : 2)} s`;
  if (a >= 0.001) return `${(s * 1000).toFixed(a >= 0.1 ? 0 : a >= 0.01 ? 1 : 2)} ms`;
  if (a === 0) return '0 s';
  return `${(s * 1e6).toFixed(a >= 1e-5 ? 0 : 1)} µs`;
}

/** How the ladder's time column is headed: which base the list's format counts from. */
export function timeBaseLabel(format: TimeFormat, reference: boolean): { short: string; long: string } {
  const long = TIME_FORMATS.find((f) => f.id === format)?.label ?? format;
  const short: Record<TimeFormat, string> = {
    'since-first': reference ? 'since ref. packet' : 'since 1st packet',
    delta: 'Δ in this flow',
    'delta-displayed': 'Δ in this flow',
    epoch: 'epoch seconds',
    time: 'time of day',
    'utc-time': 'UTC time',
    date: 'date and time',
    'utc-date': 'UTC date, time',
  };
  const delta = format === 'delta' || format === 'delta-displayed';
  return {
    short: short[format],
    long: `Time as the packet list shows it: ${long}${reference && format === 'since-first' ? ' (from the time reference)' : ''}${delta ? ', here between packets of this flow' : ''}. The time-proportional axis counts seconds from the flow's first packet.`,
  };
}

