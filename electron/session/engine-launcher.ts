// How the session logic starts an engine host without knowing the runtime: Electron's
// utilityProcess in the app, a worker thread under plain Node (`ackline serve`, tests).
// The handle's `port` is the control channel (EngineControlAll: open/follow/grantExport
// plus every EngineMethods request); `connect()` opens one more channel straight to the
// engine for a client (a renderer, a WebSocket bridge) that serves EngineMethods only.
import type { Endpoint } from '../shared/rpc.js';

export interface EngineExit {
  /** Exit code when the host exited, null when it was killed by a signal. */
  readonly code: number | null;
  /** Why, in words for the status bar ("the engine crashed: out of memory", "stopped"). */
  readonly reason: string;
  /** True when the host did not exit because we asked it to. */
  readonly unexpected: boolean;
}

export interface EngineHandle {
  /** The control channel. */
  readonly port: Endpoint;
  /** A new client channel to the engine (EngineMethods and update events only). */
  connect(): Endpoint;
  /** Called once when the host is gone, whatever the cause (crash, kill, exit). */
  onExit(cb: (exit: EngineExit) => void): void;
  /** Stops the host; onExit then reports unexpected = false. */
  kill(): void;
}

export interface EngineLauncher {
  start(): EngineHandle;
}
