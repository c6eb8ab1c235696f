// The reader's hot path allocates nothing per packet: one record object is handed to the
// sink for every packet, and a sink that takes (buffer, offset) gets no view at all.
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../electron/capfile/packet-record.js';
import type { PacketRecord } from '../../electron/capfile/types.js';
import { readdirSync } from 'node:fs';
import { capturePath, haveCaptures, readCapture } from '../support/captures.js';

const FILES = ['scenarios/icmp-ping.pcap', 'scenarios/any-mixed-sll.pcapng', 'scenarios/tcp-http-curl.pcapng'];
// Every block type (EPB, SPB, obsolete PB), options, comments, several sections and both byte orders.
const SUITE = haveCaptures
  ? ['le', 'be'].flatMap((dir) => {
      const rel = `pcapng-suite/pcapng-test-generator/${dir}`;
      return readdirSync(capturePath(rel)).filter((f) => f.endsWith('.pcapng')).map((f) => `${rel}/${f}`);
    })
  : [];

/** Every packet as (record copy, bytes in hex), through onPacket or through onPacketAt. */
function packets(bytes: Uint8Array, at: boolean): { rec: PacketRecord; hex: string }[] {
  const out: { rec: PacketRecord; hex: string }[] = [];
  const seen = new Set<PacketRecord>();
  const keep = (rec: PacketRecord, data: Uint8Array): void => {
    seen.add(rec);
    out.push({ rec: copyPacketRecord(rec), hex: Buffer.from(data).toString('hex') });
  };
  readCaptureBytes(
    bytes,
    at
      ? {
          onPacket: () => {
            throw new Error('onPacket must not be called when onPacketAt is given');
          },
          onPacketAt: (rec, buf, start) => keep(rec, buf.subarray(start, start + rec.caplen)),
        }
      : { onPacket: keep },
  );
  expect(seen.size).toBeLessThanOrEqual(1);
  return out;
}

describe.skipIf(!haveCaptures)('capture reader without per-packet allocation', () => {
  it.each(FILES)('hands the same record object for every packet of %s, filled anew each time', (rel) => {
    const seen = new Set<PacketRecord>();
    const numbers: number[] = [];
    const r = readCaptureBytes(readCapture(rel), {
      onPacket: (rec) => {
        seen.add(rec);
        numbers.push(rec.number);
      },
    });
    expect(r.error).toBeNull();
    expect(numbers.length).toBeGreaterThan(5);
    expect(seen.size).toBe(1);
    expect(numbers).toEqual(numbers.map((_, k) => k + 1));
  });

  it.each(FILES)('gives onPacketAt the chunk and an offset: the same bytes and records as onPacket (%s)', (rel) => {
    const bytes = readCapture(rel);
    const viaView: { rec: PacketRecord; hex: string }[] = [];
    readCaptureBytes(bytes, { onPacket: (rec, data) => void viaView.push({ rec: copyPacketRecord(rec), hex: Buffer.from(data).toString('hex') }) });
    const viaOffset: { rec: PacketRecord; hex: string }[] = [];
    const buffers = new Set<Uint8Array>();
    readCaptureBytes(bytes, {
      onPacket: () => {
        throw new Error('onPacket must not be called when onPacketAt is given');
      },
      onPacketAt: (rec, buf, start) => {
        buffers.add(buf);
        viaOffset.push({ rec: copyPacketRecord(rec), hex: Buffer.from(buf.subarray(start, start + rec.caplen)).toString('hex') });
      },
    });
    expect(viaOffset).toEqual(viaView);
    // One buffer pushed whole: no per-packet views were made.
    expect([...buffers]).toEqual([bytes]);
  });

  it('delivers the same records and bytes both ways for every file of the pcapng test suite', () => {
    expect(SUITE.length).toBeGreaterThan(20);
    const all: PacketRecord[] = [];
    for (const rel of SUITE) {
      const bytes = readCapture(rel);
      const viaView = packets(bytes, false);
      expect(packets(bytes, true), rel).toEqual(viaView);
      all.push(...viaView.map((p) => p.rec));
    }
    expect(all.length).toBeGreaterThan(50);
    // The suite does exercise the SPB path and packets with comments.
    expect(all.some((r) => r.blockType === 3)).toBe(true);
    expect(all.some((r) => (r.comments?.length ?? 0) > 0)).toBe(true);
  });

  it('copyPacketRecord keeps every field, pcapng comments and flags included, and is independent of the reused record', () => {
    const kept: PacketRecord[] = [];
    let last: PacketRecord | undefined;
    readCaptureBytes(readCapture('scenarios/any-mixed-sll.pcapng'), {
      onPacket: (rec) => {
        kept.push(copyPacketRecord(rec));
        last = rec;
      },
    });
    expect(kept.length).toBeGreaterThan(1);
    expect(kept[0]!.number).toBe(1);
    expect(kept.at(-1)).toEqual({ ...last });
    expect(kept[0]).not.toBe(last);
  });
});
