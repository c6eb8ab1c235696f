// A gzip-compressed capture in the engine host (the app's and serve's): it loads with
// progress into a temporary file, shows exactly the plain file's packets, exports, keeps every
// packet before a cut, and leaves no temporary file behind once closed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/engine-process/engine-host.js';
import { nodePortEndpoint } from '../../electron/node-platform/port-endpoint.js';
import { EngineEvents } from '../../electron/shared/contract.js';
import type { UpdateDto } from '../../electron/shared/dto.js';
import { EngineControlAll } from '../../electron/shared/engine-control.js';
import { RpcClient } from '../../electron/shared/rpc.js';
import { capturePath, haveCaptures } from '../support/captures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-host-gz-'));
const clients: MessageChannel[] = [];
afterAll(() => {
  for (const c of clients) c.port1.close();
  rmSync(dir, { recursive: true, force: true });
});

function host(): { host: EngineHost; control: RpcClient<typeof EngineControlAll, typeof EngineEvents>; updates: UpdateDto[] } {
  const h = new EngineHost({ chunkSize: 64 * 1024 });
  const ch = new MessageChannel();
  clients.push(ch);
  h.attach(nodePortEndpoint(ch.port2), 'control');
  const control = new RpcClient<typeof EngineControlAll, typeof EngineEvents>(nodePortEndpoint(ch.port1), EngineEvents);
  const updates: UpdateDto[] = [];
  control.on('update', (u) => void updates.push(u));
  return { host: h, control, updates };
}

function gzip(src: string, name: string): string {
  const out = path.join(dir, name);
  writeFileSync(out, spawnSync('gzip', ['-c', src], { maxBuffer: 1 << 28 }).stdout);
  return out;
}

const gunzipDirs = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('ackline-gunzip-'));

async function loaded(t: ReturnType<typeof host>): Promise<{ packets: number; error?: string | undefined }> {
  await t.host.settled();
  return t.control.call('status', {});
}

const CURL = 'scenarios/tcp-http-curl.pcap';

describe.skipIf(!haveCaptures)('engine host: gzip-compressed captures', () => {
  it('shows the plain file\'s packets, rows and bytes, exports them, and removes its temporary file on close', async () => {
    const before = gunzipDirs();
    const plain = host();
    await plain.control.call('open', { path: capturePath(CURL) });
    const want = await loaded(plain);
    const gz = host();
    await gz.control.call('open', { path: gzip(capturePath(CURL), 'curl.pcap.gz') });
    const got = await loaded(gz);
    expect(got).toEqual(want);
    expect(gunzipDirs().length).toBe(before.length + 1);
    const n = want.packets;
    expect((await gz.control.call('rows', { start: 0, count: n })).rows).toEqual((await plain.control.call('rows', { start: 0, count: n })).rows);
    for (const index of [0, 5, n - 1]) expect(await gz.control.call('packet', { index })).toEqual(await plain.control.call('packet', { index }));
    // Progress ends at the inflated size, reported done (updates are batched: wait for it).
    for (let i = 0; i < 100 && !gz.updates.some((u) => u.progress?.done); i++) await new Promise((r) => setTimeout(r, 20));
    const last = gz.updates.filter((u) => u.progress).at(-1)!;
    expect(last.progress).toEqual({ bytes: readFileSync(capturePath(CURL)).length, total: readFileSync(capturePath(CURL)).length, done: true });
    // Save / export read the inflated bytes back.
    for (const [t, name] of [[plain, 'plain.pcap'], [gz, 'gz.pcap']] as const) {
      await t.control.call('grantExport', { token: name, path: path.join(dir, name) });
      await t.control.call('exportTo', { token: name, selection: { kind: 'all' }, format: 'pcap' });
    }
    expect(readFileSync(path.join(dir, 'gz.pcap'))).toEqual(readFileSync(path.join(dir, 'plain.pcap')));
    await gz.control.call('close', {});
    await plain.control.call('close', {});
    expect(gunzipDirs()).toEqual(before);
  });

  it('a truncated gzip: every packet inflated before the cut, and a message saying so', async () => {
    const full = readFileSync(gzip(capturePath(CURL), 'full.pcap.gz'));
    const cut = path.join(dir, 'cut.pcap.gz');
    writeFileSync(cut, full.subarray(0, Math.floor(full.length * 0.7)));
    const t = host();
    await t.control.call('open', { path: cut });
    const s = await loaded(t);
    expect(s.packets).toBeGreaterThan(3);
    expect(s.error).toBe(`The compressed capture file is damaged or cut short (gzip data cut short: unexpected end of file); the ${s.packets} packets before it are shown.`);
    const plain = host();
    await plain.control.call('open', { path: capturePath(CURL) });
    await loaded(plain);
    const n = s.packets;
    expect((await t.control.call('rows', { start: 0, count: n })).rows).toEqual((await plain.control.call('rows', { start: 0, count: n })).rows);
    await t.control.call('close', {});
    await plain.control.call('close', {});
  });

  it('a gzip of something else reads as the engine reads any non-capture: unknown file format', async () => {
    const f = path.join(dir, 'text.gz');
    writeFileSync(f, spawnSync('gzip', ['-c'], { input: 'not a capture\n'.repeat(100) }).stdout);
    const t = host();
    await t.control.call('open', { path: f });
    const s = await loaded(t);
    expect(s.packets).toBe(0);
    expect(s.error).toMatch(/^unknown file format/);
    await t.control.call('close', {});
  });
});
