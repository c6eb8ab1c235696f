// What one session holds (what it shows, its engine host, its live capture, its uploaded
// file, its temporary folder) and the steps every part of it takes on that state: run one
// change at a time, attach an engine to a source and tell the renderer, let go of it. The
// parts (file-opening.ts, session-save.ts, capture-control.ts) work on one SessionState;
// session.ts puts them behind the contract's methods.
import { rm } from 'node:fs/promises';
import type { z } from 'zod';
import type { SessionEvents, SessionInfo } from '../shared/contract.js';
import type { CaptureStatsDto } from '../shared/dto.js';
import type { CaptureHandle, CaptureLauncher } from './capture-launcher.js';
import type { Dialogs } from './dialogs.js';
import type { EngineConnector, EngineInstance } from './engine-connector.js';
import type { PreferenceStore } from './preferences.js';
import type { RecentFiles } from './recent-files.js';
import type { SampleCatalog } from './samples.js';
import type { UploadedFile, UploadStore } from './upload-store.js';

export interface SessionDeps {
  engines: EngineConnector;
  dialogs: Dialogs;
  recent: RecentFiles;
  preferences: PreferenceStore;
  samples: SampleCatalog;
  capture: CaptureLauncher;
  /** Pushes a SessionEvents event to this session's renderer. */
  emit: SessionEmitter;
  /**
   * A capture filter that new captures start with, and what it leaves out (serve: the page's
   * own connection, which a capture on lo would record and feed on).
   */
  captureExclusion?: { filter: string; note: string };
  /** Files the page uploaded to the host (serve); without it openUpload is refused. */
  uploads?: UploadStore;
  /** Where this session's own temporary folder is made; default os.tmpdir(). */
  tempBase?: string;
}

/** The events a session itself raises (commands and traffic come from elsewhere). */
export type SessionEmitter = <K extends 'session' | 'message'>(name: K, payload: z.infer<(typeof SessionEvents)[K]>) => void;

export const EMPTY_INFO: SessionInfo = { title: 'Ackline', source: 'none', unsaved: false };

export class SessionState {
  current: SessionInfo = EMPTY_INFO;
  engine: EngineInstance | undefined;
  capture: CaptureHandle | undefined;
  tempDir: string | undefined;
  /** Files dropped on this session so far (each gets its own folder). */
  drops = 0;
  /** The uploaded file this session shows (deleted when it shows something else). */
  upload: UploadedFile | undefined;
  disposed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly deps: SessionDeps) {}

  get capturing(): boolean {
    return this.capture !== undefined;
  }

  /** Actions that change what the session shows run one at a time, in order of arrival. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The file's name as the user knows it: an upload's own name, not its private copy's (a random id). */
  knownPath(p: string): string {
    return this.upload?.path === p ? this.upload.name : p;
  }

  /** What a refusal adds when a capture is open: it stays. */
  stillOpen(): string {
    return this.current.source !== 'none' ? `; "${this.current.title}" is still open` : '';
  }

  /** Wireshark's rule: a drop (or any open) during a live capture is refused, with a reason. */
  refuseDuringCapture(): SessionInfo {
    this.deps.emit('message', { level: 'warning', text: 'A capture is running: stop it (Ctrl+E) before opening a file.' });
    return this.current;
  }

  requireEngine(what: string): EngineInstance {
    if (!this.engine) throw new Error(`Nothing to ${what}: open a capture file or start a capture first.`);
    return this.engine;
  }

  /** Starts an engine for `source`, replacing the current one, and tells the renderer. */
  async attach(source: { path: string; live: boolean }, info: SessionInfo): Promise<void> {
    this.detach();
    let announced = false;
    let engine: EngineInstance;
    try {
      engine = await this.deps.engines.open(source, () => {
        announced = true;
        this.current = info;
        this.deps.emit('session', info);
      });
    } catch (e) {
      if (announced) {
        this.current = EMPTY_INFO;
        this.deps.emit('session', EMPTY_INFO);
      }
      throw e;
    }
    if (this.disposed) return engine.kill();
    this.engine = engine;
    if (!announced) {
      this.current = info;
      this.deps.emit('session', info);
    }
    engine.onExit((error) => {
      if (this.engine !== engine) return;
      this.engine = undefined;
      if (!error) return;
      const was = this.current;
      // The window stays usable: the file (or the capture file, flushed up to the crash) can
      // be opened again from the path kept in the session info.
      this.current = { title: was.title, source: 'none', path: was.path, unsaved: false };
      this.deps.emit('message', {
        level: 'error',
        text: `The engine that reads "${was.title}" stopped unexpectedly (${error}). Nothing was changed on disk; open the file again to continue.`,
      });
      this.deps.emit('session', this.current);
    });
    // Another source replaced an uploaded file: its temporary copy goes (in the background:
    // opening does not wait on a deletion).
    void this.releaseUpload(source.path);
  }

  detach(): void {
    const e = this.engine;
    this.engine = undefined;
    e?.kill();
  }

  /** The live capture ended (stopped or died): say so to the window. */
  markStopped(): void {
    if (this.current.source !== 'capture' || !this.current.live) return;
    this.current = { ...this.current, live: false };
    this.deps.emit('session', this.current);
  }

  async stopCaptureQuietly(): Promise<CaptureStatsDto | undefined> {
    const h = this.capture;
    this.capture = undefined;
    return h ? h.stop().catch(() => undefined) : undefined;
  }

  /** Deletes the uploaded file this session showed, unless it still shows `keep`. */
  async releaseUpload(keep?: string): Promise<void> {
    const u = this.upload;
    if (!u || u.path === keep) return;
    this.upload = undefined;
    await u.release();
  }

  /** Ends everything the session owns (window closed, tab gone, host quitting). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.stopCaptureQuietly();
    this.detach();
    await this.releaseUpload();
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
