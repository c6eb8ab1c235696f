// Test-only: the smallest fake `electron` the bundled main process (out/main/index.js) needs
// to start under plain Node; it prints what the app asked for, one line each.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
const log = (...a) => console.log('[fake]', ...a);
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false, name: 'Ackline',
  requestSingleInstanceLock: () => true, getPath: () => process.env.ACKLINE_FAKE_USERDATA, whenReady: () => Promise.resolve(),
  quit: () => log('quit'), exit: (c) => log('exit', c), addRecentDocument: (p) => log('recent', p),
});
export const protocol = { registerSchemesAsPrivileged: (s) => log('scheme', JSON.stringify(s)), handle: (s, h) => { log('handle', s); h({ url: 'ackline://app/index.html' }).then((r) => log('index status', r.status, r.headers.get('content-security-policy').slice(0, 40))); } };
export const session = { defaultSession: { setPermissionRequestHandler: () => log('perm handler'), setPermissionCheckHandler: () => {}, setDevicePermissionHandler: () => {} } };
export const Menu = { buildFromTemplate: (t) => t, setApplicationMenu: (t) => log('menu', t.map((m) => m.label ?? m.role).join(',')) };
export const dialog = {};
export const ipcMain = new EventEmitter();
class Port extends EventEmitter { postMessage() {} start() {} close() {} }
export class MessageChannelMain { port1 = new Port(); port2 = new Port(); }
let id = 1;
export class BrowserWindow extends EventEmitter {
  static getFocusedWindow() { return null; }
  constructor(o) { super(); this.id = id++; this.webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler() {}, send: (c, m) => log('send', c, JSON.stringify(m).slice(0, 120)), postMessage: (c) => log('postMessage', c), isDestroyed: () => false, mainFrame: { url: '' } }); log('window preload exists:', existsSync(o.webPreferences.preload), o.webPreferences.preload); }
  loadURL(u) { log('loadURL', u); return Promise.resolve(); }
  // The last step of start-up: done, leave.
  setTitle(t) { log('title', t); setTimeout(() => process.exit(0), 100); } isDestroyed() { return false; } show() {}
}
export const utilityProcess = { fork: (p) => { log('fork exists:', existsSync(p), p); const c = new EventEmitter(); c.postMessage = () => {}; c.kill = () => true; return c; } };
