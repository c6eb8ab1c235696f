// `ackline serve` as a library, with the real engine worker: every HTTP request and the
// WebSocket upgrade need the token (a request without it is refused 403), Host and Origin
// are checked, the bundle is served with the CSP and nothing outside it is reachable; over
// the socket a tab opens a sample, reads rows from the engine, and exports the displayed
// packets to a token-protected download that capinfos accepts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UpdateDto } from '../../electron/shared/dto.js';
import { connectTab, get, type TabClient } from './serve-client.js';
import { samplesDir, serveFixture } from './serve-fixture.js';

const fx = serveFixture(
  'ackline-serve-test-',
  { 'index.html': '<!doctype html><title>Ackline</title><script type="module" src="./assets/app.js"></script>', 'assets/app.js': 'console.log(1)' },
  () => ({ file: path.join(samplesDir, 'tcp-handshake.pcapng') }),
);
const tab = fx.tab;

/** The update that says a file of `packets` packets finished loading. */
function loaded(t: TabClient, packets: number): Promise<UpdateDto> {
  return new Promise((resolve) => {
    const off = t.engine.on('update', (u) => {
      if (u.progress?.done && u.packets === packets) {
        off();
        resolve(u);
      }
    });
  });
}

describe('the token', () => {
  it('is printed in the URL on 127.0.0.1 and is long and random', () => {
    expect(fx.host.url).toBe(`http://127.0.0.1:${fx.host.port}/?token=${fx.host.token}`);
    expect(fx.host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('is required on every HTTP request: 403 without it or with a wrong one', async () => {
    for (const p of ['/', '/index.html', '/assets/app.js', '/ws', '/download/00000000000000000000000000000000/x.pcap']) {
      const r = await get(fx.base + p);
      expect(r.status, p).toBe(403);
      expect(r.body.toString()).not.toContain('Ackline</title>');
    }
    expect((await get(`${fx.base}/?token=${fx.host.token.slice(0, -1)}x`)).status).toBe(403);
    expect((await get(`${fx.base}/?token=`)).status).toBe(403);
    expect((await get(fx.base + '/', { Cookie: `ackline-token-${fx.host.port}=wrong` })).status).toBe(403);
  });

  it('serves the page with it, with a strict CSP, and sets the cookie that the page assets use', async () => {
    const r = await get(`${fx.base}/?token=${fx.host.token}`);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('<title>Ackline</title>');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`ackline-token-${fx.host.port}=${fx.host.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = await get(`${fx.base}/assets/app.js`, { Cookie: `ackline-token-${fx.host.port}=${fx.host.token}` });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('keeps everything outside the bundle out of reach', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%00']) {
      const r = await get(`${fx.base}${p}?token=${fx.host.token}`);
      expect(r.status, p).toBe(404);
    }
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    expect((await get(`${fx.base}/?token=${fx.host.token}`, { Host: `evil.example:${fx.host.port}` })).status).toBe(403);
    expect((await get(`${fx.base}/?token=${fx.host.token}`, { Host: `localhost:${fx.host.port}` })).status).toBe(200);
  });

  it('is required on the WebSocket upgrade; a foreign Origin is refused too', async () => {
    await expect(connectTab(`ws://127.0.0.1:${fx.host.port}/ws`)).rejects.toThrow(/403/);
    await expect(connectTab(`ws://127.0.0.1:${fx.host.port}/ws?token=nope`)).rejects.toThrow(/403/);
    await expect(connectTab(`ws://127.0.0.1:${fx.host.port}/ws?token=${fx.host.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const t = await connectTab(`ws://127.0.0.1:${fx.host.port}/ws?token=${fx.host.token}`, { Origin: `http://127.0.0.1:${fx.host.port}` });
    fx.keep(t);
    expect((await t.session.call('info', {})).title).toBeTypeOf('string');
  });
});

describe('a tab', () => {
  it('gets the FILE given on the command line, rows from the engine, and the samples', async () => {
    const t = await tab();
    // The FILE opens for every new tab.
    await expect.poll(async () => (await t.session.call('info', {})).source).toBe('file');
    expect((await t.session.call('info', {})).title).toBe('tcp-handshake.pcapng');
    // A loaded machine may take more than expect.poll's default second to load it.
    await expect.poll(async () => (await t.engine.call('rows', { start: 0, count: 0 })).displayed, { timeout: 15_000 }).toBe(10);
    const { rows, displayed } = await t.engine.call('rows', { start: 0, count: 50 });
    expect(displayed).toBe(10);
    expect(rows[0]?.info).toMatch(/^IP 192\.0\.2\.10\.\d+ > 192\.0\.2\.20\.8080: Flags \[S\]/);
    const detail = await t.engine.call('packet', { index: 1 });
    // Bytes cross the socket as bytes.
    expect(detail.bytes).toBeInstanceOf(Uint8Array);
    expect(detail.bytes.length).toBe(74);
    const { samples } = await t.session.call('samples', {});
    expect(samples).toHaveLength(6);
  });

  it('opens a sample, exports the displayed packets to a download the token protects', async () => {
    const t = await tab();
    await expect.poll(async () => (await t.session.call('info', {})).source).toBe('file');
    const done = loaded(t, 4);
    const info = await t.session.call('openSample', { id: 'tcp-syn-retries' });
    expect(info.title).toBe('SYN retries');
    await done;
    const r = await t.session.call('exportPackets', { selection: { kind: 'displayed' }, format: 'pcap' });
    expect(r.saved).toBe(true);
    expect(r.packets).toBe(4);
    expect(r.path).toBeUndefined();
    expect(r.url).toMatch(/^\/download\/[0-9a-f]{32}\/[^/?]+\.pcap\?token=/);
    const withoutToken = await get(fx.base + r.url!.split('?')[0]);
    expect(withoutToken.status).toBe(403);
    const dl = await get(fx.base + r.url!);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="tcp-syn-retries-displayed\.pcap"/);
    const file = path.join(fx.dir, 'downloaded.pcap');
    writeFileSync(file, dl.body);
    const cap = spawnSync('capinfos', ['-c', '-M', file], { encoding: 'utf8' });
    if (cap.error) return; // capinfos missing: the download itself is checked above
    expect(cap.stdout).toMatch(/Number of packets:\s+4/);
  });

  it('an engine request with no capture open is answered, not left hanging', async () => {
    const t = await tab();
    await expect.poll(async () => (await t.session.call('info', {})).source).toBe('file');
    await t.session.call('close', { force: true });
    await expect(t.engine.call('rows', { start: 0, count: 1 })).rejects.toThrow(/no capture is open|closed/);
  });

  it('a session per tab: a closed tab ends its session', async () => {
    const before = fx.host.sessions.size;
    const t = await tab();
    await expect.poll(() => fx.host.sessions.size).toBe(before + 1);
    t.close();
    await expect.poll(() => fx.host.sessions.size).toBe(before);
  });
});

describe('engine relay', () => {
  it('an old engine that exits late does not cut the tab off its successor', async () => {
    const { EngineRelay } = await import('../../electron/serve/engine-relay.js');
    const toTab: unknown[] = [];
    let fromTab: (m: unknown) => void = () => undefined;
    const relay = new EngineRelay({ post: (m) => toTab.push(m), listen: (h) => void (fromTab = h) });
    const sent: unknown[][] = [[], []];
    const eps = sent.map((box) => ({ post: (m: unknown) => box.push(m), listen: () => undefined }));
    const first = relay.attach(eps[0]);
    fromTab({ t: 'req', id: 1, m: 'rows', p: {} });
    relay.attach(eps[1], 'another capture was opened');
    // The request pending on the first engine failed when it was replaced.
    expect(toTab).toEqual([{ t: 'res', id: 1, ok: false, e: 'another capture was opened' }]);
    relay.detach(first, 'the capture was closed');
    fromTab({ t: 'req', id: 2, m: 'rows', p: {} });
    expect(sent[1]).toEqual([{ t: 'req', id: 2, m: 'rows', p: {} }]);
  });
});
