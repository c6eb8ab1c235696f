// electron/preload/: the sandboxed preload; it imports only the contract.
//
// The preload: exposes `window.ackline` through contextBridge with exactly two message
// endpoints (the shape renderer/src/api/bridge.ts expects) and one helper for dropped files.
//  - session: RPC messages to and from the main process (one IPC channel).
//  - engine:  RPC messages to and from the engine host, over the MessagePort main hands us
//             (main only brokers it: packet data never passes through main). When a new
//             engine is attached the port is swapped; messages posted before the first port
//             arrives wait in a queue.
// Runs sandboxed: only `electron`'s renderer modules, no Node.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { ENGINE_PORT_CHANNEL, SESSION_CHANNEL } from '../shared/ipc-channels.js';

/** The DOM MessagePort as far as we use it (the preload is built without DOM types). */
interface PortLike {
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

let sessionHandler: ((m: unknown) => void) | undefined;
ipcRenderer.on(SESSION_CHANNEL, (_event, message: unknown) => sessionHandler?.(message));

let engineHandler: ((m: unknown) => void) | undefined;
let port: PortLike | undefined;
let queue: unknown[] = [];
ipcRenderer.on(ENGINE_PORT_CHANNEL, (event) => {
  const next = (event.ports as unknown as PortLike[])[0];
  if (!next) return;
  port?.close();
  port = next;
  port.onmessage = (ev) => engineHandler?.(ev.data);
  port.start();
  for (const m of queue) port.postMessage(m);
  queue = [];
});

contextBridge.exposeInMainWorld('ackline', {
  session: {
    post: (message: unknown) => ipcRenderer.send(SESSION_CHANNEL, message),
    listen: (handler: (m: unknown) => void) => {
      sessionHandler = handler;
    },
  },
  engine: {
    post: (message: unknown) => {
      if (port) port.postMessage(message);
      else queue.push(message);
    },
    listen: (handler: (m: unknown) => void) => {
      engineHandler = handler;
    },
  },
  /** The path of a dropped File (Electron no longer sets File.path); '' for non-files. */
  pathForFile: (file: unknown) => {
    try {
      return webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]);
    } catch {
      return '';
    }
  },
});
