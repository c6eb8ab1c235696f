// renderer/src/api/: the only code that reaches the host: the typed client over the preload bridge or the serve socket, and file upload.
//
// The renderer's one view of the contract: typed engine and session calls plus their
// events, whatever carries them (Electron's preload bridge or the serve host's WebSocket).
import type { z } from 'zod';
import { RpcClient, type Endpoint } from '../../../electron/shared/rpc.js';
import {
  EngineEvents,
  EngineMethods,
  SessionEvents,
  SessionMethods,
  type EngineEvent,
  type EngineMethod,
  type EngineParams,
  type EngineResult,
  type SessionEvent,
  type SessionMethod,
  type SessionParams,
  type SessionResult,
} from '../../../electron/shared/contract.js';
import type { Uploader } from './uploader.js';

export type EnginePayload<K extends EngineEvent> = z.infer<(typeof EngineEvents)[K]>;
export type SessionPayload<K extends SessionEvent> = z.infer<(typeof SessionEvents)[K]>;

export interface AcklineClient {
  /** Which transport carries the calls ('electron', 'browser'; tests use their own). */
  readonly transport: string;
  engine<M extends EngineMethod>(method: M, params: EngineParams<M>): Promise<EngineResult<M>>;
  session<M extends SessionMethod>(method: M, params: SessionParams<M>): Promise<SessionResult<M>>;
  onEngine<K extends EngineEvent>(name: K, fn: (payload: EnginePayload<K>) => void): () => void;
  onSession<K extends SessionEvent>(name: K, fn: (payload: SessionPayload<K>) => void): () => void;
  /** A dropped file's path on disk, when the host can open it by path (Electron). */
  pathForFile?(file: File): string;
  /** Sends a dropped or picked file to the host, streamed (the serve host). */
  readonly uploader?: Uploader;
}

/** Both channels of the contract over two endpoints. */
export function clientOver(transport: string, session: Endpoint, engine: Endpoint, pathForFile?: (file: File) => string, uploader?: Uploader): AcklineClient & { fail(reason: string): void } {
  // Engine updates come ten times a second with flows in them: the host validated them
  // already and they are ours to trust structurally; session events are small and checked.
  const eng = new RpcClient<typeof EngineMethods, typeof EngineEvents>(engine, EngineEvents, false);
  const ses = new RpcClient<typeof SessionMethods, typeof SessionEvents>(session, SessionEvents, true);
  return {
    transport,
    engine: (m, p) => eng.call(m, p),
    session: (m, p) => ses.call(m, p),
    onEngine: (n, fn) => eng.on(n, fn),
    onSession: (n, fn) => ses.on(n, fn),
    ...(pathForFile ? { pathForFile } : {}),
    ...(uploader ? { uploader } : {}),
    /** The other side went away: every pending call rejects with the reason. */
    fail(reason) {
      eng.fail(reason);
      ses.fail(reason);
    },
  };
}
