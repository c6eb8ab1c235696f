// The engine host in a worker thread, driven as the session host drives it: a control
// channel (open, follow, grantExport) and client channels (rows, updates) over real
// MessagePorts; exports land on disk; a killed or crashed worker is reported.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerEngineLauncher } from '../../electron/node-platform/worker-engine-launcher.js';
import type { EngineExit, EngineHandle } from '../../electron/session/engine-launcher.js';
import { EngineEvents, EngineMethods } from '../../electron/shared/contract.js';
import type { UpdateDto } from '../../electron/shared/dto.js';
import { EngineControlAll } from '../../electron/shared/engine-control.js';
import { RpcClient } from '../../electron/shared/rpc.js';
import { capturePath, haveCaptures, readCapture } from '../support/captures.js';
import { buildEngineWorker } from './build-worker-entry.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-worker-'));
let entry = '';
const handles: EngineHandle[] = [];

beforeAll(async () => {
  entry = await buildEngineWorker(dir);
});
afterAll(() => {
  for (const h of handles) h.kill();
  rmSync(dir, { recursive: true, force: true });
});

function start(): { handle: EngineHandle; control: RpcClient<typeof EngineControlAll, typeof EngineEvents> } {
  const handle = new WorkerEngineLauncher({ entry }).start();
  handles.push(handle);
  return { handle, control: new RpcClient<typeof EngineControlAll, typeof EngineEvents>(handle.port, EngineEvents) };
}

function exited(handle: EngineHandle): Promise<EngineExit> {
  return new Promise((resolve) => handle.onExit(resolve));
}

function until(client: RpcClient<typeof EngineMethods, typeof EngineEvents>, pred: (u: UpdateDto) => boolean): Promise<UpdateDto> {
  return new Promise((resolve) => {
    const off = client.on('update', (u) => {
      if (pred(u)) {
        off();
        resolve(u);
      }
    });
  });
}

const HANDSHAKE = 'scenarios/tcp-handshake-data-client-close.pcap';

describe.skipIf(!haveCaptures)('engine host in a worker thread', () => {
  it('opens a file by path, serves rows to a client port, pushes updates, exports to a granted path', async () => {
    const { handle, control } = start();
    const client = new RpcClient<typeof EngineMethods, typeof EngineEvents>(handle.connect(), EngineEvents);
    const done = until(client, (u) => u.progress?.done === true);
    const { size } = await control.call('open', { path: capturePath(HANDSHAKE) });
    expect(size).toBe(readCapture(HANDSHAKE).length);
    const last = await done;
    expect(last.packets).toBe(13);
    const { rows } = await client.call('rows', { start: 0, count: 13 });
    expect(rows.map((r) => r.info)).toEqual(
      readFileSync(capturePath(`${HANDSHAKE}.tcpdump.txt`), 'latin1').trim().split('\n').map((l) => l.replace(/^\S+ /, '')),
    );
    // Client ports have no control methods; bad requests are refused by the schema.
    await expect((client as unknown as RpcClient<typeof EngineControlAll, typeof EngineEvents>).call('open', { path: '/etc/passwd' })).rejects.toThrow(/unknown method open/);
    await expect(client.call('rows', { start: 0, count: 100000 })).rejects.toThrow(/invalid rows request/);
    // Exports go only where the session host said.
    const target = path.join(dir, 'out.pcap');
    await expect(client.call('exportTo', { token: 'nope', selection: { kind: 'all' }, format: 'pcap' })).rejects.toThrow(/did not grant/);
    await control.call('grantExport', { token: 'tok', path: target });
    expect(await client.call('exportTo', { token: 'tok', selection: { kind: 'all' }, format: 'pcap' })).toEqual({ packets: 13, bytes: size });
    expect(Buffer.compare(readFileSync(target), Buffer.from(readCapture(HANDSHAKE)))).toBe(0);
    expect(await control.call('status', {})).toEqual({ packets: 13, loaded: true });
    await expect(control.call('open', { path: path.join(dir, 'missing.pcap') })).rejects.toThrow(/missing.pcap: No such file or directory/);
    const ex = exited(handle);
    handle.kill();
    expect(await ex).toMatchObject({ unexpected: false, reason: 'stopped' });
  });

  it('follows a growing capture file with at most 10 updates a second', async () => {
    const { handle, control } = start();
    const bytes = readCapture('scenarios/tcp-bulk-http.pcap');
    const file = path.join(dir, 'live.pcap');
    writeFileSync(file, bytes.subarray(0, 24));
    const updates: UpdateDto[] = [];
    control.on('update', (u) => updates.push(u));
    await control.call('follow', { path: file, pollMs: 20 });
    const t0 = Date.now();
    // About 1.2 s of appends, 100 a second.
    const step = Math.ceil((bytes.length - 24) / 120);
    for (let o = 24; o < bytes.length; o += step) {
      appendFileSync(file, bytes.subarray(o, Math.min(bytes.length, o + step)));
      await new Promise((r) => setTimeout(r, 10));
    }
    await control.call('stats', { received: 200000, droppedByKernel: 0, droppedByInterface: 0 });
    const end = await control.call('endFollow', {});
    const elapsed = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 150));
    expect(end.packets).toBe(112765);
    expect(updates.length).toBeGreaterThan(3);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(updates.every((u) => u.progress === undefined)).toBe(true);
    expect(updates[updates.length - 1]!.packets).toBe(112765);
    expect(updates.some((u) => u.stats?.received === 200000)).toBe(true);
    handle.kill();
  });

  it('reports a crashed host to the parent', async () => {
    const crash = path.join(dir, 'crash.mjs');
    writeFileSync(crash, "setTimeout(() => { throw new Error('engine blew up'); }, 10);\n");
    const handle = new WorkerEngineLauncher({ entry: crash }).start();
    const exit = await exited(handle);
    expect(exit.unexpected).toBe(true);
    expect(exit.reason).toMatch(/engine blew up/);
    // A listener added after the exit still hears about it.
    expect(await exited(handle)).toEqual(exit);
  });

  it('reports a host that exits by itself', async () => {
    const quit = path.join(dir, 'quit.mjs');
    writeFileSync(quit, 'process.exit(3);\n');
    const exit = await exited(new WorkerEngineLauncher({ entry: quit }).start());
    expect(exit).toMatchObject({ code: 3, unexpected: true });
  });
  it('a spare worker started ahead serves the next open; each open gets its own, and a killed one leaves the next intact', async () => {
    const launcher = new WorkerEngineLauncher({ entry, spare: true });
    const openOne = async (): Promise<{ handle: EngineHandle; infos: string[] }> => {
      const handle = launcher.start();
      handles.push(handle);
      const control = new RpcClient<typeof EngineControlAll, typeof EngineEvents>(handle.port, EngineEvents);
      const client = new RpcClient<typeof EngineMethods, typeof EngineEvents>(handle.connect(), EngineEvents);
      const done = until(client, (u) => u.progress?.done === true);
      await control.call('open', { path: capturePath(HANDSHAKE) });
      await done;
      const { rows } = await client.call('rows', { start: 0, count: 13 });
      return { handle, infos: rows.map((r) => r.info) };
    };
    const a = await openOne();
    expect(a.infos).toHaveLength(13);
    const gone = exited(a.handle);
    a.handle.kill();
    expect(await gone).toMatchObject({ unexpected: false, reason: 'stopped' });
    // The next spare starts a moment after a handle is given out; whether it is ready or not, the open works.
    await new Promise((r) => setTimeout(r, 2000));
    const b = await openOne();
    expect(b.infos).toEqual(a.infos);
    const c = await openOne();
    expect(c.infos).toEqual(a.infos);
  });
  it('a spare that crashed while it waited is not handed out, and its error does not reach the parent', async () => {
    const crash = path.join(dir, 'crash-spare.mjs');
    writeFileSync(crash, "throw new Error('spare blew up');\n");
    const launcher = new WorkerEngineLauncher({ entry: crash, spare: true });
    await new Promise((r) => setTimeout(r, 1000));
    const exit = await exited(launcher.start());
    expect(exit).toMatchObject({ unexpected: true });
    expect(exit.reason).toMatch(/spare blew up/);
  });
});
