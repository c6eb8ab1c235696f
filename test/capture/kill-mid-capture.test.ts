// A live capture as the app runs it — the capture process writing the session file, the
// engine host following it — killed mid-capture (SIGKILL for the capture process, the engine
// host's thread terminated): the file still opens and holds every packet flushed before.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FromCapture } from '../../electron/shared/capture-protocol.js';
import { loadNative } from '../../electron/capture/native-backend.js';
import { defaultCaptureScript, spawnCapture } from '../../electron/capture/spawn-capture.js';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { WorkerEngineLauncher } from '../../electron/node-platform/worker-engine-launcher.js';
import { EngineEvents } from '../../electron/shared/contract.js';
import type { UpdateDto } from '../../electron/shared/dto.js';
import { EngineControlAll } from '../../electron/shared/engine-control.js';
import { RpcClient } from '../../electron/shared/rpc.js';
import { buildEngineWorker } from '../engine-process/build-worker-entry.js';
import { makeTraffic } from './traffic.js';

const ready = process.getuid?.() === 0 && !!loadNative() && existsSync(defaultCaptureScript());
const dir = mkdtempSync(path.join(tmpdir(), 'ackline-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!ready)('killing a live capture', () => {
  it('keeps every flushed packet when the capture process and the engine host die', async () => {
    const entry = await buildEngineWorker(dir);
    const file = path.join(dir, 'live.pcapng');
    const port = 46100 + Math.floor(Math.random() * 500);
    const proc = spawnCapture({ interface: 'lo', filter: `port ${port} or port ${port + 1} or port ${port + 2} or icmp`, snaplen: 262144, promiscuous: false, bufferSize: 4 << 20, count: 0, file, backend: 'native' });
    let flushed = 0;
    const started = new Promise<void>((resolve, reject) =>
      proc.onMessage((m: FromCapture) => {
        if (m.type === 'started') resolve();
        if (m.type === 'error') reject(new Error(m.message));
        if (m.type === 'flushed') flushed = m.packets;
      }),
    );
    await started;
    const engine = new WorkerEngineLauncher({ entry }).start();
    const control = new RpcClient<typeof EngineControlAll, typeof EngineEvents>(engine.port, EngineEvents);
    const updates: UpdateDto[] = [];
    control.on('update', (u) => updates.push(u));
    await control.call('follow', { path: file, pollMs: 20 });
    await makeTraffic(port);
    // Wait until the engine host has seen the flushed packets (it follows the file).
    const t0 = Date.now();
    while ((updates[updates.length - 1]?.packets ?? 0) < 12 && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 50));
    expect(updates[updates.length - 1]?.packets).toBeGreaterThanOrEqual(12);
    const procGone = new Promise<void>((r) => proc.onExit(() => r()));
    const engineGone = new Promise<void>((r) => engine.onExit(() => r()));
    proc.kill();
    engine.kill();
    await Promise.all([procGone, engineGone]);
    expect(flushed).toBeGreaterThanOrEqual(12);
    let packets = 0;
    const r = readCaptureBytes(new Uint8Array(readFileSync(file)), { onPacket: () => packets++ });
    // The file ends where the kill cut it: complete blocks up to the last flush, then maybe a partial one.
    expect(r.error === null || r.error.kind === 'truncated').toBe(true);
    expect(packets).toBeGreaterThanOrEqual(flushed);
  }, 40000);
});
