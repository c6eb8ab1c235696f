// The Node-API libpcap binding, function by function (live parts need root: skipped otherwise).
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { createNativeBackend, loadNative, parseBatch } from '../../electron/capture/native-backend.js';
import { CaptureError } from '../../electron/capture/capture-backend.js';

const native = loadNative();
const root = process.getuid?.() === 0;

describe.skipIf(!native)('native libpcap binding', () => {
  it('reports the libpcap version', () => {
    expect(native!.libVersion()).toMatch(/^libpcap version \d+\.\d+/);
  });

  it('lists adapters with flags and addresses (lo is loopback with 127.0.0.1)', () => {
    const b = createNativeBackend()!;
    const lo = b.listInterfaces().find((d) => d.name === 'lo');
    expect(lo).toBeDefined();
    expect(lo!.loopback).toBe(true);
    expect(lo!.addresses).toContain('127.0.0.1');
  });

  it('compiles filters without an adapter and returns libpcap errors', () => {
    const b = createNativeBackend()!;
    expect(b.checkFilter('tcp port 80 and host 192.0.2.1')).toBeNull();
    expect(b.checkFilter('tcp portt 80')).toMatch(/syntax error/);
    expect(native!.compileFilter(1, 262144, 'udp').ok).toBe(true);
  });

  it('parses batch buffers (record layout of native/src/capture.c)', () => {
    const buf = new ArrayBuffer(20 + 8 + 20 + 4);
    const dv = new DataView(buf);
    dv.setUint32(0, 1700000000, true);
    dv.setUint32(8, 123456789, true);
    dv.setUint32(12, 5, true);
    dv.setUint32(16, 60, true);
    new Uint8Array(buf).set([1, 2, 3, 4, 5], 20);
    dv.setUint32(28, 1, true);
    dv.setUint32(32, 1, true);
    dv.setUint32(40, 4, true);
    dv.setUint32(44, 4, true);
    const p = parseBatch(buf, 2);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatchObject({ tsSec: 1700000000, tsNsec: 123456789, caplen: 5, wirelen: 60 });
    expect([...p[0]!.data]).toEqual([1, 2, 3, 4, 5]);
    expect(p[1]).toMatchObject({ tsSec: 2 ** 32 + 1, caplen: 4 });
  });

  it('refuses an adapter that does not exist with a named reason', () => {
    const b = createNativeBackend()!;
    let err: unknown;
    try {
      b.open({ interface: 'ackline-no-such0', snaplen: 262144, promiscuous: false, immediate: true, bufferSize: 1 << 20, filter: '' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).reason).toMatch(/no-such-device|permission/);
  });

  it.skipIf(!root)('captures on lo with a filter, in batches, with nanosecond timestamps and stats', async () => {
    const b = createNativeBackend()!;
    const live = b.open({ interface: 'lo', snaplen: 262144, promiscuous: false, immediate: true, bufferSize: 4 << 20, filter: 'udp port 47911' });
    expect(live.linktype).toBe(1);
    expect(live.nanoTimestamps).toBe(true);
    const got: { len: number; ts: number }[] = [];
    const done = new Promise<void>((resolve) => {
      live.start((pkts, fin) => {
        for (const p of pkts) got.push({ len: p.wirelen, ts: p.tsSec });
        if (fin) resolve();
      });
    });
    const s = createSocket('udp4');
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 5; i++) s.send(Buffer.alloc(100 + i), 47911, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 400));
    s.close();
    const stats = live.stats();
    live.stop();
    await done;
    live.close();
    expect(got.map((g) => g.len)).toEqual([142, 143, 144, 145, 146]);
    expect(Math.abs(got[0]!.ts - Date.now() / 1000)).toBeLessThan(60);
    expect(stats.received).toBeGreaterThanOrEqual(5);
    expect(stats.droppedByKernel).toBe(0);
  });
});
