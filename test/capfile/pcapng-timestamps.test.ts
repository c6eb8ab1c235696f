// pcapng timestamps for every kind of if_tsresol (10^-n, 2^-n) and if_tsoffset, at edge
// tick values: the reader must give exact seconds and nanoseconds (checked with BigInt),
// tshark's (for up to 10^9 ticks per second: above that, tshark 4.0 loses precision) and
// tcpdump's in nanosecond mode (where libpcap's own arithmetic does not overflow).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../electron/capfile/packet-record.js';
import { PcapngWriter } from '../../electron/capfile/pcapng-writer.js';
import type { PacketRecord } from '../../electron/capfile/types.js';
import { epochText } from './corpus.js';

const haveTshark = spawnSync('tshark', ['-v']).status === 0;
const haveTcpdump = spawnSync('tcpdump', ['--version']).status === 0;

interface Iface {
  tsresol: number;
  tsOffset?: number;
}

const IFACES: Iface[] = [
  { tsresol: 6 },
  { tsresol: 9 },
  { tsresol: 0 },
  { tsresol: 3 },
  { tsresol: 7 },
  { tsresol: 12 },
  { tsresol: 19 },
  { tsresol: 0x80 },
  { tsresol: 0x80 | 10 },
  { tsresol: 0x80 | 20 },
  { tsresol: 0x80 | 29 },
  { tsresol: 0x80 | 30 },
  { tsresol: 0x80 | 32 },
  { tsresol: 0x80 | 40 },
  { tsresol: 0x80 | 63 },
  { tsresol: 6, tsOffset: 86400 },
  { tsresol: 9, tsOffset: -3600 },
];

const unitsPerSecond = (tsresol: number): bigint =>
  tsresol & 0x80 ? 1n << BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);

/** Tick values around the places where a conversion can go wrong. */
function ticksFor(r: bigint): bigint[] {
  const max = (1n << 64n) - 1n;
  const list = [0n, 1n, r - 1n, r, r + 1n, 1795238919n * r + (r * 7n) / 10n, 1795238919n * r - 1n,
    0xffffffffn, 1n << 32n, (1n << 53n) - 1n, (1n << 53n) + 1n, (1n << 63n) + 12345n, max];
  // Keep times a JavaScript number holds exactly, and that the tools print as plain epochs.
  return list.filter((t) => t >= 0n && t <= max && t / r < 1n << 40n);
}

/** An EPB with raw ticks (the writer converts from seconds, which is not what is tested). */
function epb(ifid: number, ticks: bigint): Uint8Array {
  const out = new Uint8Array(32 + 16);
  const v = new DataView(out.buffer);
  v.setUint32(0, 6, true);
  v.setUint32(4, out.length, true);
  v.setUint32(8, ifid, true);
  v.setUint32(12, Number(ticks >> 32n), true);
  v.setUint32(16, Number(ticks & 0xffffffffn), true);
  v.setUint32(20, 16, true);
  v.setUint32(24, 16, true);
  v.setUint32(out.length - 4, out.length, true);
  return out;
}

interface Expected {
  ifid: number;
  r: bigint;
  ticks: bigint;
  sec: bigint;
  nsec: bigint;
}

function build(): { file: Uint8Array; expected: Expected[] } {
  const w = new PcapngWriter();
  const parts: Uint8Array[] = [w.sectionHeader()];
  const expected: Expected[] = [];
  IFACES.forEach((iface, ifid) => {
    parts.push(w.addInterface({ linktype: 1, tsresol: iface.tsresol, tsOffset: iface.tsOffset ?? 0 }).block);
  });
  IFACES.forEach((iface, ifid) => {
    const r = unitsPerSecond(iface.tsresol);
    for (const ticks of ticksFor(r)) {
      const sec = ticks / r + BigInt(iface.tsOffset ?? 0);
      if (sec < 0n) continue;
      parts.push(epb(ifid, ticks));
      expected.push({ ifid, r, ticks, sec, nsec: ((ticks % r) * 1_000_000_000n) / r });
    }
  });
  return { file: Buffer.concat(parts), expected };
}

describe('pcapng timestamps at every resolution', () => {
  const { file, expected } = build();
  const packets: PacketRecord[] = [];
  const reader = readCaptureBytes(file, { onPacket: (rec) => void packets.push(copyPacketRecord(rec)) });
  const dir = mkdtempSync(join(tmpdir(), 'ackline-ts-'));
  const path = join(dir, 'resolutions.pcapng');
  writeFileSync(path, file);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every packet and reports each interface’s resolution and offset', () => {
    expect(reader.error).toBeNull();
    expect(packets.length).toBe(expected.length);
    expect(reader.interfaces.map((i) => [i.tsUnitsPerSecond, i.tsOffset])).toEqual(
      IFACES.map((i) => [Number(unitsPerSecond(i.tsresol)), i.tsOffset ?? 0]),
    );
  });

  it('converts ticks exactly (BigInt reference)', () => {
    const got = packets.map((p) => `${p.interfaceId} ${p.tsSec}.${p.tsNsec}`);
    expect(got).toEqual(expected.map((e) => `${e.ifid} ${e.sec}.${e.nsec}`));
  });

  it.skipIf(!haveTshark)('agrees with tshark up to 10^9 ticks per second', () => {
    const out = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.time_epoch'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.toString().trim().split('\n');
    expect(lines.length).toBe(packets.length);
    packets.forEach((p, i) => {
      if ((expected[i]?.r ?? 0n) <= 1_000_000_000n) expect(epochText(p.tsSec, p.tsNsec)).toBe(lines[i]);
    });
  });

  it.skipIf(!haveTcpdump)('agrees with tcpdump --time-stamp-precision=nano where libpcap does not overflow', () => {
    const out = execFileSync('tcpdump', ['-tt', '--time-stamp-precision=nano', '-r', path], { stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.toString().trim().split('\n');
    expect(lines.length).toBe(packets.length);
    packets.forEach((p, i) => {
      const e = expected[i];
      if (!e) throw new Error('missing');
      // libpcap scales a binary fraction as frac * 10^9 / 2^n in 64 bits.
      const binary = (e.r & (e.r - 1n)) === 0n && e.r > 1n;
      if (binary && (e.r - 1n) * 1_000_000_000n >= 1n << 64n) return;
      // tcpdump 4.99 prints seconds beyond 2^31 modulo 2^32 or as "[Error converting time]".
      if (e.sec >= 1n << 31n) return;
      expect(lines[i]?.split(' ')[0]).toBe(epochText(p.tsSec, p.tsNsec));
    });
  });
});
