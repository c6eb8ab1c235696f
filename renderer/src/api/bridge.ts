// What the Electron preload exposes through contextBridge as `window.ackline`: two
// message endpoints, nothing else. `session` goes to the main process (ipcRenderer),
// `engine` to the engine host's MessagePort, which the preload keeps (and swaps when a
// new engine is attached: the renderer learns of it from the `session` event).
import type { Endpoint } from '../../../electron/shared/rpc.js';

export interface AcklineBridge {
  readonly session: Endpoint;
  readonly engine: Endpoint;
  /** The path of a dropped file (Electron's webUtils.getPathForFile); '' when it has none. */
  readonly pathForFile?: (file: File) => string;
}

declare global {
  interface Window {
    ackline?: AcklineBridge;
  }
}

function isEndpoint(v: unknown): v is Endpoint {
  return typeof v === 'object' && v !== null && typeof (v as Endpoint).post === 'function' && typeof (v as Endpoint).listen === 'function';
}

/** The preload bridge when running inside Electron, else undefined. */
export function electronBridge(w: Window): AcklineBridge | undefined {
  const b: unknown = w.ackline;
  if (typeof b !== 'object' || b === null) return undefined;
  const { session, engine, pathForFile } = b as Record<string, unknown>;
  if (!isEndpoint(session) || !isEndpoint(engine)) return undefined;
  return typeof pathForFile === 'function' ? { session, engine, pathForFile: (f) => String((pathForFile as (f: File) => unknown)(f)) } : { session, engine };
}
