// tcpdump's timestamp column (summary/timestamp.ts) for every TimeFormat against tcpdump 4.99.3's
// -t, (default), -tt, -ttt, -tttt and -ttttt on real captures, with TZ=UTC: a scenario with
// second-long gaps (pcap and pcapng), the nanosecond pcap, the tcpdump suite's out-of-range
// microsecond fields, a made-up file with a first packet at the epoch, a step backwards
// and a gap longer than a day, and made-up files whose times tcpdump cannot convert
// ("[Error converting time]": bit 31 of the seconds set, or beyond what gmtime can hold).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PcapngWriter } from '../../../electron/capfile/pcapng-writer.js';
import { DEFAULT_LINE_OPTIONS } from '../../../electron/engine/summary/line-printer.js';
import { printCaptureBytes } from '../../../electron/engine/summary/print-capture.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import {
  TimestampPrinter,
  cachedOffset,
  formatDate,
  formatDelta,
  formatEpoch,
  formatTimeOfDay,
  libpcapSeconds,
  TIME_ERROR,
  usecOf,
  utcOffset,
  type TimeFormat,
} from '../../../electron/engine/summary/timestamp.js';
import { haveCaptures, readCapture } from '../../support/captures.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/timestamps');
const FLAGS: readonly (readonly [string, TimeFormat])[] = [
  ['-t', 'none'],
  ['', 'time'],
  ['-tt', 'epoch'],
  ['-ttt', 'delta'],
  ['-tttt', 'date'],
  ['-ttttt', 'since-first'],
];

/**
 * A classic µs pcap of SYNs (tcp-http-curl.pcap frame 3) at the given raw (sec, usec) fields:
 * the made-up timing cases tcpdump is compared on.
 */
function timedPcap(times: readonly (readonly [number, number])[]): Uint8Array {
  const syn = Uint8Array.from(
    Buffer.from('0200000a00200200000a001008004500003ca8c9400040060dd4c000020ac0000214dc300050a40fbd9200000000a002faf056300000020405b40402080af9b13ae8000000000103030a', 'hex'),
  );
  const out = new Uint8Array(24 + times.length * (16 + syn.length));
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 262144, true);
  v.setUint32(20, 1, true);
  times.forEach(([sec, usec], i) => {
    const o = 24 + i * (16 + syn.length);
    v.setUint32(o, sec, true);
    v.setUint32(o + 4, usec, true);
    v.setUint32(o + 8, syn.length, true);
    v.setUint32(o + 12, syn.length, true);
    out.set(syn, o + 16);
  });
  return out;
}

/** The same SYN in a pcapng whose interface has `tsresol`/`tsOffset`, at raw 64-bit tick counts. */
function tickedPcapng(tsresol: number, tsOffset: number, ticks: readonly bigint[]): Uint8Array {
  const syn = timedPcap([[0, 0]]).subarray(24 + 16);
  const w = new PcapngWriter();
  const parts = [w.sectionHeader(), w.addInterface({ linktype: 1, tsresol, tsOffset }).block];
  for (const t of ticks) {
    const epb = w.packet(0, { tsSec: 0, tsNsec: 0, wirelen: syn.length }, syn);
    const v = new DataView(epb.buffer, epb.byteOffset);
    v.setUint32(12, Number(BigInt.asUintN(64, t) >> 32n), true);
    v.setUint32(16, Number(BigInt.asUintN(32, t)), true);
    parts.push(epb);
  }
  return Buffer.concat(parts);
}

const S31 = 2 ** 31;
const S32 = 2 ** 32;
const us = (sec: number): bigint => BigInt(sec) * 1_000_000n;

// Seconds fields with bit 31 set: libpcap reads them as negative (signed 32-bit), so they sort
// before the others in the delta columns, and tcpdump cannot convert them (nor the deltas
// that reach 2^31 s). Out-of-range µs fields borrow across those deltas.
const TIME_ERROR_PCAP = timedPcap([
  [S31 - 1, 5],
  [S31, 6],
  [S32 - 1, 7],
  [100, 8],
  [S31, 9],
  [1700000000, 10],
  [S31 + 1, 999999],
  [S31 - 1, 5],
  [0, 3],
]);

// pcapng times are 64-bit: past 2^32 s only bit 31 of the low word matters (and -tt prints the
// low word), dates run to years JavaScript's Date cannot hold (past 275760), and an
// if_tsoffset can make a time negative.
const TIME_ERROR_PCAPNG = tickedPcapng(6, 0, [
  us(S32 + 5),
  us(S32 + S31),
  us(S31),
  us(1700000000),
  us(2 ** 40),
  us(8640000000000 + 86400 * 400),
  us(2 ** 43 + 12345),
]);

// One tick a second (if_tsresol 0): seconds gmtime cannot convert (years beyond 2^31), ones
// that read as -2^63 and -1 in a time_t, and a year in the billions that it can.
const TIME_ERROR_SECONDS = tickedPcapng(0, 0, [2n ** 62n, 2n ** 60n, 2n ** 56n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 55n + 2n ** 33n, 2n ** 33n]);

// A negative if_tsoffset: times before 1970, some convertible (bit 31 clear), some not.
const TIME_ERROR_OFFSET = tickedPcapng(6, -(2 ** 33), [us(S32), 5_000_000n, us(2 ** 33 + 1700000000), us(2 ** 33 - 10)]);

// First packet at the epoch (tcpdump then takes the next packet as its reference), a step back
// in time, a 25-hour gap (the delta column wraps at a day like gmtime), equal stamps, 999999 µs.
const MADE_UP = timedPcap([
  [0, 0],
  [5, 250000],
  [3, 500000],
  [3, 500000],
  [90003, 999999],
  [1700000000, 1],
  [1699999999, 999999],
]);

interface Case {
  readonly name: string;
  readonly bytes: () => Uint8Array;
  readonly extra: readonly string[];
}
const CASES: readonly Case[] = [
  { name: 'tcp-syn-retransmit-blackhole.pcap', bytes: () => readCapture('scenarios/tcp-syn-retransmit-blackhole.pcap'), extra: [] },
  { name: 'tcp-syn-retransmit-blackhole.pcapng', bytes: () => readCapture('scenarios/tcp-syn-retransmit-blackhole.pcapng'), extra: [] },
  { name: 'nanosecond.pcap', bytes: () => readCapture('formats/nanosecond.pcap'), extra: [] },
  // The suite runs this file with -q.
  { name: 'timestamp_invalid_micro.pcap', bytes: () => readCapture('tcpdump-suite/timestamp_invalid_micro.pcap'), extra: ['-q'] },
  { name: 'made-up.pcap', bytes: () => MADE_UP, extra: [] },
  { name: 'time-error.pcap', bytes: () => TIME_ERROR_PCAP, extra: [] },
  { name: 'time-error.pcapng', bytes: () => TIME_ERROR_PCAPNG, extra: [] },
  { name: 'time-error-seconds.pcapng', bytes: () => TIME_ERROR_SECONDS, extra: [] },
  { name: 'time-error-offset.pcapng', bytes: () => TIME_ERROR_OFFSET, extra: [] },
];

/**
 * tcpdump's output for the case and flag. The files in fixtures/timestamps/ were made once with
 * `TZ=UTC tcpdump -n FLAG -r FILE` (tcpdump 4.99.3); regenerate on purpose with
 * ACKLINE_REGEN_REFS=1 npx vitest run test/engine/summary/timestamp.test.ts
 */
function reference(c: Case, flag: string): string[] {
  const file = path.join(FIXTURES, `${c.name}${flag || '-default'}.tcpdump.txt`);
  if (process.env.ACKLINE_REGEN_REFS) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ackline-ts-'));
    try {
      const input = path.join(dir, c.name);
      writeFileSync(input, c.bytes());
      const r = spawnSync('tcpdump', ['-n', ...c.extra, ...(flag ? [flag] : []), '-r', input], { env: { ...process.env, TZ: 'UTC' }, encoding: 'latin1' });
      if (r.error) throw r.error;
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(file, r.stdout, 'latin1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!existsSync(file)) throw new Error(`missing ${file}: regenerate with ACKLINE_REGEN_REFS=1 (needs tcpdump)`);
  return readFileSync(file, 'latin1').split('\n').filter((l) => l !== '');
}

describe.skipIf(!haveCaptures)('timestamp column vs tcpdump (TZ=UTC)', () => {
  for (const c of CASES) {
    it.each(FLAGS.map(([flag, fmt]) => [flag || '(default)', fmt, flag] as const))(`${c.name} %s (%s)`, (_label, fmt, flag) => {
      const { opts, unknown } = parseTcpdumpFlags([...c.extra, ...(flag ? [flag] : [])], { ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
      expect(unknown).toEqual([]);
      expect(opts.time).toBe(fmt);
      const printed = printCaptureBytes(c.bytes(), opts);
      expect(printed.error).toBeNull();
      expect(printed.lines.join('\n').split('\n')).toEqual(reference(c, flag));
    });
  }
});

describe('timestamp helpers', () => {
  it('prints the µs field as tcpdump does, out of range included', () => {
    expect(usecOf(999_999_000)).toBe(999999);
    expect(usecOf(1_000_000_000)).toBe(1000000);
    expect(usecOf(123_456_789)).toBe(123456);
    expect(formatTimeOfDay(1418145370, 2_147_483_648_000, utcOffset)).toBe('17:16:10.2147483648');
    expect(formatDate(1418145369, 999_999_000, utcOffset)).toBe('2014-12-09 17:16:09.999999');
    expect(formatTimeOfDay(1418145369, 5000, (s) => (s > 0 ? 3600 : 0))).toBe('18:16:09.000005');
  });

  it('reads seconds as libpcap hands them over: signed 32-bit for pcap, a 64-bit time_t for pcapng', () => {
    expect(libpcapSeconds(0x7fffffff, true)).toBe(0x7fffffff);
    expect(libpcapSeconds(0x80000000, true)).toBe(-(2 ** 31));
    expect(libpcapSeconds(0xffffffff, true)).toBe(-1);
    expect(libpcapSeconds(0xffffffff, false)).toBe(0xffffffff);
    expect(libpcapSeconds(2 ** 63, false)).toBe(-(2 ** 63));
    expect(libpcapSeconds(-5, false)).toBe(-5);
  });

  it('prints [Error converting time] where tcpdump cannot convert a time', () => {
    expect(formatTimeOfDay(-1, 0, utcOffset)).toBe(TIME_ERROR);
    expect(formatTimeOfDay(2 ** 31, 0, utcOffset)).toBe(TIME_ERROR);
    expect(formatTimeOfDay(2 ** 32 + 5, 0, utcOffset)).toBe('06:28:21.000000');
    expect(formatDate(-(2 ** 32), 0, utcOffset)).toBe('1833-11-24 17:31:44.000000');
    // gmtime's year is an int: 2^56 s is past it, 2^55 + 2^33 s is not.
    expect(formatDate(2 ** 56, 0, utcOffset)).toBe(TIME_ERROR);
    expect(formatTimeOfDay(2 ** 56, 0, utcOffset)).toBe(TIME_ERROR);
    expect(formatDate(2 ** 55 + 2 ** 33, 0, utcOffset)).toBe('1141709369-08-26 19:22:40.000000');
    expect(formatEpoch(2 ** 32 + 5, 7000)).toBe('5.000007');
    expect(formatEpoch(-1, 0)).toBe(TIME_ERROR);
    expect(formatDelta(2 ** 31 - 1, 5000, -(2 ** 31), 6000)).toBe(' ' + TIME_ERROR);
  });

  it('applies a zone past the year 275760 as localtime does, its last rule', () => {
    // A zone five hours west, known to Date's range only (as a host's offset function is).
    const west = (s: number): number => (Number.isFinite(new Date(s * 1000).getTime()) ? -18000 : NaN);
    expect(formatDate(2 ** 55 + 2 ** 33, 0, west)).toBe('1141709369-08-26 14:22:40.000000');
    expect(new TimestampPrinter('time', west).next(2 ** 55 + 2 ** 33, 0)).toBe('14:22:40.000000 ');
  });

  it('takes a zone the host cannot tell (a Date past the year 275760) as UTC', () => {
    // What a host's own offset function gives there (the CLI asks Date, as localOffset does).
    const hostOffset = (s: number): number => -new Date(s * 1000).getTimezoneOffset() * 60;
    expect(Number.isNaN(hostOffset(2 ** 55))).toBe(true);
    expect(formatDate(2 ** 55 + 2 ** 33, 0, hostOffset)).toBe('1141709369-08-26 19:22:40.000000');
    const printer = new TimestampPrinter('time', hostOffset);
    expect(printer.next(2 ** 55 + 2 ** 33, 0)).toBe('19:22:40.000000 ');
    expect(new TimestampPrinter('date', hostOffset).next(2 ** 55 + 2 ** 33, 0)).toBe('1141709369-08-26 19:22:40.000000 ');
  });

  it('prints deltas as a signed hh:mm:ss.frac', () => {
    expect(formatDelta(10, 500_000_000, 9, 0)).toBe(' 00:00:01.500000');
    expect(formatDelta(9, 0, 10, 500_000_000)).toBe('-00:00:01.500000');
    expect(formatDelta(90_005, 0, 0, 0)).toBe(' 01:00:05.000000');
    expect(formatDelta(5, 0, 5, 0)).toBe(' 00:00:00.000000');
  });

  it('prints nothing at -t, and keeps previous and first packets for the deltas', () => {
    const none = new TimestampPrinter('none', utcOffset);
    expect(none.next(1, 0)).toBe('');
    const delta = new TimestampPrinter('delta', utcOffset);
    const first = new TimestampPrinter('since-first', utcOffset);
    const times: [number, number][] = [
      [100, 0],
      [101, 250_000_000],
      [103, 0],
    ];
    expect(times.map(([s, n]) => delta.next(s, n))).toEqual([' 00:00:00.000000 ', ' 00:00:01.250000 ', ' 00:00:01.750000 ']);
    expect(times.map(([s, n]) => first.next(s, n))).toEqual([' 00:00:00.000000 ', ' 00:00:01.250000 ', ' 00:00:03.000000 ']);
  });

  it('caches a zone offset per quarter hour', () => {
    const calls: number[] = [];
    const tz = cachedOffset((s) => {
      calls.push(s);
      return 3600;
    });
    expect([tz(1000), tz(1799), tz(1800), tz(1801)]).toEqual([3600, 3600, 3600, 3600]);
    expect(calls).toEqual([900, 1800]);
  });
});
