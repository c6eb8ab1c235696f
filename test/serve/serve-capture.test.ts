// Live capture through the serve host, for real, on `lo` (root only; no other address is
// ever a target): a tab lists adapters, preflights, captures UDP datagrams this test sends
// to 127.0.0.1, watches the engine follow the growing file, stops with the counters, and
// exports the capture, which tshark reads with every datagram and the capture's ISB.
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../electron/capture/pick-backend.js';
import { startServe, type ServeHost } from '../../electron/serve/serve-host.js';
import { MemoryStorage } from '../../electron/session/storage.js';
import { repoRoot } from '../support/captures.js';
import { buildEngineWorker } from '../engine-process/build-worker-entry.js';
import { connectTab, get, type TabClient } from './serve-client.js';

const root = process.getuid?.() === 0;
const script = path.join(repoRoot, 'out/capture/capture-process.mjs');
const ready = root && process.platform === 'linux' && existsSync(script) && pickBackend('auto').backend !== null;
const PORT = 47000 + (process.pid % 1000);

describe.skipIf(!ready)('live capture through serve (lo, as root)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-serve-cap-'));
  let host: ServeHost;
  let tab: TabClient;

  beforeAll(async () => {
    const engineEntry = await buildEngineWorker(dir);
    host = await startServe({ rendererDir: dir, samplesDir: dir, configDir: dir, storage: new MemoryStorage(), engineEntry });
    tab = await connectTab(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  });
  afterAll(async () => {
    tab?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('captures, follows live, stops with counters and exports what was captured', async () => {
    const { interfaces } = await tab.session.call('interfaces', {});
    expect(interfaces.find((i) => i.name === 'lo')?.loopback).toBe(true);
    expect((await tab.session.call('preflight', { interface: 'lo' })).ok).toBe(true);
    expect((await tab.session.call('preflight', { interface: 'no-such-if0' })).problem).toMatch(/no interface named/);
    expect((await tab.session.call('checkCaptureFilter', { filter: 'udp port' })).ok).toBe(false);

    const info = await tab.session.call('startCapture', { interface: 'lo', filter: `udp port ${PORT}`, snaplen: 65535, promiscuous: false, bufferSizeMb: 2 });
    expect(info).toMatchObject({ source: 'capture', title: 'lo', unsaved: true });
    expect(info.backend).toBeTruthy();
    const sock = createSocket('udp4');
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => sock.send(`ackline ${i}`, PORT, '127.0.0.1', () => r()));
    sock.close();
    // The engine follows the growing capture file: the rows come while capturing.
    await expect.poll(async () => (await tab.engine.call('rows', { start: 0, count: 0 })).displayed, { timeout: 10_000 }).toBe(5);
    // A drop (any open) is refused while capturing.
    await tab.session.call('openSample', { id: 'x' }).catch(() => undefined);
    const { stats } = await tab.session.call('stopCapture', {});
    expect(stats.received).toBeGreaterThanOrEqual(5);

    const r = await tab.session.call('exportPackets', { selection: { kind: 'all' }, format: 'pcapng' });
    expect(r.packets).toBe(5);
    const dl = await get(`http://127.0.0.1:${host.port}${r.url}`);
    expect(dl.status).toBe(200);
    const file = path.join(dir, 'live.pcapng');
    writeFileSync(file, dl.body);
    const t = spawnSync('tshark', ['-r', file, '-T', 'fields', '-e', 'udp.dstport'], { encoding: 'utf8' });
    if (!t.error) expect(t.stdout.trim().split('\n')).toEqual(Array(5).fill(String(PORT)));
    // Closing an unsaved capture in a browser: the page asks (needsConfirm), force closes.
    expect(await tab.session.call('close', { force: false })).toEqual({ closed: false, needsConfirm: true });
    expect((await tab.session.call('close', { force: true })).closed).toBe(true);
  });
});
