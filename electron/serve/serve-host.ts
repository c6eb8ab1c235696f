// `ackline serve` as a library: the HTTP/WebSocket server plus one Session per browser tab,
// each with its engine host in a worker thread, all sharing recent files and preferences.
// The CLI command (serve-command.ts) and the tests start it the same way. Everything it
// writes (exports, uploads, the sessions' files) is in one private temporary folder, which
// close() removes, and removeTempSync() too when the process must go at once.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessCaptureLauncher } from '../node-platform/process-capture-launcher.js';
import { TrafficMonitor } from '../node-platform/traffic-monitor.js';
import { JsonFileStorage } from '../node-platform/json-file-storage.js';
import { WorkerEngineLauncher } from '../node-platform/worker-engine-launcher.js';
import type { CaptureLauncher } from '../session/capture-launcher.js';
import type { EngineLauncher } from '../session/engine-launcher.js';
import { LauncherEngineConnector } from '../session/launcher-connector.js';
import { PreferenceStore } from '../session/preferences.js';
import { RecentFiles } from '../session/recent-files.js';
import { SampleCatalog } from '../session/samples.js';
import { Session } from '../session/session.js';
import { serveSession } from '../session/session-rpc.js';
import type { Storage } from '../session/storage.js';
import { Downloads } from './downloads.js';
import { EngineRelay } from './engine-relay.js';
import { ServeDialogs } from './serve-dialogs.js';
import { startServeServer, type ServeServer, type TabConnection } from './serve-server.js';
import { ServeTemp } from './serve-temp.js';
import { newToken } from './token.js';
import { Uploads, type UploadOptions } from './uploads.js';

/** The default --max-upload: a day's capture on a busy link, still well within a disk. */
export const DEFAULT_MAX_UPLOAD = 4 * 1024 ** 3;

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Opened in every new tab. */
  file?: string;
  rendererDir: string;
  samplesDir: string;
  configDir: string;
  token?: string;
  /** The worker entry (out/cli/engine-worker.mjs); default: beside the launcher's bundle. */
  engineEntry?: string | URL;
  engines?: EngineLauncher;
  capture?: CaptureLauncher;
  storage?: Storage;
  traffic?: TrafficMonitor;
  /** Called when a tab's session has an error nobody else sees (logging). */
  log?: (line: string) => void;
  /** The largest file a tab may upload (bytes); default DEFAULT_MAX_UPLOAD. */
  maxUploadBytes?: number;
  /** The rest of the upload policy (concurrency, stall timeout; tests shorten them). */
  uploads?: Omit<UploadOptions, 'dir' | 'maxBytes'>;
  /** Where the private temporary folder is made; default os.tmpdir(). */
  tempBase?: string;
  maxTabs?: number;
}

export interface ServeHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Sessions of the connected tabs (tests). */
  readonly sessions: ReadonlySet<Session>;
  /** The private temporary folder (tests). */
  readonly tempDir: string;
  readonly uploads: Uploads;
  close(): Promise<void>;
  /** Removes the temporary folder now, synchronously (from a process 'exit' handler). */
  removeTempSync(): void;
}

export async function startServe(o: ServeOptions): Promise<ServeHost> {
  const token = o.token ?? newToken();
  const temp = new ServeTemp(o.tempBase);
  const downloads = new Downloads(temp.downloads, token);
  const uploads = new Uploads({ ...o.uploads, dir: temp.uploads, maxBytes: o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD });
  const storage = o.storage ?? new JsonFileStorage(o.configDir);
  const preferences = new PreferenceStore(storage);
  const recent = new RecentFiles(storage, { limit: async () => (await preferences.get()).recentFiles });
  const samples = new SampleCatalog(o.samplesDir);
  // Live capture works here when this process (or the capability launcher) has the rights.
  const capture = o.capture ?? new ProcessCaptureLauncher({ dir: path.join(tmpdir(), 'ackline-captures'), backend: async () => (await preferences.get()).captureBackend });
  const engines = o.engines ?? new WorkerEngineLauncher({ spare: true, ...(o.engineEntry ? { entry: o.engineEntry } : {}) });
  const sessions = new Set<Session>();
  const traffic = o.traffic ?? new TrafficMonitor();
  const log = o.log ?? (() => undefined);

  const onTab = (tab: TabConnection): void => {
    const relay = new EngineRelay(tab.engine);
    let session: Session | undefined;
    const rpc = serveSession(tab.session, () => session!);
    const connector = new LauncherEngineConnector(engines, (handle) => {
      const which = relay.attach(handle.connect(), 'another capture was opened');
      handle.onExit((exit) => relay.detach(which, exit.unexpected ? `the engine stopped: ${exit.reason}` : 'the capture was closed'));
    });
    session = new Session({ engines: connector, dialogs: new ServeDialogs(downloads), recent, preferences, samples, capture, captureExclusion: ownConnection(), uploads, tempBase: temp.sessions, emit: (n, p) => rpc.emit(n, p) });
    sessions.add(session);
    const s = session;
    const stopTraffic = traffic.subscribe((rates) => rpc.emit('traffic', { rates }));
    tab.onClose(() => {
      stopTraffic();
      sessions.delete(s);
      void s.dispose();
    });
    if (o.file) s.openPath({ path: o.file }).catch((e: unknown) => {
      const text = e instanceof Error ? e.message : String(e);
      log(`ackline serve: ${text}`);
      rpc.emit('message', { level: 'error', text });
    });
  };

  /**
   * A capture on lo (or any) would record this page's own WebSocket to us, whose traffic grows
   * with every packet it shows: it feeds on itself. New captures leave it out with a filter
   * the user sees in the capture options and can remove.
   */
  const ownConnection = (): { filter: string; note: string } => {
    const host = o.host ?? '127.0.0.1';
    return {
      filter: `not (host ${host} and tcp port ${server.port})`,
      note: `This page talks to the Ackline server over ${host} port ${server.port}; a capture on lo would record that traffic and feed on it, so it is left out. Remove the filter to capture it too.`,
    };
  };

  let server: ServeServer;
  try {
    server = await startServeServer({ host: o.host ?? '127.0.0.1', port: o.port ?? 0, token, rendererDir: o.rendererDir, downloads, uploads, onTab, log, ...(o.maxTabs ? { maxTabs: o.maxTabs } : {}) });
  } catch (e) {
    temp.remove();
    throw e;
  }
  return {
    url: server.url,
    port: server.port,
    token,
    sessions,
    tempDir: temp.root,
    uploads,
    async close() {
      try {
        await server.close();
        await Promise.all([...sessions].map((s) => s.dispose()));
        sessions.clear();
        uploads.dispose();
      } finally {
        temp.remove();
      }
    },
    removeTempSync: () => temp.remove(),
  };
}
