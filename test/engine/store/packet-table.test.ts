// How the packet table grows while a file is indexed: one fixed-size chunk per column at a
// time, never a copy or a trim, so memory is linear in packets whatever the file's size;
// and every value reads back as written, the rare wide ones included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, chunksFor } from '../../../electron/engine/store/chunked-column.js';
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
    v.setUint32(4, k % 1_000_000, true);
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
function index(bytes: Uint8Array): { idx: CaptureIndex; capacities: number[]; offsets: number[] } {
  const idx = new CaptureIndex(false);
  const capacities: number[] = [];
  const offsets: number[] = [];
  readCaptureBytes(bytes, {
    onInterface: (i) => idx.addInterface(i),
    onPacket: (rec, data) => {
      idx.add(rec, data);
      offsets.push(rec.dataOffset);
      if (capacities.at(-1) !== idx.packets.capacity) capacities.push(idx.packets.capacity);
    },
  });
  return { idx, capacities, offsets };
}

describe('packet table growth', () => {
  it('grows one chunk at a time, never doubles: memory is linear in packets', () => {
    const n = 3 * CHUNK_ROWS + 100;
    const { idx, capacities } = index(pcap(n, (k) => (k < 1000 ? 400 : 20)));
    expect(capacities).toEqual([1, 2, 3, 4].map((c) => c * CHUNK_ROWS));
    expect(idx.packets.length).toBe(n);
    expect(idx.packets.byteSize).toBe(chunksFor(n) * CHUNK_ROWS * PacketTable.BYTES_PER_PACKET);
    expect(PacketTable.BYTES_PER_PACKET).toBeLessThanOrEqual(52);
  });

  it('a small file holds one chunk', () => {
    const { idx } = index(pcap(10, () => 60));
    expect(idx.packets.capacity).toBe(CHUNK_ROWS);
  });

  it('every row reads back its record across chunk boundaries', () => {
    const n = 2 * CHUNK_ROWS + 7;
    const size = (k: number): number => (k * 37) % 300;
    const { idx, offsets } = index(pcap(n, size));
    const t = idx.packets;
    for (let k = 0; k < n; k++) {
      const len = 14 + 20 + 8 + size(k);
      if (t.dataOffset.get(k) !== offsets[k] || t.caplen.get(k) !== len || t.wirelen.get(k) !== len || t.payloadLength.get(k) !== size(k)) throw new Error(`row ${k}`);
      if (t.sec(k) !== 1_700_000_000 + k || t.nsec(k) !== (k % 1_000_000) * 1000 || t.sport.get(k) !== 1000 + (k % 50) || t.dport.get(k) !== 7) throw new Error(`row ${k}`);
      if (t.ipProto.get(k) !== 17 || t.etherType.get(k) !== 0x0800 || t.flow.get(k) === 0) throw new Error(`row ${k}`);
    }
  });
});

describe('packet table values', () => {
  // Each narrow column against a plain array, through any order of writes and rewrites.
  const rows = 2 * CHUNK_ROWS + 3;
  const row = fc.integer({ min: 0, max: rows - 1 });
  const table = (): PacketTable => {
    const t = new PacketTable();
    while (t.length < rows) t.add();
    return t;
  };

  it('lengths: 16-bit rows, 64 KiB and more kept aside', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(row, fc.oneof(fc.integer({ min: 0, max: 0xffff + 2 }), fc.integer({ min: 0, max: 0xffffffff }))), { maxLength: 200 }), (writes) => {
        const t = table();
        const model = new Map<number, number>();
        for (const [i, v] of writes) {
          t.caplen.set(i, v);
          model.set(i, v);
        }
        for (const [i, v] of model) expect(t.caplen.get(i)).toBe(v);
        expect(t.caplen.get(rows - 1)).toBe(model.get(rows - 1) ?? 0);
      }),
    );
  });

  it('file offsets: 32-bit distances from the chunk base, any value up to 2^53 kept', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(row, fc.oneof(fc.integer({ min: 0, max: 1 << 30 }), fc.maxSafeNat())), { minLength: 1, maxLength: 200 }), (writes) => {
        const t = table();
        const model = new Map<number, number>();
        for (const [i, v] of writes) {
          t.dataOffset.set(i, v);
          model.set(i, v);
        }
        for (const [i, v] of model) expect(t.dataOffset.get(i)).toBe(v);
      }),
    );
  });

  it('a file past 4 GiB: offsets beyond 2^32 in one chunk', () => {
    const t = table();
    const base = 5 * 2 ** 32 + 123;
    for (let i = 0; i < rows; i++) t.dataOffset.set(i, base + i * 70_000);
    for (let i = 0; i < rows; i++) expect(t.dataOffset.get(i)).toBe(base + i * 70_000);
  });

  it('a row past the table (a stale request) reads 0, not an exception', () => {
    const t = table();
    for (const i of [rows + CHUNK_ROWS * 5, -1, 0, rows - 1]) expect([t.seq.get(i), t.caplen.get(i), t.dataOffset.get(i), t.ipProto.get(i), t.window.get(i)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('row writes (addRecord, setNetwork, setTcp) in the last chunk and in an earlier one', () => {
    const t = new PacketTable();
    const rows: number[] = [];
    for (let k = 0; k < CHUNK_ROWS + 2; k++) rows.push(t.addRecord(k * 100, 1_700_000_000 + k, k, 60, 70_000 + k, k & 3));
    for (const i of [0, 5, CHUNK_ROWS - 1, CHUNK_ROWS, CHUNK_ROWS + 1]) {
      t.setNetwork(i, 0x86dd, 6, i + 1, i + 2, 40000 + (i & 0xff), 443);
      t.setTcp(i, 0xfffffff0 - i, i, 0x18, 65535, 70_000 + i);
    }
    for (const i of [0, 5, CHUNK_ROWS - 1, CHUNK_ROWS, CHUNK_ROWS + 1]) {
      expect([t.dataOffset.get(i), t.sec(i), t.nsec(i), t.caplen.get(i), t.wirelen.get(i), t.iface.get(i)]).toEqual([i * 100, 1_700_000_000 + i, i, 60, 70_000 + i, i & 3]);
      expect([t.etherType.get(i), t.ipProto.get(i), t.src.get(i), t.dst.get(i), t.sport.get(i), t.dport.get(i)]).toEqual([0x86dd, 6, i + 1, i + 2, 40000 + (i & 0xff), 443]);
      expect([t.seq.get(i), t.ack.get(i), t.tcpFlags.get(i), t.window.get(i), t.payloadLength.get(i)]).toEqual([0xfffffff0 - i, i, 0x18, 65535, 70_000 + i]);
    }
    expect(rows.at(-1)).toBe(CHUNK_ROWS + 1);
  });

  it('times outside 32 bits', () => {
    const t = table();
    t.setTime(CHUNK_ROWS + 1, -5, 7);
    t.setTime(2, 2 ** 33, 2 ** 32 + 1);
    t.setTime(3, 1_700_000_000, 999_999_999);
    expect([t.sec(CHUNK_ROWS + 1), t.nsec(CHUNK_ROWS + 1), t.sec(2), t.nsec(2), t.sec(3), t.nsec(3)]).toEqual([-5, 7, 2 ** 33, 2 ** 32 + 1, 1_700_000_000, 999_999_999]);
  });
});

describe('packet table memory', () => {
  it('holds its chunks and a few bytes per chunk, whatever the number of chunks', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const before = process.memoryUsage().arrayBuffers;
    const t = new PacketTable();
    const chunks = 40;
    for (let k = 0; k < chunks * CHUNK_ROWS; k++) t.dataOffset.set(t.add(), k * 60);
    gc?.();
    const held = process.memoryUsage().arrayBuffers - before;
    expect(held).toBeLessThan(t.byteSize * 1.05);
    expect(t.dataOffset.get(chunks * CHUNK_ROWS - 1)).toBe((chunks * CHUNK_ROWS - 1) * 60);
  });
});
