// How the binding packs packets into batches and hands them to JS (native/src/capture-thread.c):
// a batch has a size cap (a burst arrives in several batches, none lost), batches copied
// into JS-owned buffers (what Electron's memory cage requires) are identical to external
// ones, and when memory runs out the packets are counted as dropped and done still comes.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addon, canCapture, CaptureChild, collector, freshPort, numberedPayloads, openLo, sendUdp, sleep, udpPayload, type Addon, type Rec } from './addon.js';

const a = addon as Addon;
/** The largest batch the binding hands over (BATCH_MAX in native/src/capture.h). */
const BATCH_MAX = 4 << 20;

const seqOf = (r: Rec): number => {
  const p = udpPayload(r);
  return new DataView(p.buffer, p.byteOffset).getUint32(0);
};

describe.skipIf(!canCapture)('batches', () => {
  it(`never hands over more than ${BATCH_MAX} bytes at once: a burst comes in full batches, in order`, async () => {
    const port = freshPort();
    // Not immediate (TPACKET_V3 blocks), a 64 MiB ring: one dispatch round can find far more than a batch holds.
    const h = openLo(a, port, { immediate: false, bufferSize: 64 << 20 });
    const c = collector();
    a.start(h, c.cb);
    await sleep(50);
    // 1500 datagrams of 60000 bytes (90 MB) sent while this thread is blocked: the binding's
    // queue to JS fills and the rest waits in the ring, to be taken in one round afterwards.
    const send = `const s=require('dgram').createSocket('udp4');const b=Buffer.alloc(60000);let i=0;const go=()=>{if(i<1500){b.writeUInt32BE(i++);s.send(b,${port},'127.0.0.1',go)}else s.close()};go()`;
    expect(spawnSync(process.execPath, ['-e', send]).status).toBe(0);
    await sleep(500);
    a.stop(h);
    await c.done;
    const s = a.stats(h);
    a.close(h);
    const sizes = c.batches.map((b) => b.bytes);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BATCH_MAX);
    expect(Math.max(...sizes)).toBeGreaterThan(BATCH_MAX - 60100); // filled up to the cap, then handed over
    const seqs = c.records.map(seqOf);
    expect(seqs.every((q, i) => i === 0 || q > seqs[i - 1]!)).toBe(true);
    expect(c.records.every((r) => r.caplen === 60042 && r.wirelen === 60042)).toBe(true);
    // Whatever the ring could not keep the kernel counted; the binding lost nothing it took.
    expect(s.droppedByApplication).toBe(0);
  });

  it('copies into JS-owned buffers (ACKLINE_NATIVE_FORCE_COPY=1) with exactly the output of external buffers', async () => {
    const port = freshPort();
    // Both capture the same packets at once: kernel timestamps included, they must agree byte for byte.
    // A ring with room for all of them (in immediate mode every packet takes a snaplen-sized slot).
    const opts = { bufferSize: 64 << 20 };
    const copied = new CaptureChild(port, { ACKLINE_NATIVE_FORCE_COPY: '1' }, opts);
    const external = new CaptureChild(port, { ACKLINE_NATIVE_FORCE_COPY: '' }, opts);
    await Promise.all([copied.ready(), external.ready()]);
    // Sizes that exercise every padding (0..3 bytes) and a few large datagrams.
    const sizes = [...Array.from({ length: 40 }, (_, i) => 1 + i), 1472, 8000, 30001, 65000];
    await sendUdp(port, numberedPayloads(sizes));
    const [c, e] = await Promise.all([copied.stop(), external.stop()]);
    expect(c.stats.droppedByKernel).toBe(0);
    expect(c.records.map(seqOf)).toEqual([...sizes.keys()]);
    expect(c.dones).toBe(1);
    expect(e.dones).toBe(1);
    expect(c.errors).toEqual([]);
    expect(c.records).toEqual(e.records);
    // The switch really chose the copy path, for every batch; the default path copied none (Node allows external buffers).
    expect(c.stats.batchesCopied).toBe(c.batches.length);
    expect(e.stats.batchesCopied).toBe(0);
  });

  it.each([0, 1, 2, 5])(
    'when allocation fails after %i batch allocations, every packet is delivered or counted as dropped, and done arrives',
    async (n) => {
      const port = freshPort();
      const child = new CaptureChild(port, { ACKLINE_NATIVE_FAIL_ALLOC_AFTER: String(n) }, { immediate: true });
      await child.ready();
      // Apart, so that each is a batch of its own: allocation n+1 is then always a packet's.
      await sendUdp(port, numberedPayloads(Array.from({ length: 30 }, (_, i) => 200 + i * 500)), 5);
      const r = await child.stop();
      expect(r.dones).toBe(1);
      expect(r.stats.droppedByApplication).toBeGreaterThan(0);
      if (n === 0) expect(r.records).toHaveLength(0);
      expect(r.records.length + r.stats.droppedByApplication!).toBe(30);
      // What did arrive is intact and in order.
      const seqs = r.records.map(seqOf);
      expect(seqs.every((q, i) => i === 0 || q > seqs[i - 1]!)).toBe(true);
    },
  );
});
