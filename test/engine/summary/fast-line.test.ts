// The byte-writing fast path (summary/fast-line.ts) against the full printers: LinePrinter
// with the fast path must write, for every packet, exactly the text the full printers give
// (fast path off), with tcpdump's relative sequence numbers carried between the two paths.
// On the golden corpus, and on generated Ethernet/IPv4 TCP/UDP frames near every condition
// the fast path hands back (lengths, truncation, options, fragments, HTTP first lines).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import type { CaptureInterface, PacketRecord } from '../../../electron/capfile/types.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { TcpSeqTable } from '../../../electron/engine/protocols/tcp-seq-table.js';
import { latin1String } from '../../../electron/engine/summary/byte-format.js';
import { FastLinePrinter } from '../../../electron/engine/summary/fast-line.js';
import { LineBuffer } from '../../../electron/engine/summary/line-buffer.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter, type LineOptions } from '../../../electron/engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { readTestlist } from '../../support/testlist.js';

const ETHER: CaptureInterface = { id: 0, section: 0, linktype: 1, snaplen: 262144, tsUnitsPerSecond: 1e6, nanoPrecision: false, tsOffset: 0 };

/** Both printers over the same packets: [fast path on, fast path off] texts per packet. */
class Pair {
  readonly fast: LinePrinter;
  readonly full: LinePrinter;
  private readonly out = new LineBuffer(null, 256);

  constructor(opts: LineOptions) {
    this.fast = new LinePrinter(createRegistry(), opts);
    this.full = new LinePrinter(createRegistry(), opts, false);
  }

  addInterface(i: CaptureInterface): void {
    this.fast.addInterface(i);
    this.full.addInterface(i);
  }

  texts(rec: PacketRecord, data: Uint8Array): [string, string] {
    this.out.pos = 0;
    this.fast.write(rec, data, this.out);
    return [latin1String(this.out.buf, 0, this.out.pos), this.full.line(rec, data).text + '\n'];
  }
}

function record(number: number, caplen: number, wirelen: number): PacketRecord {
  return { number, interfaceId: 0, tsSec: 1_700_000_000 + (number >> 3), tsNsec: number * 7919 * 1000, caplen, wirelen, dataOffset: 0, recordOffset: 0, blockType: 0 };
}

describe.skipIf(!haveCaptures)('fast path on the golden corpus', () => {
  const captures = [...new Set(readTestlist().map((c) => c.capture))];
  for (const flags of [[], ['-S', '-ttt'], ['-#', '-tt']]) {
    it(`prints every packet as the full printers do (${flags.join(' ') || 'no flags'})`, () => {
      let packets = 0;
      for (const c of captures) {
        const pair = new Pair(parseTcpdumpFlags(flags, { ...DEFAULT_LINE_OPTIONS, tz: utcOffset }).opts);
        readCaptureBytes(readCapture(c), {
          onInterface: (i) => pair.addInterface(i),
          onPacket: (rec, data) => {
            packets++;
            const [fast, full] = pair.texts(rec, data);
            if (fast !== full) expect(`${c} #${rec.number}: ${fast}`).toBe(`${c} #${rec.number}: ${full}`);
          },
        });
      }
      expect(packets).toBeGreaterThan(10000);
    });
  }
});

// ---- generated frames ----

const be16 = (v: number): number[] => [(v >> 8) & 255, v & 255];
const be32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

/** TCP options: the usual ones, each at its usual or an unusual length, and junk. */
const option = fc.oneof(
  fc.constant([1]),
  fc.constant([0]),
  fc.nat({ max: 65535 }).map((v) => [2, 4, ...be16(v)]),
  fc.nat({ max: 14 }).map((v) => [3, 3, v]),
  fc.constant([4, 2]),
  fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff })).map(([a, b]) => [8, 10, ...be32(a), ...be32(b)]),
  fc.array(fc.nat({ max: 0xffffffff }), { minLength: 0, maxLength: 4 }).map((v) => [5, 2 + 8 * (v.length >> 1), ...v.slice(0, v.length & ~1).flatMap(be32)]),
  fc.tuple(fc.constantFrom(2, 3, 4, 5, 8, 19, 30, 34, 99), fc.nat({ max: 12 })).map(([k, l]) => [k, l, ...Array<number>(Math.max(0, l - 2)).fill(7)]),
  fc.constant([1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2]),
  fc.constant([1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2]),
);

const PAYLOADS = ['Foo\t200 x\r\n', 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', 'HTTP/1.1 200 OK\r\n', 'get /x', 'Xyz 404 gone', 'HTTP/1.0  301', 'PROPFIND  a', '\x00\x01binary', 'a'.repeat(140) + ' 200', 'plain text no eol', ' leading', 'OPTIONS\t* HTTP/1.1\r\n'];

const payload = fc.oneof(
  fc.constantFrom(...PAYLOADS).map((s) => [...Buffer.from(s, 'latin1')]),
  fc.uint8Array({ maxLength: 40 }).map((a) => [...a]),
);

const HOSTS = [[192, 0, 2, 10], [192, 0, 2, 20], [198, 51, 100, 7], [10, 0, 0, 1]];
const PORTS = [80, 8080, 53, 22, 25, 67, 5353, 12345, 47001, 40000];

/** `usual` most of the time, one of `others` now and then. */
function rarely(usual: number, ...others: number[]): fc.Arbitrary<number> {
  return fc.oneof({ arbitrary: fc.constant(usual), weight: 12 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
}

const frame = fc.record({
  udp: fc.boolean(),
  // Mostly one or two connections, so that frames meet the table entries of earlier ones.
  src: fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 6 }, fc.nat({ max: HOSTS.length - 1 })),
  dst: fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 6 }, fc.nat({ max: HOSTS.length - 1 })),
  sport: fc.oneof({ arbitrary: fc.constantFrom(80, 40000), weight: 6 }, fc.constantFrom(...PORTS), fc.nat({ max: 65535 })),
  dport: fc.oneof({ arbitrary: fc.constantFrom(80, 40000), weight: 6 }, fc.constantFrom(...PORTS), fc.nat({ max: 65535 })),
  seq: fc.oneof(fc.nat({ max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff)),
  ack: fc.oneof(fc.nat({ max: 0xffffffff }), fc.constantFrom(0, 1)),
  flags: fc.oneof(fc.constantFrom(0x02, 0x12, 0x10, 0x18, 0x11, 0x14, 0x04, 0x30), fc.nat({ max: 255 })),
  options: fc.array(option, { maxLength: 6 }),
  payload,
  /** Deviations from a well-formed frame, each one rare so that most frames stay ordinary. */
  ihlExtra: rarely(0, 1, -1, -5),
  thlDelta: rarely(0, 4, -4, -20, 40),
  ipLenDelta: rarely(0, 1, -1, -10, 100),
  udpLenDelta: rarely(0, 2, -2, -8, 50),
  frag: rarely(0, 0x4000, 0x2000, 0x0001),
  version: rarely(4, 6, 0),
  ethertype: rarely(0x0800, 0x86dd, 0x8100, 0x0806),
  cut: fc.oneof({ arbitrary: fc.constant(Infinity), weight: 6 }, { arbitrary: fc.nat({ max: 100 }), weight: 1 }),
  wireExtra: rarely(0, 4, 100),
});

function build(f: typeof frame extends fc.Arbitrary<infer T> ? T : never): { data: Uint8Array; wirelen: number } {
  let opts = f.options.flat();
  while (opts.length % 4) opts.push(1);
  opts = opts.slice(0, 40);
  const ihl = Math.max(0, 5 + f.ihlExtra);
  const ipOpts = Array<number>(Math.max(0, ihl - 5) * 4).fill(1);
  let l4: number[];
  if (f.udp) {
    const ulen = 8 + f.payload.length + f.udpLenDelta;
    l4 = [...be16(f.sport), ...be16(f.dport), ...be16(Math.max(0, ulen) & 0xffff), 0, 0, ...f.payload];
  } else {
    const thl = Math.max(0, Math.min(60, 20 + opts.length + f.thlDelta));
    l4 = [...be16(f.sport), ...be16(f.dport), ...be32(f.seq), ...be32(f.ack), (thl / 4) << 4, f.flags, 0xfa, 0xf0, 0, 0, 0, 1, ...opts, ...f.payload];
  }
  const total = 20 + ipOpts.length + l4.length + f.ipLenDelta;
  const ip = [(f.version << 4) | ihl, 0, ...be16(Math.max(0, total) & 0xffff), 0, 1, ...be16(f.frag), 64, f.udp ? 17 : 6, 0, 0, ...HOSTS[f.src]!, ...HOSTS[f.dst]!, ...ipOpts, ...l4];
  const all = Uint8Array.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, ...be16(f.ethertype), ...ip]);
  const data = all.subarray(0, Math.min(all.length, f.cut));
  return { data, wirelen: all.length + f.wireExtra };
}

describe('fast path on generated frames', () => {
  it('prints every frame, in sequences sharing TCP connections, as the full printers do', () => {
    // Which frames the fast path prints itself (it depends on the frame, not on the table).
    const probe = FastLinePrinter.create(createRegistry(), DEFAULT_LINE_OPTIONS.print, new TcpSeqTable())!;
    const scratch = new Uint8Array(2048);
    let seen = 0;
    let printed = 0;
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 30 }), fc.constantFrom([], ['-S'], ['-#']), (frames, flags) => {
        const pair = new Pair(parseTcpdumpFlags(flags, { ...DEFAULT_LINE_OPTIONS, tz: utcOffset }).opts);
        pair.addInterface(ETHER);
        frames.forEach((f, i) => {
          const { data, wirelen } = build(f);
          seen++;
          if (probe.print(data, 0, data.length, wirelen, 1, scratch, 0) >= 0) printed++;
          const [fast, full] = pair.texts(record(i + 1, data.length, wirelen), data);
          expect(fast).toBe(full);
        });
      }),
      { numRuns: 3000 },
    );
    // Both paths are exercised: the generator stays near the common lines.
    expect(printed / seen).toBeGreaterThan(0.2);
    expect(printed / seen).toBeLessThan(0.8);
  });
});

describe('FastLinePrinter', () => {
  // scenarios/tcp-http-curl.pcap frame 4, the SYN-ACK (tcpdump -n).
  const SYNACK = Uint8Array.from(Buffer.from('020000000a10020000000a2008004500003c0000400040060dd5c0000214c000020a0050dc30' + '6d6a6b3aa40fbd93a012fe8889b50000020405b40402080a3f1e3dc4f9b13ae80103030a', 'hex'));
  const LINE = 'IP 192.0.2.20.80 > 192.0.2.10.56368: Flags [S.], seq 1835690810, ack 2752494995, win 65160, options [mss 1460,sackOK,TS val 1058946500 ecr 4189141736,nop,wscale 10], length 0';

  it('writes a common line and enters the connection in the shared table', () => {
    const seq = new TcpSeqTable();
    const fast = FastLinePrinter.create(createRegistry(), DEFAULT_LINE_OPTIONS.print, seq)!;
    const b = new Uint8Array(1024);
    const end = fast.print(SYNACK, 0, SYNACK.length, SYNACK.length, 1, b, 0);
    expect(latin1String(b, 0, end)).toBe(LINE);
    expect(seq.size).toBe(1);
  });

  it('reads a frame in place inside a larger buffer (a reader chunk), bounded by its caplen', () => {
    const fast = FastLinePrinter.create(createRegistry(), DEFAULT_LINE_OPTIONS.print, new TcpSeqTable())!;
    // The frame at offset 37 of a chunk, followed by bytes of the next record.
    const chunk = new Uint8Array(37 + SYNACK.length + 64).fill(0xee);
    chunk.set(SYNACK, 37);
    const b = new Uint8Array(1024);
    const end = fast.print(chunk, 37, SYNACK.length, SYNACK.length, 1, b, 0);
    expect(latin1String(b, 0, end)).toBe(LINE);
    // The same frame cut by the capture inside the options: the bytes after it must not be read.
    expect(fast.print(chunk, 37, 60, SYNACK.length, 1, b, 0)).toBe(-1);
  });

  it('restarts a connection\'s entry on a later SYN as tcp.ts does, whichever path prints', () => {
    // The SYN-ACK's header with 10 bytes of payload, its seq/ack/flags set, and either its
    // usual options (the fast path prints it) or one it leaves to tcp.ts (unknown-99).
    const frame = (seq: number, ack: number, flags: number, viaFull: boolean): Uint8Array => {
      const f = Uint8Array.from([...SYNACK, ...Array<number>(10).fill(0)]);
      const v = new DataView(f.buffer);
      v.setUint16(16, 0x3c + 10);
      v.setUint32(38, seq);
      v.setUint32(42, ack);
      f[47] = flags;
      if (viaFull) f.set([99, 4, 0, 0], 54 + 16);
      return f;
    };
    const steps = [[1000, 5000, 0x10], [1500, 5500, 0x10], [9000, 7000, 0x12], [9100, 7100, 0x10]] as const;
    const want = ['seq 1000:1010, ack 5000,', 'seq 500:510, ack 501,', 'seq 9000:9010, ack 7000,', 'seq 100:110, ack 101,'];
    for (let mask = 0; mask < 16; mask++) {
      const pair = new Pair({ ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
      pair.addInterface(ETHER);
      steps.forEach(([seq, ack, flags], i) => {
        const data = frame(seq, ack, flags, ((mask >> i) & 1) === 1);
        const [fast, full] = pair.texts(record(i + 1, data.length, data.length), data);
        expect(fast).toBe(full);
        expect(fast).toContain(want[i]!);
      });
    }
  });

  it('prints the addresses of more tuples than its text cache has slots (collisions, misses, hits)', () => {
    // UDP between 4 hosts on 2000 port pairs, each tuple twice in a row and again later:
    // tuples that share a slot (same hosts, other ports; other hosts) must never get another's text.
    const pair = new Pair({ ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
    pair.addInterface(ETHER);
    let n = 0;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2000; i++) {
        for (let again = 0; again < 2; again++) {
          const src = HOSTS[i & 3]!;
          const dst = HOSTS[(i >> 2) & 3]!;
          const udp = [...be16(1024 + (i % 7)), ...be16(30000 + i), 0, 12, 0, 0, 1, 2, 3, 4];
          const data = Uint8Array.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0, 0x45, 0, ...be16(20 + udp.length), 0, 1, 0, 0, 64, 17, 0, 0, ...src, ...dst, ...udp]);
          const [fast, full] = pair.texts(record(++n, data.length, data.length), data);
          expect(fast).toBe(full);
        }
      }
    }
  });

  it('hands back a frame it does not print, with no state changed', () => {
    const seq = new TcpSeqTable();
    const fast = FastLinePrinter.create(createRegistry(), DEFAULT_LINE_OPTIONS.print, seq)!;
    const b = new Uint8Array(1024);
    expect(fast.print(SYNACK, 0, 60, SYNACK.length, 1, b, 0)).toBe(-1); // options cut by the capture
    expect(fast.print(SYNACK, 0, SYNACK.length, SYNACK.length, 113, b, 0)).toBe(-1); // another link type
    expect(seq.size).toBe(0);
  });

  it('is not used where it would print something else (-v, -e, -q, other bindings)', () => {
    const seq = new TcpSeqTable();
    for (const flags of [['-v'], ['-e'], ['-q']]) {
      expect(FastLinePrinter.create(createRegistry(), parseTcpdumpFlags(flags).opts.print, seq)).toBeNull();
    }
    const r = createRegistry();
    r.register('ethertype', 0x0800, { name: 'other', dissect: () => {} });
    expect(FastLinePrinter.create(r, DEFAULT_LINE_OPTIONS.print, seq)).toBeNull();
  });
});
