// How the packet table grows while a file is indexed: sized from the file's size (a few
// percent to spare, no doubling of a big table, no copy at the end), and doubling when
// the size is unknown (a live capture, a pipe).
import { describe, expect, it } from 'vitest';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { PacketTable } from '../../../electron/engine/store/packet-table.js';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';

/** A little-endian µs pcap of `n` Ethernet/IPv4/UDP packets; packet k carries `size(k)` payload bytes. */
function pcap(n: number, size: (k: number) => number): Uint8Array {
  const parts: Uint8Array[] = [];
  const head = new DataView(new ArrayBuffer(24));
  head.setUint32(0, 0xa1b2c3d4, true);
  head.setUint16(4, 2, true);
  head.setUint16(6, 4, true);
  head.setUint32(16, 65535, true);
  head.setUint32(20, 1, true);
  parts.push(new Uint8Array(head.buffer));
  for (let k = 0; k < n; k++) {
    const len = 14 + 20 + 8 + size(k);
    const b = new Uint8Array(16 + len);
    const v = new DataView(b.buffer);
    v.setUint32(0, 1_700_000_000 + k, true);
    v.setUint32(8, len, true);
    v.setUint32(12, len, true);
    b[16 + 12] = 0x08;
    b[16 + 14] = 0x45;
    v.setUint16(16 + 16, 20 + 8 + size(k));
    b[16 + 14 + 8] = 64;
    b[16 + 14 + 9] = 17;
    v.setUint32(16 + 14 + 12, 0x0a000001);
    v.setUint32(16 + 14 + 16, 0x0a000002);
    v.setUint16(16 + 34, 1000 + (k % 50));
    v.setUint16(16 + 36, 7);
    v.setUint16(16 + 38, 8 + size(k));
    parts.push(b);
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Indexes `bytes` and records every capacity the table had. */
function index(bytes: Uint8Array, expected: number): { idx: CaptureIndex; capacities: number[] } {
  const idx = new CaptureIndex(false);
  idx.expectedBytes = expected;
  const capacities: number[] = [];
  readCaptureBytes(bytes, {
    onInterface: (i) => idx.addInterface(i),
    onPacket: (rec, data) => {
      idx.add(rec, data);
      if (capacities.at(-1) !== idx.packets.capacity) capacities.push(idx.packets.capacity);
    },
  });
  return { idx, capacities };
}

describe('packet table sizing', () => {
  it('a file of even records: one estimate at 4096 packets, within a few percent, kept at the end', () => {
    const bytes = pcap(50_000, () => 60);
    const { idx, capacities } = index(bytes, bytes.length);
    expect(capacities).toEqual([1024, 2048, 4096, capacities[3]]);
    const cap = capacities[3]!;
    expect(cap).toBeGreaterThanOrEqual(50_000);
    expect(cap).toBeLessThan(50_000 * 1.1);
    idx.packets.trim();
    expect(idx.packets.capacity).toBe(cap);
  });

  it('records that shrink later: a correction or two, not a doubling', () => {
    const bytes = pcap(40_000, (k) => (k < 10_000 ? 400 : 20));
    const { capacities } = index(bytes, bytes.length);
    expect(capacities.length).toBeLessThanOrEqual(6);
    expect(capacities.at(-1)!).toBeGreaterThanOrEqual(40_000);
    expect(capacities.at(-1)!).toBeLessThan(40_000 * 1.2);
  });

  it('records that grow later: the estimate was too large, and trim releases it', () => {
    const bytes = pcap(40_000, (k) => (k < 10_000 ? 20 : 400));
    const { idx } = index(bytes, bytes.length);
    idx.packets.trim();
    expect(idx.packets.capacity).toBe(40_000);
  });

  it('an unknown size doubles, and trim releases a half-empty table', () => {
    const bytes = pcap(5000, () => 60);
    const { idx, capacities } = index(bytes, 0);
    expect(capacities).toEqual([1024, 2048, 4096, 8192]);
    idx.packets.trim();
    expect(idx.packets.capacity).toBe(5000);
    expect(idx.packets.byteSize).toBe(5000 * PacketTable.BYTES_PER_PACKET);
  });
});
