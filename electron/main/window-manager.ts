// Windows and their sessions: one window per capture file, each with its own Session (the
// shared logic), its own engine host, its own IPC endpoint. Menu actions land here and go
// to the focused window's session; files from argv, "open with" and a second instance open
// in an empty window or a new one. Closing a window or quitting asks about unsaved captures.
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, Dialog, IpcMain, MessageChannelMain } from 'electron';
import type { TrafficMonitor } from '../node-platform/traffic-monitor.js';
import type { CaptureLauncher } from '../session/capture-launcher.js';
import { LauncherEngineConnector } from '../session/launcher-connector.js';
import type { PreferenceStore } from '../session/preferences.js';
import type { RecentFiles } from '../session/recent-files.js';
import type { SampleCatalog } from '../session/samples.js';
import { Session } from '../session/session.js';
import { serveSession, type SessionRpc } from '../session/session-rpc.js';
import { ElectronDialogs } from './electron-dialogs.js';
import { ENGINE_PORT_CHANNEL } from '../shared/ipc-channels.js';
import { windowEndpoint, type WindowEndpoint } from './ipc-endpoint.js';
import type { Command, MenuActions } from './menu.js';
import { APP_URL, hardenContents, webPreferences } from './secure-window.js';
import { UtilityEngineLauncher, type UtilityApi } from './utility-engine-launcher.js';

export interface ElectronParts {
  BrowserWindow: {
    new (options: BrowserWindowConstructorOptions): BrowserWindowType;
    getFocusedWindow(): BrowserWindowType | null;
  };
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  MessageChannelMain: new () => MessageChannelMain;
  utilityProcess: UtilityApi;
}

export interface ManagerOptions {
  electron: ElectronParts;
  /** out/preload/index.cjs and out/utility/engine-host.js */
  preloadPath: string;
  engineHostPath: string;
  recent: RecentFiles;
  preferences: PreferenceStore;
  samples: SampleCatalog;
  capture: CaptureLauncher;
  /** Interface packet rates for the capture-options sparklines. */
  traffic?: TrafficMonitor;
  /** The recent list changed: rebuild the menu. */
  onRecentChanged(): void;
  /** Quit the application (app.quit: 'before-quit' then asks about unsaved captures). */
  quitApp(): void;
}

interface Entry {
  window: BrowserWindowType;
  session: Session;
  rpc: SessionRpc;
  endpoint: WindowEndpoint;
  closing: boolean;
}

export class WindowManager implements MenuActions {
  private readonly entries = new Map<number, Entry>();
  private readonly launcher: UtilityEngineLauncher;
  private readonly opening = new Set<Entry>();

  constructor(private readonly o: ManagerOptions) {
    this.launcher = new UtilityEngineLauncher(o.electron.utilityProcess, o.electron.MessageChannelMain, o.engineHostPath);
  }

  get windows(): BrowserWindowType[] {
    return [...this.entries.values()].map((e) => e.window);
  }

  sessionOf(window: BrowserWindowType): Session | undefined {
    return this.entries.get(window.id)?.session;
  }

  createWindow(): BrowserWindowType {
    const { BrowserWindow } = this.o.electron;
    const window = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 640,
      minHeight: 400,
      show: false,
      title: 'Ackline',
      backgroundColor: '#1e1f22',
      webPreferences: webPreferences(this.o.preloadPath),
    });
    const contents = window.webContents;
    hardenContents(contents);
    const endpoint = windowEndpoint(this.o.electron.ipcMain, contents);
    let session: Session | undefined;
    let entry: Entry | undefined;
    const rpc = serveSession(endpoint, () => session!);
    const connector = new LauncherEngineConnector(this.launcher, (handle) => {
      // The renderer's own port straight to the engine; main only hands it over.
      if (!contents.isDestroyed()) contents.postMessage(ENGINE_PORT_CHANNEL, null, [handle.connectPort()]);
    });
    session = new Session({
      engines: connector,
      dialogs: new ElectronDialogs(this.o.electron.dialog, () => window),
      recent: this.o.recent,
      preferences: this.o.preferences,
      samples: this.o.samples,
      capture: this.o.capture,
      emit: (name, payload) => {
        rpc.emit(name, payload);
        if (name === 'session' && entry) this.retitle(entry);
      },
    });
    const e: Entry = { window, session, rpc, endpoint, closing: false };
    entry = e;
    this.entries.set(window.id, e);
    window.once('ready-to-show', () => window.show());
    window.on('close', (event) => {
      if (e.closing) return;
      event.preventDefault();
      void this.confirmClose(e);
    });
    const stopTraffic = this.o.traffic?.subscribe((rates) => rpc.emit('traffic', { rates }));
    window.on('closed', () => {
      stopTraffic?.();
      this.entries.delete(window.id);
      endpoint.dispose();
      void session.dispose();
    });
    void window.loadURL(APP_URL);
    return window;
  }

  /** Asks about unsaved packets, then closes the window for real. */
  private async confirmClose(entry: Entry): Promise<void> {
    const r = await entry.session.close({ force: false }).catch(() => ({ closed: true, needsConfirm: false }));
    if (!r.closed) return;
    entry.closing = true;
    entry.window.close();
  }

  /** Opens a file in an empty window (the focused one first) or a new one. */
  async openFile(path: string): Promise<void> {
    // A window with an open in progress is not empty: two files arriving together (a
    // second instance, "open with" of several files) each get their own window.
    const free = (e: Entry | undefined): e is Entry => !!e && !this.opening.has(e) && e.session.info().source === 'none';
    const focused = this.focused();
    const target = (free(focused) ? focused : [...this.entries.values()].find(free)) ?? this.entries.get(this.createWindow().id)!;
    this.opening.add(target);
    try {
      await this.run(target, () => target.session.openPath({ path }));
    } finally {
      this.opening.delete(target);
    }
    this.o.onRecentChanged();
  }

  /** Whether every window agreed to quit (the unsaved prompt for each). */
  async confirmQuit(): Promise<boolean> {
    for (const e of this.entries.values()) {
      if (!(await e.session.confirmQuit())) return false;
      e.closing = true;
    }
    return true;
  }

  /** Ends every session (engines, captures, temporary files) before the app exits. */
  async disposeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.session.dispose()));
  }

  // --- MenuActions --------------------------------------------------------------------

  open(): void {
    const f = this.focused();
    if (!f) return void this.createWindow();
    void this.run(f, async () => {
      if (f.session.info().source === 'none') {
        await f.session.openDialog();
        this.o.onRecentChanged();
        return;
      }
      // This window shows a capture already: the chosen file gets a window of its own.
      const chosen = await new ElectronDialogs(this.o.electron.dialog, () => f.window).openCapture();
      if (chosen) await this.openFile(chosen);
    });
  }

  openRecent(path: string): void {
    void this.openFile(path);
  }

  clearRecent(): void {
    void this.o.recent.clear().then(() => this.o.onRecentChanged());
  }

  save(as: boolean): void {
    const f = this.focused();
    if (f)
      void this.run(f, async () => {
        await f.session.save({ as });
        this.retitle(f);
        this.o.onRecentChanged();
      });
  }

  close(): void {
    this.focused()?.window.close();
  }

  quit(): void {
    this.o.quitApp();
  }

  command(c: Command): void {
    this.focused()?.rpc.emit('command', { command: c });
  }

  newWindow(): void {
    this.createWindow();
  }

  // --- helpers --------------------------------------------------------------------------

  /** The window title follows the session: file name, a dot while unsaved. */
  private retitle(e: Entry): void {
    const info = e.session.info();
    if (!e.window.isDestroyed()) e.window.setTitle(info.source === 'none' ? 'Ackline' : `${info.title}${info.unsaved ? ' •' : ''} — Ackline`);
  }

  private focused(): Entry | undefined {
    const w = this.o.electron.BrowserWindow.getFocusedWindow();
    return (w && this.entries.get(w.id)) ?? [...this.entries.values()].at(-1);
  }

  /** Runs a session action from the menu; a failure becomes a message in that window. */
  private async run(e: Entry, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      e.rpc.emit('message', { level: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  }
}
