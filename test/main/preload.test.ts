// The preload against a fake `electron`: it exposes exactly the typed allow-list (session and
// engine endpoints, pathForFile) and nothing of Electron or Node; session messages go over
// the one IPC channel; the engine endpoint queues until main hands over a port, and follows
// the port when a new engine is attached.
import { describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron.js';

const fake: FakeElectron = await vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', () => fake);
await import('../../electron/preload/index.js');

interface Bridge {
  session: { post(m: unknown): void; listen(h: (m: unknown) => void): void };
  engine: { post(m: unknown): void; listen(h: (m: unknown) => void): void };
  pathForFile(f: unknown): string;
}
const bridge = fake.exposed.ackline as Bridge;

describe('preload', () => {
  it('exposes only window.ackline with session, engine and pathForFile', () => {
    expect(Object.keys(fake.exposed)).toEqual(['ackline']);
    expect(Object.keys(bridge).sort()).toEqual(['engine', 'pathForFile', 'session']);
    expect(Object.keys(bridge.session).sort()).toEqual(['listen', 'post']);
    expect(Object.keys(bridge.engine).sort()).toEqual(['listen', 'post']);
    // Nothing that reaches Electron or Node: no ipcRenderer, no require, no send(channel).
    for (const v of [bridge, bridge.session, bridge.engine]) for (const k of Object.keys(v)) expect(['ipcRenderer', 'require', 'send', 'invoke', 'on']).not.toContain(k);
  });

  it('session messages use the single IPC channel both ways', () => {
    const got: unknown[] = [];
    bridge.session.listen((m) => got.push(m));
    bridge.session.post({ t: 'req', id: 1, m: 'info', p: {} });
    expect(fake.ipcRenderer.sentMessages).toEqual([{ channel: 'ackline:session', message: { t: 'req', id: 1, m: 'info', p: {} } }]);
    fake.ipcRenderer.emit('ackline:session', {}, { t: 'res', id: 1, ok: true, r: {} });
    fake.ipcRenderer.emit('ackline:other', {}, { t: 'res', id: 2, ok: true });
    expect(got).toEqual([{ t: 'res', id: 1, ok: true, r: {} }]);
  });

  it('engine messages wait for the port, then flow straight over it; a new port replaces the old', async () => {
    const got: unknown[] = [];
    bridge.engine.listen((m) => got.push(m));
    bridge.engine.post({ t: 'req', id: 1, m: 'rows', p: { start: 0, count: 1 } });
    const a = new fake.MessageChannelMain();
    const atEngine: unknown[] = [];
    a.port2.on('message', (e: { data: unknown }) => atEngine.push(e.data));
    fake.ipcRenderer.emit('ackline:engine-port', { ports: [a.port1] });
    await vi.waitFor(() => expect(atEngine).toEqual([{ t: 'req', id: 1, m: 'rows', p: { start: 0, count: 1 } }]));
    expect(a.port1.started).toBe(true);
    // The preload listens through onmessage (DOM MessagePort): deliver as the browser would.
    (a.port1 as unknown as { onmessage: (e: { data: unknown }) => void }).onmessage({ data: { t: 'ev', n: 'update', p: {} } });
    expect(got).toEqual([{ t: 'ev', n: 'update', p: {} }]);
    const b = new fake.MessageChannelMain();
    fake.ipcRenderer.emit('ackline:engine-port', { ports: [b.port1] });
    expect(a.port1.closed).toBe(true);
    const atB: unknown[] = [];
    b.port2.on('message', (e: { data: unknown }) => atB.push(e.data));
    bridge.engine.post({ t: 'req', id: 2, m: 'flows', p: {} });
    await vi.waitFor(() => expect(atB).toHaveLength(1));
  });

  it('pathForFile gives a dropped file its path, and "" for anything else', () => {
    expect(bridge.pathForFile({ fakePath: '/home/u/x.pcap' })).toBe('/home/u/x.pcap');
    expect(bridge.pathForFile('not a file')).toBe('');
  });
});
