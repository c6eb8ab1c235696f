// electron/main/: the Electron main process.
//
// Entry of the Electron main process: wiring only. Security policy lives in
// secure-window.ts, windows and sessions in window-manager.ts, the menu in menu.ts; the
// session logic itself is electron/session/, shared with `ackline serve`.
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, session, utilityProcess } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonFileStorage } from '../node-platform/json-file-storage.js';
import { ProcessCaptureLauncher } from '../node-platform/process-capture-launcher.js';
import { TrafficMonitor } from '../node-platform/traffic-monitor.js';
import { PreferenceStore } from '../session/preferences.js';
import { RecentFiles } from '../session/recent-files.js';
import { SampleCatalog } from '../session/samples.js';
import { handleAppScheme, registerAppScheme } from './app-protocol.js';
import { filesFromArgv } from './argv-files.js';
import { menuTemplate } from './menu.js';
import { hardenContents, hardenSession } from './secure-window.js';
import { WindowManager } from './window-manager.js';
import { existsSync } from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '..');
const samplesDir = app.isPackaged ? path.join(process.resourcesPath, 'samples') : path.resolve(out, '../build/samples');

registerAppScheme(protocol);

// Windows: Npcap keeps its DLLs in System32\Npcap, outside the DLL search path; the capture
// process (and `cap`) inherit this PATH. Without Npcap the preflight points to npcap.com.
if (process.platform === 'win32') {
  const npcap = path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'Npcap');
  if (existsSync(npcap)) process.env.PATH = `${npcap};${process.env.PATH ?? ''}`;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const storage = new JsonFileStorage(app.getPath('userData'));
  const preferences = new PreferenceStore(storage);
  const recent = new RecentFiles(storage, { limit: async () => (await preferences.get()).recentFiles });
  const manager = new WindowManager({
    electron: { BrowserWindow, ipcMain, dialog, MessageChannelMain, utilityProcess },
    preloadPath: path.join(out, 'preload/index.cjs'),
    engineHostPath: path.join(out, 'utility/engine-host.js'),
    recent,
    preferences,
    samples: new SampleCatalog(samplesDir),
    capture: new ProcessCaptureLauncher({
      dir: path.join(app.getPath('temp'), 'ackline-captures'),
      backend: async () => (await preferences.get()).captureBackend,
      // The capture process runs through the capability launcher, which only starts a real
      // file: the unpacked copy of the script, never the one inside app.asar.
      spawn: { script: path.join(out, 'capture/capture-process.mjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1') },
    }),
    traffic: new TrafficMonitor(),
    onRecentChanged: () => void rebuildMenu(),
    quitApp: () => app.quit(),
  });
  const rebuildMenu = async (): Promise<void> => {
    // The menu lists the files that are there; a missing one stays in the window's list only.
    const files = (await recent.list()).filter((f) => !f.missing);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(manager, { recent: files, platform: process.platform, appName: app.name })));
    for (const f of files.slice(0, 10)) app.addRecentDocument(f.path);
  };
  // Files that arrive before the app is ready (macOS "open with" at launch).
  const early: string[] = [];
  let ready = false;
  const openFiles = (files: readonly string[]): void => {
    if (!ready) return void early.push(...files);
    for (const f of files) void manager.openFile(f);
  };

  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file]);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    const files = filesFromArgv(argv, cwd, 1);
    if (files.length) openFiles(files);
    else manager.windows[0]?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('before-quit', (event) => {
    if (manager.windows.length === 0) return;
    event.preventDefault();
    void manager.confirmQuit().then(async (ok) => {
      if (!ok) return;
      await manager.disposeAll().catch(() => undefined);
      app.exit(0);
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (manager.windows.length === 0) manager.createWindow();
  });

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    handleAppScheme(protocol, path.join(out, 'renderer'));
    await rebuildMenu();
    ready = true;
    const files = [...filesFromArgv(process.argv, process.cwd(), app.isPackaged ? 1 : 2), ...early];
    if (files.length) openFiles(files);
    else manager.createWindow();
  });
}
