// Reading a pcap file and writing it back with the header fields the reader reported gives
// the same bytes, whatever the byte order, magic or link-type field.

import { describe, expect, it } from 'vitest';
import { PcapWriter, pcapWriterOptionsFromInfo } from '../../electron/capfile/pcap-writer.js';
import type { FileInfo, PacketRecord } from '../../electron/capfile/types.js';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../electron/capfile/packet-record.js';
import { haveCorpus, listCaptures, loadCapture } from './corpus.js';

function rewrite(bytes: Uint8Array, batched: boolean): Uint8Array {
  let writer: PcapWriter | null = null;
  const chunks: Uint8Array[] = [];
  const recs: PacketRecord[] = [];
  const datas: Uint8Array[] = [];
  const reader = readCaptureBytes(bytes, {
    onHeader: (_f, info: FileInfo) => {
      const opts = pcapWriterOptionsFromInfo(info);
      if (!opts) throw new Error('not pcap');
      writer = new PcapWriter(opts);
      chunks.push(writer.header());
    },
    onPacket: (rec, clippedData) => {
      if (!writer) throw new Error('no header');
      // A record longer than the snapshot length is handed out clipped, as libpcap does; the
      // bytes it stores are still at dataOffset (what a random-access host would re-read).
      const data = rec.fileCaplen === undefined ? clippedData : bytes.subarray(rec.dataOffset, rec.dataOffset + rec.fileCaplen);
      if (batched) {
        recs.push(copyPacketRecord(rec));
        datas.push(data.slice());
      } else chunks.push(writer.packet(rec, data));
    },
  });
  expect(reader.error).toBeNull();
  const w = writer as PcapWriter | null;
  if (batched && w) chunks.push(w.packets(recs, datas));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const PCAPS = listCaptures('scenarios', 'formats', 'tcpdump-suite').filter(
  (f) => f.endsWith('.pcap') && !f.includes('tcp-bulk-http'),
);

describe.skipIf(!haveCorpus)('pcap round trip is byte-identical', () => {
  it('covers every scenario', () => {
    expect(PCAPS.filter((f) => f.startsWith('scenarios/')).length).toBe(27);
  });

  it.each(PCAPS)('%s', (rel) => {
    const bytes = loadCapture(rel);
    expect(Buffer.from(rewrite(bytes, false)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(rewrite(bytes, true)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('PcapWriter', () => {
  it('writes defaults: little-endian µs 2.4, snaplen 262144', () => {
    const w = new PcapWriter({ linktype: 1 });
    expect(Array.from(w.header())).toEqual([
      0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0,
    ]);
    const rec = w.packet({ tsSec: 1795238919, tsNsec: 997577123, wirelen: 60 }, Uint8Array.of(1, 2, 3));
    const v = new DataView(rec.buffer);
    expect([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true)]).toEqual([
      1795238919, 997577, 3, 60,
    ]);
  });

  // Found by the engine fuzzer: a 2.0 header re-written as it was read, but its records in
  // the 2.4 order, so the copy read back as other lengths (and cut short).
  it.each([
    [2, 0],
    [2, 2],
    [543, 0],
    [2, 3],
    [2, 4],
  ])('writes records that version %i.%i reads back with the same lengths', (versionMajor, versionMinor) => {
    const w = new PcapWriter({ linktype: 1, versionMajor, versionMinor });
    const file = new Uint8Array([...w.header(), ...w.packet({ tsSec: 1, tsNsec: 0, wirelen: 60 }, new Uint8Array(42)), ...w.packet({ tsSec: 2, tsNsec: 0, wirelen: 60 }, new Uint8Array(60))]);
    const got: PacketRecord[] = [];
    const r = readCaptureBytes(file, { onPacket: (rec) => void got.push(copyPacketRecord(rec)) });
    expect(r.error).toBeNull();
    expect(got.map((p) => [p.caplen, p.wirelen])).toEqual([
      [42, 60],
      [60, 60],
    ]);
  });

  it('writes nanoseconds big-endian and reads them back exactly', () => {
    const w = new PcapWriter({ linktype: 113, nanoseconds: true, bigEndian: true, snaplen: 96 });
    const file = new Uint8Array([...w.header(), ...w.packet({ tsSec: 4294967295, tsNsec: 999999999, wirelen: 9 }, new Uint8Array(4))]);
    const got: PacketRecord[] = [];
    const r = readCaptureBytes(file, { onPacket: (rec) => void got.push(copyPacketRecord(rec)) });
    expect(r.error).toBeNull();
    expect(r.interfaces[0]).toMatchObject({ linktype: 113, snaplen: 96, tsUnitsPerSecond: 1e9, nanoPrecision: true });
    expect(got[0]).toMatchObject({ tsSec: 4294967295, tsNsec: 999999999, caplen: 4, wirelen: 9 });
  });
});
