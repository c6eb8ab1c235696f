// A fake `electron` module for the main-process and preload tests (the Electron binary
// cannot be downloaded here): just enough of app, BrowserWindow, webContents, ipcMain,
// dialog, Menu, protocol, session, utilityProcess, MessageChannelMain, contextBridge,
// ipcRenderer and webUtils to drive our glue and observe what it asked for.
import { EventEmitter } from 'node:events';

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakePort extends EventEmitter {
  other: FakePort | undefined;
  started = false;
  closed = false;
  postMessage(data: unknown): void {
    const o = this.other;
    if (!o || this.closed) return;
    queueMicrotask(() => o.emit('message', { data, ports: [] }));
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    this.other?.close();
  }
}

export class FakeMessageChannelMain {
  port1 = new FakePort();
  port2 = new FakePort();
  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

export class FakeFrame {
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  sent: { channel: string; message: unknown }[] = [];
  posted: { channel: string; message: unknown; ports: FakePort[] }[] = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  constructor(url = '') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  postMessage(channel: string, message: unknown, ports: FakePort[]): void {
    this.posted.push({ channel, message, ports });
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Fires an event with a preventable first argument; returns whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    const e = new FakeEvent();
    this.emit(name, e, ...args);
    return e.defaultPrevented;
  }
}

let nextId = 1;
export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  id = nextId++;
  webContents = new FakeWebContents();
  title = '';
  destroyed = false;
  loadedUrl: string | undefined;
  shown = false;
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    FakeBrowserWindow.focused = this;
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  setTitle(t: string): void {
    this.title = t;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    FakeBrowserWindow.focused = this;
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close(): void {
    const e = new FakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null;
    this.emit('closed');
  }
}

export class FakeIpcMain extends EventEmitter {}

export class FakeUtilityProcess extends EventEmitter {
  static forks: FakeUtilityProcess[] = [];
  /** Called with each attach message and its port (tests serve an engine on it). */
  static onAttach: ((msg: unknown, port: FakePort, child: FakeUtilityProcess) => void) | undefined;
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly options: unknown,
  ) {
    super();
  }
  postMessage(msg: unknown, ports: FakePort[] = []): void {
    const port = ports[0];
    if (port) FakeUtilityProcess.onAttach?.(msg, port, this);
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  }
  crash(code: number): void {
    this.emit('exit', code);
  }
}

export function createFakeElectron() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    name: 'Ackline',
    gotLock: true,
    quitCalled: 0,
    exitCode: undefined as number | undefined,
    recentDocuments: [] as string[],
    readyResolve: (() => undefined) as () => void,
    ready: undefined as unknown as Promise<void>,
    requestSingleInstanceLock() {
      return app.gotLock;
    },
    getPath: (_: string): string => '/tmp/ackline-fake-user-data',
    whenReady() {
      return app.ready;
    },
    quit() {
      app.quitCalled++;
    },
    exit(code: number) {
      app.exitCode = code;
    },
    addRecentDocument(p: string) {
      app.recentDocuments.push(p);
    },
  });
  app.ready = new Promise<void>((r) => (app.readyResolve = r));
  const dialog = {
    openAnswers: [] as string[][],
    saveAnswers: [] as (string | undefined)[],
    boxAnswers: [] as number[],
    calls: [] as { kind: string; options: unknown }[],
    async showOpenDialog(...args: unknown[]) {
      dialog.calls.push({ kind: 'open', options: args.at(-1) });
      const paths = dialog.openAnswers.shift();
      return { canceled: !paths, filePaths: paths ?? [] };
    },
    async showSaveDialog(...args: unknown[]) {
      dialog.calls.push({ kind: 'save', options: args.at(-1) });
      const p = dialog.saveAnswers.shift();
      return { canceled: !p, filePath: p ?? '' };
    },
    async showMessageBox(...args: unknown[]) {
      dialog.calls.push({ kind: 'box', options: args.at(-1) });
      return { response: dialog.boxAnswers.shift() ?? 2, checkboxChecked: false };
    },
  };
  type RequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void, details: unknown) => void;
  type CheckHandler = (...a: unknown[]) => boolean;
  const defaultSession: {
    permissionRequest?: RequestHandler;
    permissionCheck?: CheckHandler;
    deviceCheck?: CheckHandler;
    setPermissionRequestHandler(h: RequestHandler): void;
    setPermissionCheckHandler(h: CheckHandler): void;
    setDevicePermissionHandler(h: CheckHandler): void;
  } = {
    setPermissionRequestHandler(h) {
      defaultSession.permissionRequest = h;
    },
    setPermissionCheckHandler(h) {
      defaultSession.permissionCheck = h;
    },
    setDevicePermissionHandler(h) {
      defaultSession.deviceCheck = h;
    },
  };
  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (req: { url: string }) => Promise<Response>>(),
    registerSchemesAsPrivileged(s: unknown[]) {
      protocol.privileged.push(...s);
    },
    handle(scheme: string, h: (req: { url: string }) => Promise<Response>) {
      protocol.handlers.set(scheme, h);
    },
  };
  const Menu = {
    template: undefined as unknown,
    buildFromTemplate(t: unknown) {
      return { template: t };
    },
    setApplicationMenu(m: { template: unknown }) {
      Menu.template = m.template;
    },
  };
  const utilityProcess = {
    fork(modulePath: string, _args: string[], options: unknown) {
      const p = new FakeUtilityProcess(modulePath, options);
      FakeUtilityProcess.forks.push(p);
      return p;
    },
  };
  const exposed: Record<string, unknown> = {};
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      exposed[key] = api;
    },
  };
  const ipcRenderer = Object.assign(new EventEmitter(), {
    sentMessages: [] as { channel: string; message: unknown }[],
    send(channel: string, message: unknown) {
      ipcRenderer.sentMessages.push({ channel, message });
    },
  });
  const webUtils = {
    getPathForFile(f: unknown) {
      if (typeof f === 'object' && f !== null && 'fakePath' in f) return String((f as { fakePath: unknown }).fakePath);
      throw new Error('not a File');
    },
  };
  const shell = { openExternal: async (_: string) => undefined, calls: [] as string[] };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    dialog,
    Menu,
    protocol,
    session: { defaultSession },
    utilityProcess,
    MessageChannelMain: FakeMessageChannelMain,
    contextBridge,
    ipcRenderer,
    webUtils,
    shell,
    exposed,
    // The classes themselves, so a test reaches the very ones the mocked module uses.
    FakeUtilityProcess,
    FakeEvent,
    FakeFrame,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
