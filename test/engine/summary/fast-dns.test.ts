// The fast path's DNS lines (summary/fast-dns.ts) against the full printers (dns.ts): for
// generated lookups near every condition the fast path hands back (counts, flags, pointers,
// label bytes, record types, EDNS extended rcodes, truncation), LinePrinter with the fast
// path must print exactly what it prints without it; and the common lines of real lookups
// must be printed by the fast path itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureInterface, PacketRecord } from '../../../electron/capfile/types.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { TcpSeqTable } from '../../../electron/engine/protocols/tcp-seq-table.js';
import { latin1String } from '../../../electron/engine/summary/byte-format.js';
import { FastLinePrinter } from '../../../electron/engine/summary/fast-line.js';
import { LineBuffer } from '../../../electron/engine/summary/line-buffer.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter } from '../../../electron/engine/summary/line-printer.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';

const ETHER: CaptureInterface = { id: 0, section: 0, linktype: 1, snaplen: 262144, tsUnitsPerSecond: 1e6, nanoPrecision: false, tsOffset: 0 };
const OPTS = { ...DEFAULT_LINE_OPTIONS, tz: utcOffset };

function record(caplen: number, wirelen: number): PacketRecord {
  return { number: 1, interfaceId: 0, tsSec: 1_700_000_000, tsNsec: 123_456_000, caplen, wirelen, dataOffset: 0, recordOffset: 0, blockType: 0 };
}

/** [fast path on, fast path off] output for one frame. */
function texts(data: Uint8Array, wirelen = data.length): [string, string] {
  const fast = new LinePrinter(createRegistry(), OPTS);
  const full = new LinePrinter(createRegistry(), OPTS, false);
  fast.addInterface(ETHER);
  full.addInterface(ETHER);
  const out = new LineBuffer(null, 256);
  fast.write(record(data.length, wirelen), data, out);
  return [latin1String(out.buf, 0, out.pos), full.line(record(data.length, wirelen), data).text + '\n'];
}

/** Whether the fast path prints the frame itself. */
function printsItself(data: Uint8Array, wirelen = data.length): boolean {
  const fast = FastLinePrinter.create(createRegistry(), DEFAULT_LINE_OPTIONS.print, new TcpSeqTable())!;
  return fast.print(data, 0, data.length, wirelen, 1, new Uint8Array(2048), 0) >= 0;
}

const be16 = (v: number): number[] => [(v >> 8) & 255, v & 255];
const be32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

/** Ethernet + IPv4 + UDP around `dns`, from 203.0.113.10:38902 to 203.0.113.20:53 (or back). */
function frame(dns: readonly number[], response = false, udpLenDelta = 0): Uint8Array {
  const [sport, dport] = response ? [53, 38902] : [38902, 53];
  const udp = [...be16(sport), ...be16(dport), ...be16(8 + dns.length + udpLenDelta), 0, 0, ...dns];
  const a = [203, 0, 113, 10];
  const b = [203, 0, 113, 20];
  const ip = [0x45, 0, ...be16(20 + udp.length), 0, 1, 0, 0, 64, 17, 0, 0, ...(response ? b : a), ...(response ? a : b), ...udp];
  return Uint8Array.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0, ...ip]);
}

const label = (s: string): number[] => [s.length, ...Buffer.from(s, 'latin1')];
const name = (...labels: string[]): number[] => [...labels.flatMap(label), 0];

describe('fast path on real lookups', () => {
  // perf-1m.pcap's first lookup (cut by its snaplen of 96 inside the OPT record) and answers.
  const query = [0xe8, 0x33, 0x01, 0x20, 0, 1, 0, 0, 0, 0, 0, 1, ...name('host1', 'example', 'test'), 0, 1, 0, 1, 0, 0, 0x29, 0x04, 0xd0, 0, 0, 0, 0, 0, 0x0c, 0, 0x0a, 0, 8, 0xb1, 0x22, 0xee, 0x5c, 0x61, 0x07, 0x3d, 0x90];
  const question = name('www', 'example', 'test');
  const answerA = [0xc0, 12, 0, 1, 0, 1, ...be32(300), 0, 4, 203, 0, 113, 20];
  const opt = [0, 0, 0x29, 0x04, 0xd0, 0, 0, 0, 0, 0, 0];

  it('prints a query with its EDNS record, cut by the snaplen, as dns.ts does', () => {
    const f = frame(query);
    const wire = f.length;
    const cut = f.subarray(0, 96);
    const [fast, full] = texts(cut, wire);
    expect(fast).toBe(full);
    expect(fast).toContain('IP 203.0.113.10.38902 > 203.0.113.20.53: 59443+ [1au] A? host1.example.test. (59)');
    expect(printsItself(cut, wire)).toBe(true);
  });

  it('prints answers (A, AAAA, CNAME and MX through pointers) and NXDomain', () => {
    const aaaa = [0xc0, 12, 0, 28, 0, 1, ...be32(60), 0, 16, 0x20, 0x01, 0x0d, 0xb8, ...Array<number>(11).fill(0), 1];
    const cname = [0xc0, 12, 0, 5, 0, 1, ...be32(60), 0, 7, 4, ...Buffer.from('edge'), 0xc0, 16];
    const mx = [0xc0, 12, 0, 15, 0, 1, ...be32(60), 0, 4, 0, 10, 0xc0, 16];
    const cases: [number[], string][] = [
      [[0x1a, 0x2b, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 1, ...question, 0, 1, 0, 1, ...answerA, ...opt], '6699 1/0/1 A 203.0.113.20 (61)'],
      [[0x1a, 0x2b, 0x85, 0x83, 0, 1, 0, 0, 0, 0, 0, 1, ...question, 0, 1, 0, 1, ...opt], '6699 NXDomain* 0/0/1 (45)'],
      [[0x1a, 0x2b, 0x81, 0x80, 0, 1, 0, 4, 0, 0, 0, 0, ...question, 0, 28, 0, 1, ...answerA, ...aaaa, ...cname, ...mx], '6699 4/0/0 A 203.0.113.20, AAAA 2001:db8::1, CNAME edge.example.test., MX example.test. 10'],
    ];
    for (const [dns, want] of cases) {
      const f = frame(dns, true);
      const [fast, full] = texts(f);
      expect(fast).toBe(full);
      expect(fast).toContain(want);
      expect(printsItself(f)).toBe(true);
    }
  });

  it('prints a name of 255 characters, and hands back one longer (<DOMAIN NAME TOO LONG>)', () => {
    const x63 = 'x'.repeat(63);
    // Three labels of 63 and one of 62 with their dots: 255; one more character is too long.
    for (const [last, itself] of [[62, true], [63, false]] as const) {
      const f = frame([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...name(x63, x63, x63, 'y'.repeat(last)), 0, 1, 0, 1]);
      const [fast, full] = texts(f);
      expect(fast).toBe(full);
      expect(fast.includes('TOO LONG')).toBe(!itself);
      expect(printsItself(f)).toBe(itself);
    }
  });

  it('hands back what it does not print (a bad pointer, an escaped label byte, TXT, two questions)', () => {
    const bad: number[][] = [
      [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1],
      [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 0x61, 0x0a, 0x62, 0, 0, 1, 0, 1],
      [0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, ...question, 0, 16, 0, 1, 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 1, 0, 2, 1, 0x78],
      [0, 1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, ...question, 0, 1, 0, 1, ...question, 0, 1, 0, 1],
    ];
    for (const dns of bad) {
      const f = frame(dns, dns[2]! >= 0x80);
      const [fast, full] = texts(f);
      expect(fast).toBe(full);
      expect(printsItself(f)).toBe(false);
    }
  });
});

// ---- generated lookups ----

const labelText = fc.oneof(
  { arbitrary: fc.constantFrom('www', 'host1', 'example', 'test', 'a', 'mail-2', 'x'.repeat(63)), weight: 8 },
  { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => String.fromCharCode(...a)), weight: 1 },
);
/** A name at `at` in the message: labels, then the root or (when `back` > 0) a pointer. */
const nameArb = fc.record({
  labels: fc.array(labelText, { maxLength: 5 }),
  pointer: fc.oneof({ arbitrary: fc.constant(-1), weight: 4 }, fc.nat({ max: 80 })),
});
function nameBytes(n: { labels: string[]; pointer: number }): number[] {
  const b = n.labels.flatMap(label);
  return n.pointer < 0 ? [...b, 0] : [...b, 0xc0 | (n.pointer >> 8), n.pointer & 255];
}

const TYPES = [1, 28, 5, 2, 12, 39, 15, 6, 250, 16, 33, 38, 256, 104, 41, 99, 13, 65280];
const rr = fc.record({
  owner: nameArb,
  type: fc.oneof({ arbitrary: fc.constantFrom(1, 5, 28), weight: 4 }, fc.constantFrom(...TYPES)),
  cls: fc.oneof({ arbitrary: fc.constant(1), weight: 8 }, fc.constantFrom(3, 255, 0x8001)),
  ttl: fc.nat({ max: 0xffffffff }),
  data: fc.oneof(
    fc.constant(null),
    nameArb.map(nameBytes),
    fc.uint8Array({ maxLength: 20 }).map((a) => [...a]),
  ),
  lenDelta: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, fc.constantFrom(-2, 2, 200)),
});
function rrBytes(r: { owner: { labels: string[]; pointer: number }; type: number; cls: number; ttl: number; data: number[] | null; lenDelta: number }): number[] {
  const data = r.data ?? (r.type === 28 ? Array<number>(16).fill(0).map((_, i) => (i * 37) & 255) : [198, 51, 100, 7]);
  return [...nameBytes(r.owner), ...be16(r.type), ...be16(r.cls), ...be32(r.ttl), ...be16(Math.max(0, data.length + r.lenDelta)), ...data];
}

const message = fc.record({
  id: fc.nat({ max: 65535 }),
  flags: fc.oneof(
    { arbitrary: fc.constantFrom(0x0100, 0x0120, 0x8180, 0x8183, 0x8580, 0x81a0, 0x8380, 0x0110, 0x8000), weight: 8 },
    fc.nat({ max: 65535 }),
  ),
  question: nameArb,
  qtype: fc.constantFrom(1, 28, 255, 12, 65535),
  qclass: fc.oneof({ arbitrary: fc.constant(1), weight: 8 }, fc.constantFrom(3, 255)),
  extraQuestions: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, fc.constant(1)),
  answers: fc.array(rr, { maxLength: 4 }),
  authority: fc.array(rr, { maxLength: 1 }),
  opt: fc.oneof(fc.constant(null), fc.nat({ max: 255 })),
  countDelta: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, fc.constantFrom(1, -1)),
  udpLenDelta: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, fc.constantFrom(-1, -20, 4)),
  cut: fc.oneof({ arbitrary: fc.constant(Infinity), weight: 4 }, fc.nat({ max: 140 })),
});

describe('fast path on generated lookups', () => {
  it('prints every message as the full printers do', () => {
    let seen = 0;
    let printed = 0;
    fc.assert(
      fc.property(message, (m) => {
        const q = [...nameBytes(m.question), ...be16(m.qtype), ...be16(m.qclass)];
        const questions = m.extraQuestions ? [...q, ...q] : q;
        const ar = m.opt === null ? [] : [0, 0, 41, 0x04, 0xd0, m.opt, 0, 0, 0, 0, 0];
        const response = (m.flags & 0x8000) !== 0;
        const counts = [1 + m.extraQuestions, m.answers.length + m.countDelta, m.authority.length, ar.length ? 1 : 0];
        const dns = [...be16(m.id), ...be16(m.flags), ...counts.flatMap((c) => be16(Math.max(0, c))), ...questions, ...m.answers.flatMap(rrBytes), ...m.authority.flatMap(rrBytes), ...ar];
        const all = frame(dns, response, m.udpLenDelta);
        const data = all.subarray(0, Math.min(all.length, 42 + m.cut));
        seen++;
        if (printsItself(data, all.length)) printed++;
        const [fast, full] = texts(data, all.length);
        expect(fast).toBe(full);
      }),
      { numRuns: 4000 },
    );
    // Both paths are exercised.
    expect(printed / seen).toBeGreaterThan(0.2);
    expect(printed / seen).toBeLessThan(0.8);
  });
});
