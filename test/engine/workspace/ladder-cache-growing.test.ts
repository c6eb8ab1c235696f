// The ladder cache while a flow grows: an expensive build is not redone at every request
// (a bulk flow selected during a load was rebuilt 10 times a second), a fresh one is given
// when asked for, and small flows are always exact.
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../../electron/capfile/packet-record.js';
import type { CaptureInterface, PacketRecord } from '../../../electron/capfile/types.js';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { LadderCache } from '../../../electron/engine/workspace/ladder-cache.js';
import { haveCaptures, readCapture } from '../../support/captures.js';

function packetsOf(rel: string): { ifaces: CaptureInterface[]; packets: { rec: PacketRecord; data: Uint8Array }[] } {
  const ifaces: CaptureInterface[] = [];
  const packets: { rec: PacketRecord; data: Uint8Array }[] = [];
  readCaptureBytes(readCapture(rel), { onInterface: (i) => void ifaces.push(i), onPacket: (rec, data) => void packets.push({ rec: copyPacketRecord(rec), data: data.slice() }) });
  return { ifaces, packets };
}

describe.skipIf(!haveCaptures)('LadderCache on a growing flow', () => {
  const { ifaces, packets } = packetsOf('scenarios/tcp-bulk-http.pcap');
  const start = (n: number, cost: number) => {
    const idx = new CaptureIndex();
    for (const i of ifaces) idx.addInterface(i);
    let k = 0;
    const feed = (to: number): void => {
      for (; k < to; k++) idx.add(packets[k]!.rec, packets[k]!.data);
    };
    feed(n);
    // A clock where every build takes `cost` ms (the cache reads it before and after).
    let t = 0;
    let reads = 0;
    const now = (): number => (reads++ % 2 === 0 ? t : (t += cost));
    const cache = new LadderCache(idx, now);
    return { idx, cache, feed, advance: (ms: number) => void (t += ms) };
  };
  const bulk = (idx: CaptureIndex): number => [...idx.flows.flows].sort((a, b) => b.packets[0] + b.packets[1] - (a.packets[0] + a.packets[1]))[0]!.id;

  it('an expensive build is handed out stale until 9 times its cost has passed, unless fresh is asked', () => {
    const s = start(20_000, 200);
    const id = bulk(s.idx);
    const first = s.cache.get(id, false)!;
    s.feed(30_000);
    expect(s.cache.get(id, false)).toBe(first);
    const fresh = s.cache.get(id, true)!;
    expect(fresh).not.toBe(first);
    expect(fresh.events.length).toBeGreaterThan(first.events.length);
    s.feed(40_000);
    s.advance(9 * 200);
    const later = s.cache.get(id, false)!;
    expect(later).not.toBe(fresh);
    expect(later.events.length).toBeGreaterThan(fresh.events.length);
  });

  it('a cheap build is always redone when the flow grew', () => {
    const s = start(20_000, 1);
    const id = bulk(s.idx);
    const first = s.cache.get(id, false)!;
    s.feed(21_000);
    expect(s.cache.get(id, false)!.events.length).toBeGreaterThan(first.events.length);
  });
});
