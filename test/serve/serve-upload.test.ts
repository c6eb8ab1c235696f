// Uploads to `ackline serve` (the library, with the real engine worker), from a client that
// is not always friendly: a file streams to a private temporary file and its tab opens it by
// id; a file over the limit is refused (from its Content-Length at once, or by the byte
// counter when it is chunked) and the open capture stays; an upload that stalls is stopped,
// a fifth one at once is refused, an unopened one expires; nothing but /upload reads a body;
// downloads and names cannot reach outside the temporary folder; tabs are capped.
import { createReadStream, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pcapStream, postStream, trickle } from './raw-client.js';
import { connectTab, get, type TabClient } from './serve-client.js';
import { samplesDir, serveFixture } from './serve-fixture.js';

const MiB = 1024 * 1024;
const LIMIT = 8 * MiB;
const MAX_TABS = 16;
const fx = serveFixture('ackline-upload-test-', { 'index.html': '<!doctype html><title>Ackline</title>' }, (dir) => ({
  tempBase: dir,
  maxUploadBytes: LIMIT,
  maxTabs: MAX_TABS,
  uploads: { maxConcurrent: 2, stallMs: 400, stallBytes: 1024, unclaimedMs: 1500 },
}));
const tab = fx.tab;
const handshake = path.join(samplesDir, 'tcp-handshake.pcapng');

const uploadUrl = (name: string): string => `${fx.base}/upload?name=${encodeURIComponent(name)}&token=${fx.host.token}`;
const uploadsDir = (): string => path.join(fx.host.tempDir, 'uploads');
const uploadFiles = (): string[] => readdirSync(uploadsDir());

/** A tab with the handshake sample open: what must stay open when an upload is refused. */
async function tabWithCapture(): Promise<TabClient> {
  const t = await tab();
  await t.session.call('openSample', { id: 'tcp-handshake' });
  await expect.poll(async () => (await t.engine.call('rows', { start: 0, count: 0 })).displayed).toBe(10);
  return t;
}

async function stillOpen(t: TabClient): Promise<void> {
  expect((await t.session.call('info', {})).title).toBe('TCP handshake');
  expect((await t.engine.call('rows', { start: 0, count: 0 })).displayed).toBe(10);
}

describe('an upload', () => {
  it('states its limit, to the page only', async () => {
    const r = await get(`${fx.base}/upload?token=${fx.host.token}`);
    expect(r.status).toBe(200);
    const limits = JSON.parse(r.body.toString()) as { maxBytes: number; availableBytes: number };
    expect(limits.maxBytes).toBe(LIMIT);
    expect(limits.availableBytes).toBeGreaterThan(0);
    expect((await get(`${fx.base}/upload`)).status).toBe(403);
  });

  it('streams to a private file that its tab opens by id, under the name it was given', async () => {
    const t = await tab();
    const size = statSync(handshake).size;
    const r = await postStream(uploadUrl('../../etc/handshake.pcapng'), createReadStream(handshake), { length: size });
    expect(r.status).toBe(201);
    const { id, size: got } = JSON.parse(r.body) as { id: string; size: number };
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(got).toBe(size);
    expect(uploadFiles()).toEqual([id]);
    expect(statSync(path.join(uploadsDir(), id)).mode & 0o777).toBe(0o600);
    const info = await t.session.call('openUpload', { id });
    expect(info).toMatchObject({ source: 'file', title: 'handshake.pcapng' });
    await expect.poll(async () => (await t.engine.call('rows', { start: 0, count: 0 })).displayed).toBe(10);
    const { rows } = await t.engine.call('rows', { start: 0, count: 1 });
    expect(rows[0]?.info).toMatch(/^IP 192\.0\.2\.10\.\d+ > 192\.0\.2\.20\.8080: Flags \[S\]/);
    // Taken once: the same id opens nothing the second time, in any tab.
    await expect((await tab()).session.call('openUpload', { id })).rejects.toThrow(/gone/);
    // Uploads are not recent files (the temporary copy goes).
    expect((await t.session.call('recentFiles', {})).files.map((f) => f.path)).not.toContain(path.join(uploadsDir(), id));
    // Opening something else deletes the temporary copy.
    await t.session.call('openSample', { id: 'arp' });
    await expect.poll(() => uploadFiles()).toEqual([]);
  });

  it('chunked (no Content-Length) works the same', async () => {
    const t = await tab();
    const r = await postStream(uploadUrl('chunked.pcapng'), createReadStream(handshake, { highWaterMark: 100 }));
    expect(r.status).toBe(201);
    const { id } = JSON.parse(r.body) as { id: string };
    expect((await t.session.call('openUpload', { id })).title).toBe('chunked.pcapng');
    await expect.poll(async () => (await t.engine.call('rows', { start: 0, count: 0 })).displayed).toBe(10);
    t.close();
    // The tab's session ends with the tab: its upload goes with it.
    await expect.poll(() => uploadFiles()).toEqual([]);
  });

  it('over the limit with a Content-Length: refused from its headers, the body never stored, the open capture stays', async () => {
    const t = await tabWithCapture();
    const r = await postStream(uploadUrl('big.pcap'), pcapStream(256 * MiB), { length: 256 * MiB });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatch(/^big\.pcap is 256 MiB, more than the 8 MiB this server accepts \(ackline serve --max-upload\)\. The open capture is unchanged\.$/);
    expect(uploadFiles()).toEqual([]);
    await stillOpen(t);
  });

  it('over the limit, chunked: the byte counter stops it at the limit and the partial file goes', async () => {
    const t = await tabWithCapture();
    const r = await postStream(uploadUrl('big.pcap'), pcapStream(256 * MiB));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatch(/^big\.pcap is larger than the 8 MiB this server accepts/);
    await expect.poll(() => uploadFiles()).toEqual([]);
    await stillOpen(t);
  });

  it('that stalls (slowloris) is stopped with 408 and its partial file goes', async () => {
    const r = await postStream(uploadUrl('slow.pcap'), trickle(1, 100));
    expect(r.status).toBe(408);
    // Stopped by the watchdog (400 ms here), not by a client or a test timeout.
    expect(r.ms).toBeLessThan(15_000);
    expect(JSON.parse(r.body).error).toMatch(/stalled/);
    await expect.poll(() => uploadFiles()).toEqual([]);
  });

  it('that the client abandons half way leaves nothing, and frees its slot', async () => {
    for (let i = 0; i < 3; i++) {
      const sock = connect(fx.host.port, '127.0.0.1');
      await new Promise((r) => sock.once('connect', r));
      sock.write(`POST /upload?name=gone.pcap&token=${fx.host.token} HTTP/1.1\r\nHost: 127.0.0.1:${fx.host.port}\r\nContent-Length: ${6 * MiB}\r\n\r\n`);
      sock.write(Buffer.alloc(MiB, 0x61));
      await expect.poll(() => uploadFiles().length).toBe(1);
      sock.destroy();
      await expect.poll(() => uploadFiles()).toEqual([]);
    }
    // Three abandoned uploads, a cap of two: the slots were freed.
    expect((await postStream(uploadUrl('x.pcapng'), createReadStream(handshake))).status).toBe(201);
  });

  it('a third at once (the cap here is 2) is refused with 503; later ones go through', async () => {
    // Two uploads that keep moving (2 KiB every 100 ms: above the stall threshold).
    const slow = [trickle(2048, 100), trickle(2048, 100)];
    const running = slow.map((b) => postStream(uploadUrl('slow.pcap'), b));
    await expect.poll(() => uploadFiles().length).toBeGreaterThanOrEqual(2);
    const third = await postStream(uploadUrl('third.pcapng'), createReadStream(handshake));
    expect(third.status).toBe(503);
    expect(JSON.parse(third.body).error).toMatch(/2 uploads are already running/);
    for (const b of slow) b.destroy();
    await Promise.all(running);
    await expect.poll(async () => (await postStream(uploadUrl('after.pcapng'), createReadStream(handshake))).status).toBe(201);
  });

  it('that nobody opens is deleted after a while', async () => {
    const before = fx.host.uploads.unclaimed;
    const r = await postStream(uploadUrl('orphan.pcapng'), createReadStream(handshake));
    const { id } = JSON.parse(r.body) as { id: string };
    expect(existsSync(path.join(uploadsDir(), id))).toBe(true);
    await expect.poll(() => existsSync(path.join(uploadsDir(), id)), { timeout: 5000 }).toBe(false);
    expect(fx.host.uploads.unclaimed).toBeLessThanOrEqual(before);
    await expect((await tab()).session.call('openUpload', { id })).rejects.toThrow(/gone/);
  });

  it('from another site (foreign Origin) or without the token is refused, body unread', async () => {
    const foreign = await postStream(uploadUrl('x.pcapng'), createReadStream(handshake), { headers: { Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const anonymous = await postStream(`${fx.base}/upload?name=x.pcap`, pcapStream(256 * MiB), { length: 256 * MiB });
    expect(anonymous.status).toBe(403);
    expect(uploadFiles()).toEqual([]);
  });

  it('a refused body that never ends is read and dropped for a moment, then its connection is cut', async () => {
    for (const p of ['/upload?name=x.pcap', `/upload?name=x.pcap&token=${fx.host.token}`]) {
      let pulled = 0;
      const endless = pcapStream(Number.MAX_SAFE_INTEGER).on('data', (c: Buffer) => (pulled += c.length));
      const r = await postStream(`${fx.base}${p}`, endless, { untilClosed: true, ...(p.includes('token') ? { headers: { Origin: 'http://evil.example' } } : {}) });
      expect(r.status).toBe(403);
      // Cut by the lingering close (2 s at most); left to Node, it would go on for 6 s or more.
      expect(r.closedMs).toBeLessThan(4500);
      expect(pulled).toBeGreaterThan(0);
    }
  });

  it('a session id that is not an upload id is refused by the contract', async () => {
    const t = await tab();
    await expect(t.session.call('openUpload', { id: '../../etc/passwd' })).rejects.toThrow(/invalid openUpload request/);
  });
});

describe('bodies and paths elsewhere', () => {
  it('a body on any other request is refused unstored, and an endless one is cut', async () => {
    for (const [method, p] of [['POST', '/'], ['GET', '/index.html'], ['PUT', '/download/00000000000000000000000000000000/x.pcap']] as const) {
      const r = await postStream(`${fx.base}${p}?token=${fx.host.token}`, pcapStream(Number.MAX_SAFE_INTEGER), { method, untilClosed: true });
      // Node's own parser may answer a body on GET with 400 first: refused either way.
      expect(method === 'GET' ? [400, 413] : [413], `${method} ${p}`).toContain(r.status);
      expect(r.closedMs).toBeLessThan(4500);
    }
    // And the server still serves.
    expect((await get(`${fx.base}/?token=${fx.host.token}`)).status).toBe(200);
  });

  it('downloads cannot reach outside their folder', async () => {
    const t = await tabWithCapture();
    const r = await t.session.call('exportPackets', { selection: { kind: 'all' }, format: 'pcap' });
    const [dlPath, query] = r.url!.split('?') as [string, string];
    const id = /\/download\/([0-9a-f]{32})\//.exec(dlPath)![1]!;
    const real = await get(`${fx.base}${dlPath}?${query}`);
    expect(real.status).toBe(200);
    for (const p of [
      `/download/${id}/..%2F..%2F..%2Fsecret.txt`,
      `/download/${id}/../../secret.txt`,
      `/download/${id}%2F..%2F..%2Fsecret.txt/x`,
      `/download/../secret.txt`,
      `/download/${id.toUpperCase()}/x.pcap`,
      `/download/${id}/x/../../../secret.txt`,
      `/download/${'0'.repeat(32)}/x.pcap`,
      `/uploads/`,
      `/..%2f..%2fsecret.txt`,
    ]) {
      // The name part of a download URL is for the browser only: the file is found by id.
      const res = await get(`${fx.base}${p}?${query}`);
      if (res.status === 200) {
        expect(res.body.equals(real.body), p).toBe(true);
        expect(res.headers['content-disposition'], p).toBe(real.headers['content-disposition']);
      } else expect([403, 404], p).toContain(res.status);
      expect(res.body.toString()).not.toContain('secret');
    }
  });

  it('a tab over the cap is refused (503); a closed tab frees its place', async () => {
    const open = fx.tabs.filter((t) => t.ws.readyState === t.ws.OPEN);
    const extra: TabClient[] = [];
    for (let i = open.length; i < MAX_TABS; i++) extra.push(await tab());
    await expect(connectTab(`ws://127.0.0.1:${fx.host.port}/ws?token=${fx.host.token}`)).rejects.toThrow(/503/);
    extra[0]?.close() ?? open[0]?.close();
    await expect.poll(async () => {
      try {
        const t = await tab();
        return t.ws.readyState === t.ws.OPEN;
      } catch {
        return false;
      }
    }).toBe(true);
  });
});
