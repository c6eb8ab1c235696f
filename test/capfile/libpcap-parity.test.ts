// Corners of libpcap 1.10.3's behaviour that the corpus does not reach, checked against the
// installed tcpdump: files are built here, tcpdump reads them, and libpcapOutcome() of our
// reader must say the same (packets printed, message, phase, "reading from file" line).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { libpcapOutcome, readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { tcpdumpReadingLine } from '../../electron/capfile/linktypes.js';
import { PcapngWriter } from '../../electron/capfile/pcapng-writer.js';

const haveTcpdump = spawnSync('tcpdump', ['--version']).status === 0;

const cat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);
const frame = (n = 60): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i < 12 ? 0xff : i));
const pkt = { tsSec: 1795238919, tsNsec: 997577000, wirelen: 60 };

/** A pcap file from raw fields: header values and [caplen, len, data length] per record. */
function pcap(opts: { magic?: number; major?: number; minor?: number; snaplen?: number; linktype?: number; le?: boolean },
  records: [number, number, number][], recHdr = 16): Uint8Array {
  const le = opts.le ?? true;
  const size = 24 + records.reduce((n, [, , d]) => n + recHdr + d, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, opts.magic ?? 0xa1b2c3d4, le);
  v.setUint16(4, opts.major ?? 2, le);
  v.setUint16(6, opts.minor ?? 4, le);
  v.setUint32(16, opts.snaplen ?? 262144, le);
  v.setUint32(20, opts.linktype ?? 1, le);
  let p = 24;
  records.forEach(([caplen, len, d], i) => {
    v.setUint32(p, 1795238919 + i, le);
    v.setUint32(p + 4, 1000 * i, le);
    v.setUint32(p + 8, caplen, le);
    v.setUint32(p + 12, len, le);
    out.set(frame(d), p + recHdr);
    p += recHdr + d;
  });
  return out;
}

/** A pcapng file from a script: each step appends blocks through one writer. */
function pcapng(script: (w: PcapngWriter, out: Uint8Array[]) => void, bigEndian = false): Uint8Array {
  const w = new PcapngWriter({ bigEndian });
  const out: Uint8Array[] = [w.sectionHeader()];
  script(w, out);
  return cat(...out);
}

/** An SPB whose block is `room` bytes of data long, for a packet of `len` bytes. */
function spb(len: number, room: number): Uint8Array {
  const out = new Uint8Array(16 + room);
  const v = new DataView(out.buffer);
  v.setUint32(0, 3, true);
  v.setUint32(4, out.length, true);
  v.setUint32(8, len, true);
  v.setUint32(out.length - 4, out.length, true);
  return out;
}

/** An EPB whose caplen field says `caplen` but holds `data` bytes. */
function epbRaw(caplen: number, data: number): Uint8Array {
  const out = new Uint8Array(32 + ((data + 3) & ~3));
  const v = new DataView(out.buffer);
  v.setUint32(0, 6, true);
  v.setUint32(4, out.length, true);
  v.setUint32(20, caplen, true);
  v.setUint32(24, caplen, true);
  v.setUint32(out.length - 4, out.length, true);
  return out;
}

/** A bare 28-byte SHB with the given byte-order magic and major version (little-endian fields). */
function shb(bom: number, major: number): Uint8Array {
  const out = new Uint8Array(28);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x0a0d0d0a, true);
  v.setUint32(4, 28, true);
  v.setUint32(8, bom, true);
  v.setUint16(12, major, true);
  v.setInt32(16, -1, true);
  v.setInt32(20, -1, true);
  v.setUint32(24, 28, true);
  return out;
}

const oneSection = (): Uint8Array =>
  pcapng((w, o) => {
    o.push(w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()));
  });

const CASES: Record<string, Uint8Array> = {
  'pcapng-second-shb-bad-magic.pcapng': cat(oneSection(), shb(0x12345678, 1), oneSection()),
  'pcapng-second-shb-major-2.pcapng': cat(oneSection(), shb(0x1a2b3c4d, 2), oneSection()),
  'pcapng-second-section-other-snaplen.pcapng': cat(
    oneSection(),
    pcapng((w, o) => {
      o.push(w.addInterface({ linktype: 1, snaplen: 128 }).block, w.packet(0, pkt, frame()));
    }),
  ),
  'pcapng-byte-order-change.pcapng': cat(
    pcapng((w, o) => {
      o.push(w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()));
    }),
    pcapng((w, o) => {
      o.push(w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()));
    }, true),
  ),
  'pcapng-second-idb-other-type.pcapng': pcapng((w, o) => {
    o.push(w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()));
    o.push(w.addInterface({ linktype: 113 }).block, w.packet(1, pkt, frame()), w.packet(0, pkt, frame()));
  }),
  'pcapng-two-raw-idbs.pcapng': pcapng((w, o) => {
    o.push(w.addInterface({ linktype: 101 }).block, w.packet(0, pkt, frame()));
    o.push(w.addInterface({ linktype: 101 }).block, w.packet(1, pkt, frame()));
  }),
  'pcapng-snaplen-0-and-max.pcapng': pcapng((w, o) => {
    o.push(w.addInterface({ linktype: 1, snaplen: 0 }).block, w.addInterface({ linktype: 1, snaplen: 262144 }).block);
    o.push(w.packet(1, pkt, frame()), w.packet(0, pkt, frame()));
  }),
  'pcapng-spb-in-section-without-idb.pcapng': cat(
    pcapng((w, o) => {
      o.push(w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()));
    }),
    pcapng((_w, o) => {
      o.push(spb(60, 60));
    }),
  ),
  'pcapng-caplen-over-snaplen.pcapng': pcapng((w, o) => {
    o.push(w.addInterface({ linktype: 1, snaplen: 96 }).block, w.packet(0, pkt, frame()));
    o.push(w.packet(0, { ...pkt, wirelen: 200 }, frame(200)));
  }),
  'pcapng-caplen-over-max.pcapng': pcapng((w, o) => {
    o.push(w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()), epbRaw(300000, 16));
  }),
  'pcapng-spb-short-block.pcapng': pcapng((w, o) => {
    o.push(w.addInterface({ linktype: 1 }).block, spb(60, 60), spb(100, 40), spb(60, 60));
  }),
  'pcapng-blocks-before-idb.pcapng': pcapng((w, o) => {
    o.push(w.names([{ address: '192.0.2.1', names: ['a.example'] }]), new Uint8Array([0xad, 0x0b, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0]));
    o.push(w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()));
  }),
  'pcapng-version-1.2.pcapng': (() => {
    const w = new PcapngWriter({ versionMinor: 2 });
    return cat(w.sectionHeader(), w.addInterface({ linktype: 1 }).block, w.packet(0, pkt, frame()));
  })(),
  'pcap-kuznetzov.pcap': pcap({ magic: 0xa1b2cd34 }, [[60, 60, 60], [42, 60, 42]], 24),
  'pcap-version-2.3-swapped.pcap': pcap({ minor: 3 }, [[60, 42, 42], [42, 60, 42]]),
  'pcap-version-2.2.pcap': pcap({ minor: 2 }, [[60, 42, 42], [60, 60, 60]]),
  'pcap-543.0.pcap': pcap({ major: 543, minor: 0 }, [[60, 42, 42]]),
  'pcap-snaplen-over-int-max.pcap': pcap({ snaplen: 0x80000000 }, [[60, 60, 60]]),
  'pcap-raw-linktype-101.pcap': pcap({ linktype: 101 }, [[60, 60, 60]]),
  'pcap-fcs-bits.pcap': pcap({ linktype: 0x14000001 }, [[60, 60, 60]]),
  'pcap-clipped-cut-in-snapshot.pcap': pcap({ snaplen: 64 }, [[60, 60, 60], [100, 100, 100]]).subarray(0, 24 + 76 + 16 + 30),
  'pcap-clipped-cut-after-snapshot.pcap': pcap({ snaplen: 64 }, [[60, 60, 60], [100, 100, 100]]).subarray(0, 24 + 76 + 16 + 80),
  'pcap-dbus-large.pcap': pcap({ linktype: 231, snaplen: 0 }, [[300000, 300000, 300000]]),
};

describe.skipIf(!haveTcpdump)('libpcap corners agree with the installed tcpdump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ackline-parity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.keys(CASES))('%s', (name) => {
    const bytes = CASES[name];
    if (!bytes) throw new Error(name);
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const run = spawnSync('tcpdump', ['-n', '-r', name], { cwd: dir, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const printed = run.stdout.split('\n').filter((l) => l && !l.startsWith('\t')).length;
    const stderr = run.stderr.split('\n');
    const reading = stderr.find((l) => l.startsWith('reading from file ')) ?? null;
    const err = stderr.find((l) => l.startsWith('tcpdump: ')) ?? null;

    let magic: number | undefined;
    const reader = readCaptureBytes(bytes, { onPacket: () => {}, onHeader: (_f, info) => void (magic = info.pcapHeader?.magic) });
    expect(reader.error?.kind).not.toBe('internal');
    const outcome = libpcapOutcome(reader);
    expect(outcome.packets, 'packets printed').toBe(printed);
    expect(outcome.stop?.message ?? null).toBe(err?.replace(/^tcpdump: (pcap_loop: )?/, '') ?? null);
    if (err) expect(outcome.stop?.phase === 'loop').toBe(err.startsWith('tcpdump: pcap_loop: '));
    // Asked to stop where libpcap stops, the reader itself ends there, with the same words.
    let strictPackets = 0;
    const strict = readCaptureBytes(bytes, { onPacket: () => void strictPackets++ }, { stopWhereLibpcapStops: true });
    expect(strictPackets, 'packets delivered when stopping where libpcap stops').toBe(printed);
    expect(strict.error?.message ?? null).toBe(outcome.stop?.message ?? null);
    expect(strict.error?.phase ?? null).toBe(outcome.stop?.phase ?? null);
    const first = reader.interfaces[0];
    if (reading) {
      expect(first).toBeDefined();
      if (first) expect(tcpdumpReadingLine(basename(path), first.linktype, first.snaplen, magic)).toBe(reading);
    } else expect(outcome.stop?.phase).toBe('open');
  });
});
