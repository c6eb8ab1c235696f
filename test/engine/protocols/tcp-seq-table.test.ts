// TcpSeqTable: tcpdump's relative-sequence table keyed by the address and port bytes.
import { describe, expect, it } from 'vitest';
import { TcpSeqTable, type SeqEntry } from '../../../electron/engine/protocols/tcp-seq-table.js';

const v4 = (n: number): Uint8Array => Uint8Array.of(10, (n >> 16) & 255, (n >> 8) & 255, n & 255);
const v6 = (n: number): Uint8Array => Uint8Array.of(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, (n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);

describe('TcpSeqTable', () => {
  it('finds what was added under the same tuple only', () => {
    const t = new TcpSeqTable();
    t.setKey(4, v4(1), 0, v4(2), 0, 40000, 80);
    expect(t.find()).toBeUndefined();
    const e: SeqEntry = { seq: 1, ack: 2, fresh: true };
    t.add(e);
    t.setKey(4, v4(1), 0, v4(2), 0, 40000, 80);
    expect(t.find()).toBe(e);
    // Swapped addresses or ports, another port, another version: other tuples.
    for (const [a, b, pa, pb] of [[2, 1, 40000, 80], [1, 2, 80, 40000], [1, 2, 40001, 80]] as const) {
      t.setKey(4, v4(a), 0, v4(b), 0, pa, pb);
      expect(t.find()).toBeUndefined();
    }
    // An IPv6 address whose first word equals an IPv4 address is not that address.
    const a6 = new Uint8Array(16);
    a6.set(v4(1));
    const b6 = new Uint8Array(16);
    b6.set(v4(2));
    t.setKey(6, a6, 0, b6, 0, 40000, 80);
    expect(t.find()).toBeUndefined();
  });

  it('reads keys at offsets inside a frame', () => {
    const t = new TcpSeqTable();
    const frame = new Uint8Array(40);
    frame.set(v4(7), 26);
    frame.set(v4(8), 30);
    t.setKey(4, frame, 26, frame, 30, 1, 2);
    const e = { seq: 0, ack: 0, fresh: true };
    t.add(e);
    t.setKey(4, v4(7), 0, v4(8), 0, 1, 2);
    expect(t.find()).toBe(e);
  });

  it('keeps every entry through growth, for IPv4 and IPv6 tuples', () => {
    const t = new TcpSeqTable();
    const entries: SeqEntry[] = [];
    for (let i = 0; i < 30000; i++) {
      const e = { seq: i, ack: -i, fresh: false };
      entries.push(e);
      if (i % 3 === 0) t.setKey(6, v6(i), 0, v6(i + 1), 0, i & 0xffff, 443);
      else t.setKey(4, v4(i >> 4), 0, v4(99), 0, 1024 + (i & 15), 80);
      expect(t.find()).toBeUndefined();
      t.add(e);
    }
    expect(t.size).toBe(30000);
    for (let i = 0; i < 30000; i++) {
      if (i % 3 === 0) t.setKey(6, v6(i), 0, v6(i + 1), 0, i & 0xffff, 443);
      else t.setKey(4, v4(i >> 4), 0, v4(99), 0, 1024 + (i & 15), 80);
      expect(t.find()).toBe(entries[i]);
    }
  });
});
