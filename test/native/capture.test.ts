// The binding's entry points (native/src/capture.c): a closed handle is refused by every
// one of them with the same clear error (never a freed pointer), closing is idempotent and
// stops a running capture first, and open() options out of range are refused or clamped
// instead of being truncated to a C int. Live parts need root (capture on lo).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ADDON_PATH, addon, canCapture, collector, freshPort, numberedPayloads, openLo, sendUdp, sleep, udpPayload, type Addon } from './addon.js';

const a = addon as Addon;

/** Resolves with the promise, or rejects if it takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms))]);
}

describe.skipIf(!addon)('capture entry points without an adapter', () => {
  it('refuses something that is not a capture handle', () => {
    expect(() => a.stats({})).toThrow(/not a capture handle/);
    expect(() => a.close(42 as unknown as object)).toThrow(/not a capture handle/);
  });

  it.each([
    [{ snaplen: -1 }, /^snaplen must be/],
    [{ snaplen: 1.5 }, /^snaplen must be/],
    [{ snaplen: Number.NaN }, /^snaplen must be/],
    [{ snaplen: '100' }, /^snaplen must be a number$/],
    [{ bufferSize: 2 ** 32 + 4096 }, /^bufferSize must be/],
    [{ bufferSize: 2 ** 31 }, /^bufferSize must be/],
    [{ bufferSize: 0 }, /^bufferSize must be/],
    [{ bufferSize: Infinity }, /^bufferSize must be/],
    [{ timeoutMs: -1 }, /^timeoutMs must be/],
    [{ timeoutMs: 2 ** 32 }, /^timeoutMs must be/],
  ])('refuses open(%j) with a one-line error naming the option', (opts, msg) => {
    let err: unknown;
    try {
      a.open('lo', opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe.skipIf(!canCapture)('capture handles on lo', () => {
  const calls: [string, (h: object) => unknown][] = [
    ['setFilter', (h) => a.setFilter(h, 'udp')],
    ['stats', (h) => a.stats(h)],
    ['info', (h) => a.info(h)],
    ['start', (h) => a.start(h, () => undefined)],
    ['stop', (h) => a.stop(h)],
  ];

  it.each(calls)('%s after close throws "capture handle is closed"', (_name, call) => {
    const h = openLo(a, freshPort());
    a.close(h);
    expect(() => call(h)).toThrow(/^capture handle is closed$/);
  });

  it.each(calls)('%s after a capture was closed throws "capture handle is closed"', async (_name, call) => {
    const h = openLo(a, freshPort());
    const c = collector();
    a.start(h, c.cb);
    await sleep(50);
    a.close(h);
    await within(c.done, 2000, 'done');
    expect(() => call(h)).toThrow(/^capture handle is closed$/);
  });

  it('closing twice (and after a capture) is harmless', async () => {
    const h = openLo(a, freshPort());
    a.close(h);
    expect(() => a.close(h)).not.toThrow();
    const h2 = openLo(a, freshPort());
    const c = collector();
    a.start(h2, c.cb);
    a.stop(h2);
    await within(c.done, 2000, 'done');
    a.close(h2);
    expect(() => a.close(h2)).not.toThrow();
    expect(c.dones).toBe(1);
  });

  it('close during a capture stops and joins the thread first: every packet, then one done', async () => {
    const port = freshPort();
    const h = openLo(a, port);
    const c = collector();
    a.start(h, c.cb);
    await sleep(50);
    await sendUdp(port, numberedPayloads(Array.from({ length: 20 }, () => 100)));
    await sleep(300);
    a.close(h); // no stop() first
    await within(c.done, 2000, 'done');
    await sleep(100);
    expect(c.dones).toBe(1);
    expect(c.records.map((r) => new DataView(udpPayload(r).buffer, udpPayload(r).byteOffset).getUint32(0))).toEqual([...Array(20).keys()]);
  });

  it('close from inside the batch callback ends the capture with one done', async () => {
    const port = freshPort();
    const h = openLo(a, port);
    const c = collector();
    a.start(h, (buf, count, done, error) => {
      c.cb(buf, count, done, error);
      if (!done) a.close(h);
    });
    await sleep(50);
    await sendUdp(port, numberedPayloads([64, 64, 64]));
    await within(c.done, 2000, 'done');
    await sleep(100);
    expect(c.dones).toBe(1);
    expect(c.records.length).toBeGreaterThanOrEqual(1);
  });

  it('close while JS is too busy to take batches still delivers done (the queue is full)', async () => {
    const port = freshPort();
    const h = openLo(a, port, { immediate: true });
    const c = collector();
    a.start(h, c.cb);
    await sleep(50);
    // The JS thread is blocked while another process sends: the capture thread fills the
    // queue of batches for JS and waits. Close right away, before JS takes anything.
    const send = `const s=require('dgram').createSocket('udp4');let i=0;const go=()=>{if(i++<3000)s.send(Buffer.alloc(32),${port},'127.0.0.1',go);else s.close()};go()`;
    expect(spawnSync(process.execPath, ['-e', send]).status).toBe(0);
    a.close(h);
    await within(c.done, 3000, 'done');
    await sleep(100);
    expect(c.dones).toBe(1);
    expect(c.records.length).toBeGreaterThan(0);
  });

  it('close wakes a capture waiting with no timeout (timeoutMs 0) at once', async () => {
    const h = openLo(a, freshPort(), { timeoutMs: 0, immediate: false });
    const c = collector();
    a.start(h, c.cb);
    await sleep(50);
    const t0 = performance.now();
    a.close(h);
    expect(performance.now() - t0).toBeLessThan(500);
    await within(c.done, 2000, 'done');
  });

  it('a handle collected while capturing stops its thread, ends with done, and frees nothing twice', () => {
    // In a process of its own, with the collector at hand: the JS object goes, the capture with it.
    const script = `
      const m = require(${JSON.stringify(ADDON_PATH)});
      let h = m.open('lo', { snaplen: 65535, promisc: false, bufferSize: 1 << 20 });
      m.setFilter(h, 'udp dst port ${freshPort()}');
      let dones = 0;
      m.start(h, (buf, count, done) => { if (done) dones++; });
      h = null;
      setTimeout(() => { globalThis.gc(); setTimeout(() => { globalThis.gc(); setTimeout(() => { console.log('dones ' + dones); }, 300); }, 50); }, 50);`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('dones 1');
  });

  it('refuses to change the filter while capturing (the capture thread reads it)', async () => {
    const h = openLo(a, freshPort());
    const c = collector();
    a.start(h, c.cb);
    expect(() => a.setFilter(h, 'tcp')).toThrow(/^cannot change the filter while capturing$/);
    expect(() => a.start(h, c.cb)).toThrow(/^capture already started$/);
    a.close(h);
    await within(c.done, 2000, 'done');
  });

  it('clamps snaplen as libpcap and tcpdump do (0 or too large: 262144), never truncating it', () => {
    for (const [asked, got] of [
      [2 ** 32 + 100, 262144],
      [2 ** 40, 262144],
      [0, 262144],
      [300000, 262144],
      [1500, 1500],
    ] as const) {
      const h = a.open('lo', { snaplen: asked, promisc: false, bufferSize: 1 << 20 });
      expect(a.info(h).snaplen, `snaplen ${asked}`).toBe(got);
      a.close(h);
    }
  });

  it('stats report packets the binding itself dropped (none here)', async () => {
    const port = freshPort();
    const h = openLo(a, port);
    const c = collector();
    a.start(h, c.cb);
    await sleep(50);
    await sendUdp(port, numberedPayloads([10, 20, 30]));
    await sleep(300);
    a.stop(h);
    await within(c.done, 2000, 'done');
    const s = a.stats(h);
    a.close(h);
    expect(c.records).toHaveLength(3);
    // (received counts each packet twice on lo: libpcap sees it sent and received.)
    expect(s).toMatchObject({ droppedByKernel: 0, droppedByApplication: 0 });
    expect(s.received).toBeGreaterThanOrEqual(3);
  });
});
