// The window manager's unsaved-capture prompts, with the real engine host on fake utility
// ports and a capture launcher whose capture file is a real sample: closing the window and
// quitting ask (Save / Continue without Saving / Cancel) and do what was answered.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { WindowManager, type ElectronParts } from '../../electron/main/window-manager.js';
import { PreferenceStore } from '../../electron/session/preferences.js';
import { RecentFiles } from '../../electron/session/recent-files.js';
import { SampleCatalog } from '../../electron/session/samples.js';
import { MemoryStorage } from '../../electron/session/storage.js';
import { repoRoot } from '../support/captures.js';
import { FakeCapture } from '../session/fakes.js';
import { serveRealEngines } from './engine-on-fake-ports.js';
import { createFakeElectron, FakeBrowserWindow, FakeUtilityProcess } from './fake-electron.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-wm-'));
const sample = path.join(repoRoot, 'build/samples/tcp-close.pcapng');

class SampleCapture extends FakeCapture {
  override async start(o: Parameters<FakeCapture['start']>[0]) {
    const h = await super.start(o);
    copyFileSync(sample, h.file);
    return h;
  }
}

function setup() {
  const fake = createFakeElectron();
  serveRealEngines(FakeUtilityProcess);
  const storage = new MemoryStorage();
  const manager = new WindowManager({
    electron: fake as unknown as ElectronParts,
    preloadPath: '/x/preload/index.cjs',
    engineHostPath: '/x/utility/engine-host.js',
    recent: new RecentFiles(storage, { probe: async () => ({ size: 1, modifiedAt: 0 }) }),
    preferences: new PreferenceStore(storage),
    samples: new SampleCatalog(path.join(repoRoot, 'build/samples')),
    capture: new SampleCapture(),
    onRecentChanged: () => undefined,
    quitApp: () => undefined,
  });
  return { fake, manager };
}

const capture = { interface: 'lo', filter: '', snaplen: 65535, promiscuous: false, bufferSizeMb: 2 };

async function capturedWindow(m: WindowManager): Promise<FakeBrowserWindow> {
  const w = m.createWindow() as unknown as FakeBrowserWindow;
  const s = m.sessionOf(w as unknown as BrowserWindow)!;
  await s.startCapture(capture);
  await s.stopCapture();
  expect(s.info().unsaved).toBe(true);
  await vi.waitFor(() => expect(w.title).toBe('lo • — Ackline'));
  return w;
}

describe('unsaved capture prompts', () => {
  it('closing: Cancel keeps the window, Continue without Saving closes it', async () => {
    const { fake, manager } = setup();
    const w = await capturedWindow(manager);
    fake.dialog.boxAnswers.push(2);
    w.close();
    await vi.waitFor(() => expect(fake.dialog.calls.filter((c) => c.kind === 'box')).toHaveLength(1));
    expect(fake.dialog.calls[0]?.options).toMatchObject({ message: 'Do you want to save the captured packets before closing?', buttons: ['Save', 'Continue without Saving', 'Cancel'] });
    await new Promise((r) => setTimeout(r, 20));
    expect(w.destroyed).toBe(false);
    fake.dialog.boxAnswers.push(1);
    w.close();
    await vi.waitFor(() => expect(w.destroyed).toBe(true));
  });

  it('closing: Save asks where, writes the capture, then closes', async () => {
    const { fake, manager } = setup();
    const w = await capturedWindow(manager);
    const target = path.join(dir, 'capture.pcapng');
    fake.dialog.boxAnswers.push(0);
    fake.dialog.saveAnswers.push(target);
    w.close();
    await vi.waitFor(() => expect(w.destroyed).toBe(true));
    // Every packet, plus the capture's drop counters (an ISB) that the sample file lacks.
    expect(statSync(target).size).toBeGreaterThan(statSync(sample).size);
    const info = spawnSync('capinfos', ['-c', '-M', target], { encoding: 'utf8' });
    if (!info.error) expect(info.stdout).toMatch(/Number of packets:\s+9\b/);
    const isb = spawnSync('tshark', ['-r', target, '-q', '-z', 'io,stat,0'], { encoding: 'utf8' });
    if (!isb.error) expect(isb.status).toBe(0);
  });

  it('quitting asks for each unsaved window; Cancel stops the quit', async () => {
    const { fake, manager } = setup();
    await capturedWindow(manager);
    fake.dialog.boxAnswers.push(2);
    expect(await manager.confirmQuit()).toBe(false);
    expect(fake.dialog.calls.at(-1)?.options).toMatchObject({ message: 'Do you want to save the captured packets before quitting?' });
    fake.dialog.boxAnswers.push(1);
    expect(await manager.confirmQuit()).toBe(true);
  });

  it('a drop during a live capture is refused with a message in that window', async () => {
    const { manager } = setup();
    const w = manager.createWindow() as unknown as FakeBrowserWindow;
    const s = manager.sessionOf(w as unknown as BrowserWindow)!;
    await s.startCapture(capture);
    await s.openPath({ path: sample });
    const msgs = w.webContents.sent.map((x) => x.message as { t: string; n?: string; p?: { text: string } }).filter((m) => m.n === 'message');
    expect(msgs.at(-1)?.p?.text).toMatch(/capture is running/);
    await s.stopCapture();
  });
});
