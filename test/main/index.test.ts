// The Electron entry against a fake `electron` module, with the real engine host served on
// the fake utility process's ports: scheme registration, single instance, files from argv,
// "open with" and a second instance, the renderer's own engine port, every menu action
// through the session logic, an engine crash reported and recovered.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { accelerators } from '../../electron/main/menu.js';
import { EngineEvents, EngineMethods } from '../../electron/shared/contract.js';
import { RpcClient } from '../../electron/shared/rpc.js';
import { repoRoot } from '../support/captures.js';
import { serveRealEngines } from './engine-on-fake-ports.js';
import type { FakeElectron, FakePort, FakeWebContents } from './fake-electron.js';

const fake: FakeElectron = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./fake-electron.js');
  const { mkdtempSync: mk } = await import('node:fs');
  const { tmpdir: td } = await import('node:os');
  const f = createFakeElectron();
  const userData = mk(`${td()}/ackline-userdata-`);
  f.app.getPath = () => userData;
  return f;
});
vi.mock('electron', () => fake);
const FakeBrowserWindow = fake.BrowserWindow;
const FakeUtilityProcess = fake.FakeUtilityProcess;

const samples = path.join(repoRoot, 'build/samples');
const handshake = path.join(samples, 'tcp-handshake.pcapng');
const arp = path.join(samples, 'arp.pcapng');
const outDir = mkdtempSync(path.join(tmpdir(), 'ackline-main-'));
serveRealEngines(FakeUtilityProcess);
const argv = process.argv;
process.argv = [process.execPath, '.', handshake];
await import('../../electron/main/index.js');
fake.app.readyResolve();
// The entry reads argv once ready; restored when the first window exists.
await vi.waitFor(() => expect(FakeBrowserWindow.all.length).toBe(1));
process.argv = argv;

afterAll(() => {
  for (const w of FakeBrowserWindow.all) if (!w.destroyed) w.destroyed = true;
});

type Msg = { t: string; n?: string; p?: unknown; id?: number; ok?: boolean; r?: unknown; e?: string };
const events = (wc: FakeWebContents, name: string) => wc.sent.map((s) => s.message as Msg).filter((m) => m.t === 'ev' && m.n === name).map((m) => m.p);

/** The renderer's side of the engine port main handed over (the latest one). */
function engineClient(wc: FakeWebContents): RpcClient<typeof EngineMethods, typeof EngineEvents> {
  const port = wc.posted.filter((p) => p.channel === 'ackline:engine-port').at(-1)?.ports[0] as FakePort;
  expect(port).toBeDefined();
  return new RpcClient(
    {
      post: (m) => port.postMessage(m),
      listen: (h) => {
        port.on('message', (e: { data: unknown }) => h(e.data));
      },
    },
    EngineEvents,
  );
}

/** Calls the session over the IPC channel as the preload would, from our own frame. */
let nextId = 1000;
function callSession(wc: FakeWebContents, m: string, p: unknown): Promise<Msg> {
  const id = nextId++;
  fake.ipcMain.emit('ackline:session', { sender: wc, senderFrame: wc.mainFrame }, { t: 'req', id, m, p });
  return vi.waitFor(() => {
    const r = wc.sent.map((s) => s.message as Msg).find((x) => x.t === 'res' && x.id === id);
    if (!r) throw new Error('no answer yet');
    return r;
  });
}

function menuItems(): Map<string, MenuItemConstructorOptions> {
  return accelerators(fake.Menu.template as MenuItemConstructorOptions[]);
}

function click(accelerator: string): void {
  const item = menuItems().get(accelerator);
  expect(item, accelerator).toBeDefined();
  (item!.click as () => void)();
}

describe('start-up', () => {
  it('registers the ackline:// scheme as privileged before ready, and serves the bundle with the CSP', async () => {
    expect(fake.protocol.privileged).toEqual([{ scheme: 'ackline', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    await vi.waitFor(() => expect(fake.protocol.handlers.has('ackline')).toBe(true));
  });

  it('opens the file given on the command line in a secure window loading our own page', async () => {
    await vi.waitFor(() => expect(FakeBrowserWindow.all.length).toBe(1));
    const w = FakeBrowserWindow.all[0]!;
    expect(w.loadedUrl).toBe('ackline://app/index.html');
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(w.options.webPreferences?.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    await vi.waitFor(() => expect(events(w.webContents, 'session').at(-1)).toMatchObject({ title: 'tcp-handshake.pcapng', source: 'file' }));
    expect(w.title).toBe('tcp-handshake.pcapng — Ackline');
    w.emit('ready-to-show');
    expect(w.shown).toBe(true);
  });

  it('forks the engine host as a utility process and gives the renderer its own port to it', async () => {
    const w = FakeBrowserWindow.all[0]!;
    expect(FakeUtilityProcess.forks[0]?.modulePath).toMatch(/[\\/]utility[\\/]engine-host\.js$/);
    const engine = engineClient(w.webContents);
    await vi.waitFor(async () => expect((await engine.call('rows', { start: 0, count: 0 })).displayed).toBe(10));
    const { rows } = await engine.call('rows', { start: 0, count: 3 });
    expect(rows.map((r) => r.info.replace(/\.\d{4,5}\b/g, '.PORT').split(', seq')[0]!.split(', ack')[0])).toEqual([
      'IP 192.0.2.10.PORT > 192.0.2.20.PORT: Flags [S]',
      'IP 192.0.2.20.PORT > 192.0.2.10.PORT: Flags [S.]',
      'IP 192.0.2.10.PORT > 192.0.2.20.PORT: Flags [.]',
    ]);
    // The port went to the renderer (webContents.postMessage), not through ipcMain messages.
    expect(w.webContents.sent.every((s) => s.channel === 'ackline:session')).toBe(true);
  });

  it('builds the menu with the recent files, and tells the OS about them', async () => {
    await vi.waitFor(() => {
      const file = (fake.Menu.template as MenuItemConstructorOptions[]).find((m) => m.label === '&File')!;
      const recent = (file.submenu as MenuItemConstructorOptions[]).find((m) => m.label === 'Open &Recent')!;
      expect((recent.submenu as MenuItemConstructorOptions[])[0]?.label).toBe(handshake);
    });
    expect(fake.app.recentDocuments).toContain(handshake);
  });
});

describe('session over IPC', () => {
  it('answers our own page and ignores every other sender', async () => {
    const w = FakeBrowserWindow.all[0]!;
    const r = await callSession(w.webContents, 'info', {});
    expect(r).toMatchObject({ ok: true, r: { title: 'tcp-handshake.pcapng' } });
    const before = w.webContents.sent.length;
    const foreign = new fake.FakeFrame('https://evil.example/');
    fake.ipcMain.emit('ackline:session', { sender: w.webContents, senderFrame: foreign }, { t: 'req', id: 1, m: 'info', p: {} });
    fake.ipcMain.emit('ackline:session', { sender: {}, senderFrame: w.webContents.mainFrame }, { t: 'req', id: 2, m: 'info', p: {} });
    await new Promise((r) => setTimeout(r, 20));
    expect(w.webContents.sent.length).toBe(before);
  });

  it('validates requests against the contract', async () => {
    const w = FakeBrowserWindow.all[0]!;
    const r = await callSession(w.webContents, 'openPath', { path: '' });
    expect(r.ok).toBe(false);
    expect(r.e).toMatch(/invalid openPath request/);
  });
});

describe('menu actions (Wireshark shortcuts) through the session logic', () => {
  it('has every Wireshark shortcut of CONVENTIONS.md', () => {
    const keys = [...menuItems().keys()];
    for (const k of ['CmdOrCtrl+O', 'CmdOrCtrl+Shift+O', 'CmdOrCtrl+S', 'CmdOrCtrl+Shift+S', 'CmdOrCtrl+Shift+X', 'CmdOrCtrl+E', 'CmdOrCtrl+K', 'CmdOrCtrl+F', 'CmdOrCtrl+N', 'CmdOrCtrl+B', 'CmdOrCtrl+G', 'CmdOrCtrl+W', 'CmdOrCtrl+Q', 'CmdOrCtrl+M', 'CmdOrCtrl+T', 'CmdOrCtrl+Home', 'CmdOrCtrl+End', 'CmdOrCtrl+.', 'CmdOrCtrl+,', 'Alt+Left', 'Alt+Right', 'CmdOrCtrl+Plus', 'CmdOrCtrl+-', 'CmdOrCtrl+=', 'CmdOrCtrl+0', 'F5'])
      expect(keys, k).toContain(k);
  });

  it('renderer commands go to the focused window as `command` events', () => {
    const w = FakeBrowserWindow.all[0]!;
    w.focus();
    const expected: [string, string][] = [
      ['CmdOrCtrl+Shift+O', 'open-recent'], ['CmdOrCtrl+Shift+X', 'export'], ['CmdOrCtrl+E', 'capture-toggle'], ['CmdOrCtrl+K', 'capture-options'],
      ['CmdOrCtrl+F', 'find'], ['CmdOrCtrl+N', 'find-next'], ['CmdOrCtrl+B', 'find-previous'], ['CmdOrCtrl+G', 'go-to'], ['CmdOrCtrl+M', 'mark'],
      ['CmdOrCtrl+T', 'time-reference'], ['CmdOrCtrl+Home', 'first'], ['CmdOrCtrl+End', 'last'], ['CmdOrCtrl+.', 'next-in-conversation'],
      ['CmdOrCtrl+,', 'previous-in-conversation'], ['Alt+Left', 'back'], ['Alt+Right', 'forward'], ['CmdOrCtrl+Plus', 'zoom-in'], ['CmdOrCtrl+=', 'zoom-in'],
      ['CmdOrCtrl+-', 'zoom-out'], ['CmdOrCtrl+0', 'zoom-reset'], ['F5', 'refresh-interfaces'],
    ];
    for (const [key] of expected) click(key);
    expect(events(w.webContents, 'command').slice(-expected.length)).toEqual(expected.map(([, c]) => ({ command: c })));
  });

  it('Ctrl+S on an unchanged file offers Save As (as Wireshark does); Ctrl+Shift+S asks where and writes the capture', async () => {
    const w = FakeBrowserWindow.all[0]!;
    w.focus();
    click('CmdOrCtrl+S');
    await vi.waitFor(() => expect(fake.dialog.calls.filter((c) => c.kind === 'save')).toHaveLength(1));
    expect(fake.dialog.calls.at(-1)).toMatchObject({ kind: 'save', options: { title: 'Save Capture File As' } });
    const target = path.join(outDir, 'saved-as.pcapng');
    fake.dialog.saveAnswers.push(target);
    click('CmdOrCtrl+Shift+S');
    await vi.waitFor(() => expect(statSync(target).size).toBeGreaterThan(0));
    expect(fake.dialog.calls.at(-1)).toMatchObject({ kind: 'save', options: { title: 'Save Capture File As', defaultPath: 'tcp-handshake.pcapng' } });
    // The window now shows the saved file (Wireshark re-titles it too).
    await vi.waitFor(() => expect(w.title).toBe('saved-as.pcapng — Ackline'));
    expect(readFileSync(target).subarray(0, 4)).toEqual(Buffer.from([0x0a, 0x0d, 0x0d, 0x0a]));
  });

  it('Ctrl+O in a window that shows a capture opens the chosen file in a new window', async () => {
    const w = FakeBrowserWindow.all[0]!;
    w.focus();
    fake.dialog.openAnswers.push([arp]);
    click('CmdOrCtrl+O');
    await vi.waitFor(() => expect(FakeBrowserWindow.all.length).toBe(2));
    const w2 = FakeBrowserWindow.all[1]!;
    await vi.waitFor(() => expect(events(w2.webContents, 'session').at(-1)).toMatchObject({ title: 'arp.pcapng' }));
    expect(events(w.webContents, 'session').at(-1)).toMatchObject({ title: 'tcp-handshake.pcapng' });
  });

  it('Ctrl+W closes the focused window (no prompt for a file) and its engine host', async () => {
    const w2 = FakeBrowserWindow.all[1]!;
    w2.focus();
    const forks = FakeUtilityProcess.forks.length;
    const child = FakeUtilityProcess.forks[forks - 1]!;
    click('CmdOrCtrl+W');
    await vi.waitFor(() => expect(w2.destroyed).toBe(true));
    expect(child.killed).toBe(true);
    expect(fake.dialog.calls.filter((c) => c.kind === 'box')).toHaveLength(0);
  });

  it('the recent-files submenu opens its file', async () => {
    const file = (fake.Menu.template as MenuItemConstructorOptions[]).find((m) => m.label === '&File')!;
    const recent = (file.submenu as MenuItemConstructorOptions[]).find((m) => m.label === 'Open &Recent')!;
    const item = (recent.submenu as MenuItemConstructorOptions[]).find((m) => m.label === arp)!;
    (item.click as () => void)();
    await vi.waitFor(() => expect(FakeBrowserWindow.all.filter((w) => !w.destroyed).length).toBe(2));
    const w3 = FakeBrowserWindow.all.at(-1)!;
    await vi.waitFor(() => expect(events(w3.webContents, 'session').at(-1)).toMatchObject({ title: 'arp.pcapng' }));
    w3.close();
  });

  it('Ctrl+Q quits through app.quit (whose before-quit asks about unsaved captures)', () => {
    const n = fake.app.quitCalled;
    click('CmdOrCtrl+Q');
    expect(fake.app.quitCalled).toBe(n + 1);
  });
});

describe('files from the OS', () => {
  it('"open-file" (macOS open with) and a second instance open their files', async () => {
    const openFile = new fake.FakeEvent();
    fake.app.emit('open-file', openFile, arp);
    expect(openFile.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(FakeBrowserWindow.all.filter((w) => !w.destroyed).length).toBe(2));
    fake.app.emit('second-instance', {}, ['/opt/Ackline/ackline', '--flag', path.join(samples, 'dhcp.pcapng')], process.cwd());
    await vi.waitFor(() => expect(FakeBrowserWindow.all.filter((w) => !w.destroyed).length).toBe(3));
    await vi.waitFor(() => expect(events(FakeBrowserWindow.all.at(-1)!.webContents, 'session').at(-1)).toMatchObject({ title: 'dhcp.pcapng' }));
    for (const w of FakeBrowserWindow.all.slice(1)) if (!w.destroyed) w.close();
  });
});

describe('engine crash', () => {
  it('is reported to the window as a message; the window stays and reopens the file', async () => {
    const w = FakeBrowserWindow.all[0]!;
    // Every other window is closed (their engines killed): the first window's engine is the one alive.
    // (Closing a window kills its engine host a moment later: wait for it.)
    await vi.waitFor(() => expect(FakeUtilityProcess.forks.filter((f) => !f.killed)).toHaveLength(1));
    const live = FakeUtilityProcess.forks.filter((f) => !f.killed);
    const path0 = ((await callSession(w.webContents, 'info', {})).r as { path: string }).path;
    expect(path0).toMatch(/saved-as\.pcapng$/);
    live[0]!.crash(139);
    await vi.waitFor(() => expect(events(w.webContents, 'message').at(-1)).toMatchObject({ level: 'error', text: expect.stringMatching(/stopped unexpectedly \(the engine host crashed \(exit code 139\)\)/) }));
    expect(events(w.webContents, 'session').at(-1)).toMatchObject({ source: 'none', path: path0 });
    expect(w.destroyed).toBe(false);
    const r = await callSession(w.webContents, 'openPath', { path: path0 });
    expect(r).toMatchObject({ ok: true, r: { source: 'file' } });
  });
});

describe('before-quit', () => {
  it('with no unsaved capture, quitting goes ahead', async () => {
    const e = new fake.FakeEvent();
    fake.app.emit('before-quit', e);
    expect(e.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
  });
});
