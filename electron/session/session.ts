// electron/session/: the app session logic shared by Electron and serve.
//
// One capture session (one window in Electron, one browser tab in serve), host-agnostic:
// open (path, dialog, bytes, upload, sample), recent files, preferences, save / save as / export
// through Dialogs and the engine, close with the unsaved-capture prompt, live capture through
// the CaptureLauncher, and the lifetime of its engine host. A crash of the engine host is
// reported as a message and leaves the session ready to open again: never a frozen window.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { CaptureOptions, Preferences, SessionEvents, SessionInfo, SessionParams, SessionResult } from '../shared/contract.js';
import type { CaptureStatsDto } from '../shared/dto.js';
import type { CaptureHandle, CaptureLauncher } from './capture-launcher.js';
import { checkCaptureFile } from './capture-check.js';
import type { Dialogs } from './dialogs.js';
import { exportName, formatFor, plainName } from './file-naming.js';
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

/** Largest file accepted by openBytes (a browser drop travels over the socket). */
const MAX_OPEN_BYTES = 256 * 1024 * 1024;
export { formatFor };

const EMPTY: SessionInfo = { title: 'Ackline', source: 'none', unsaved: false };

export class Session {
  private current: SessionInfo = EMPTY;
  private engine: EngineInstance | undefined;
  private capture: CaptureHandle | undefined;
  private tempDir: string | undefined;
  /** Files dropped on this session so far (each gets its own folder). */
  private drops = 0;
  /** The uploaded file this session shows (deleted when it shows something else). */
  private upload: UploadedFile | undefined;
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SessionDeps) {}

  info(): SessionInfo {
    return this.current;
  }

  get capturing(): boolean {
    return this.capture !== undefined;
  }

  /** Actions that change what the session shows run one at a time, in order of arrival. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  openPath(p: SessionParams<'openPath'>, as: { title?: string; recent?: boolean } = {}): Promise<SessionInfo> {
    return this.serial(() => this.doOpenPath(p, as));
  }

  private async doOpenPath(p: SessionParams<'openPath'>, as: { title?: string; recent?: boolean }): Promise<SessionInfo> {
    if (this.capturing) return this.refuseDuringCapture();
    const file = path.resolve(p.path);
    // Refused before anything is replaced: a dropped text file must not cost the open capture.
    await checkCaptureFile(file).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}${this.stillOpen()}`);
    });
    if (!(await this.settleUnsaved('open'))) return this.current;
    await this.attach({ path: file, live: false }, { title: as.title ?? path.basename(file), source: 'file', path: file, unsaved: false });
    if (as.recent !== false) await this.deps.recent.add(file).catch(() => undefined);
    return this.current;
  }

  async openDialog(): Promise<SessionInfo> {
    if (this.capturing) return this.refuseDuringCapture();
    const chosen = await this.deps.dialogs.openCapture();
    return chosen ? this.openPath({ path: chosen }) : this.current;
  }

  async openBytes(p: SessionParams<'openBytes'>): Promise<SessionInfo> {
    if (p.bytes.length > MAX_OPEN_BYTES) throw new Error(`${p.name}: ${p.bytes.length} bytes is more than this host accepts from the browser (${MAX_OPEN_BYTES}); open it by path instead`);
    if (this.capturing) return this.refuseDuringCapture();
    const name = path.basename(p.name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '_') || 'capture';
    this.tempDir ??= await mkdtemp(path.join(this.deps.tempBase ?? tmpdir(), 'ackline-session-'));
    // A folder per file keeps the user's own name on it: saves and exports are named after it.
    const folder = path.join(this.tempDir, String(++this.drops));
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, name);
    await writeFile(file, p.bytes);
    try {
      return await this.openPath({ path: file }, { title: name, recent: false });
    } catch (e) {
      // Refused: the user knows the file by its name, not by our private copy (gone now).
      await rm(file, { force: true }).catch(() => undefined);
      throw new Error((e instanceof Error ? e.message : String(e)).split(file).join(name));
    }
  }

  /** Opens a file the page uploaded (serve: streamed to a temporary file) under its own name. */
  openUpload(p: SessionParams<'openUpload'>): Promise<SessionInfo> {
    return this.serial(async () => {
      const file = this.deps.uploads?.take(p.id);
      if (!file) throw new Error(this.deps.uploads ? 'That upload is gone (opened already, or not opened in time): drop the file again.' : 'This host takes no uploads: open the file by path.');
      try {
        await this.doOpenPath({ path: file.path }, { title: file.name, recent: false });
      } catch (e) {
        // The user knows the file by its own name, not by our private copy's.
        throw new Error((e instanceof Error ? e.message : String(e)).split(file.path).join(file.name));
      } finally {
        // Kept while it is what the session shows (refused during a capture, failed: gone).
        if (this.current.path === file.path && !this.disposed) this.upload = file;
        else await file.release();
      }
      return this.current;
    });
  }

  async samples(): Promise<SessionResult<'samples'>> {
    const list = await this.deps.samples.list();
    return { samples: list.map((s) => ({ id: s.id, title: s.title, description: s.description })) };
  }

  async openSample(p: SessionParams<'openSample'>): Promise<SessionInfo> {
    const s = await this.deps.samples.find(p.id);
    if (!s) throw new Error(`no sample named "${p.id}"`);
    return this.openPath({ path: s.path }, { title: s.title, recent: false });
  }

  async recentFiles(): Promise<SessionResult<'recentFiles'>> {
    return { files: await this.deps.recent.list() };
  }

  async removeRecent(p: SessionParams<'removeRecent'>): Promise<SessionResult<'removeRecent'>> {
    return { files: await this.deps.recent.remove(p.path) };
  }

  save(p: SessionParams<'save'>): Promise<SessionResult<'save'>> {
    return this.serial(() => this.doSave(p));
  }

  private async doSave(p: SessionParams<'save'>): Promise<SessionResult<'save'>> {
    const engine = this.requireEngine('save');
    // A file that is already saved has nothing to save: Save offers Save As (Wireshark greys
    // Save out and leaves Save As), so Ctrl+S is never a silent no-op.
    const as = p.as || (!this.current.unsaved && this.current.source === 'file');
    const defaultName = this.current.path ? plainName(this.knownPath(this.current.path)) : `${this.current.title.replace(/[^\w.-]+/g, '_')}.pcapng`;
    const target = await this.deps.dialogs.saveCapture({ title: as ? 'Save Capture File As' : 'Save Capture File', defaultName, format: 'pcapng' });
    if (!target) return { saved: false };
    await engine.exportTo(target.path, { kind: 'all' }, formatFor(target.path, 'pcapng'));
    if (!this.capturing && !target.url) {
      // The saved file is now what the window shows (Wireshark re-titles the window).
      this.current = { ...this.current, title: path.basename(target.path), path: target.path, unsaved: false };
      await this.deps.recent.add(target.path).catch(() => undefined);
    } else if (!this.capturing) this.current = { ...this.current, unsaved: false };
    return target.url ? { saved: true, url: target.url } : { saved: true, path: target.path };
  }

  exportPackets(p: SessionParams<'exportPackets'>): Promise<SessionResult<'exportPackets'>> {
    return this.serial(() => this.doExport(p));
  }

  private async doExport(p: SessionParams<'exportPackets'>): Promise<SessionResult<'exportPackets'>> {
    const engine = this.requireEngine('export');
    // The capture's name as the user knows it: the file's (without .gz), or the interface of a
    // live capture (whose private file name is the host's business).
    const plain = this.current.source === 'file' && this.current.path ? plainName(this.knownPath(this.current.path)) : undefined;
    const known = plain ? path.basename(plain, path.extname(plain)) : this.current.title;
    const base = known.replace(/[^\w.-]+/g, '_') || 'capture';
    const target = await this.deps.dialogs.saveCapture({ title: 'Export Specified Packets', defaultName: `${base}-${exportName(p.selection)}.${p.format}`, format: p.format });
    if (!target) return { saved: false, packets: 0 };
    const r = await engine.exportTo(target.path, p.selection, p.format);
    return target.url ? { saved: true, url: target.url, packets: r.packets } : { saved: true, path: target.path, packets: r.packets };
  }

  close(p: SessionParams<'close'>): Promise<SessionResult<'close'>> {
    return this.serial(() => this.doClose(p));
  }

  private async doClose(p: SessionParams<'close'>): Promise<SessionResult<'close'>> {
    if (!p.force && this.current.unsaved) {
      const answer = await this.askUnsaved('close');
      if (answer === 'ask-renderer') return { closed: false, needsConfirm: true };
      if (!answer) return { closed: false, needsConfirm: false };
    }
    await this.stopCaptureQuietly();
    this.detach();
    this.current = EMPTY;
    await this.releaseUpload();
    this.deps.emit('session', this.current);
    return { closed: true, needsConfirm: false };
  }

  async interfaces(): Promise<SessionResult<'interfaces'>> {
    return { interfaces: await this.deps.capture.interfaces() };
  }

  preflight(p: SessionParams<'preflight'>): Promise<SessionResult<'preflight'>> {
    return this.deps.capture.preflight(p.interface);
  }

  async grantCaptureRights(): Promise<SessionResult<'grantCaptureRights'>> {
    const grant = this.deps.capture.grantRights;
    if (!grant) return { ok: false, message: 'This installation cannot set up capture rights by itself; use the command shown.' };
    return grant.call(this.deps.capture);
  }

  checkCaptureFilter(p: SessionParams<'checkCaptureFilter'>): Promise<SessionResult<'checkCaptureFilter'>> {
    return this.deps.capture.checkFilter(p.filter);
  }

  async captureDefaults(): Promise<SessionResult<'captureDefaults'>> {
    const x = this.deps.captureExclusion;
    return x ? { filter: x.filter, note: x.note } : { filter: '' };
  }

  startCapture(p: CaptureOptions): Promise<SessionInfo> {
    return this.serial(() => this.doStartCapture(p));
  }

  private async doStartCapture(p: CaptureOptions): Promise<SessionInfo> {
    if (this.capturing) throw new Error('A capture is already running.');
    const pre = await this.deps.capture.preflight(p.interface);
    if (!pre.ok) throw new Error([pre.problem, pre.fix].filter(Boolean).join('\n'));
    if (!(await this.settleUnsaved('capture'))) return this.current;
    const handle = await this.deps.capture.start(p);
    this.capture = handle;
    handle.onStats?.((stats) => {
      if (this.capture === handle) this.engine?.captureStats?.(stats);
    });
    handle.onExit((error) => {
      if (this.capture !== handle) return;
      this.capture = undefined;
      void this.engine?.captureStopped?.();
      this.markStopped();
      if (error) this.deps.emit('message', { level: 'error', text: `The capture stopped: ${error}` });
    });
    try {
      await this.attach({ path: handle.file, live: true }, { title: p.interface, source: 'capture', path: handle.file, unsaved: true, backend: handle.backend, live: true });
    } catch (e) {
      this.capture = undefined;
      await handle.stop().catch(() => undefined);
      throw e;
    }
    return this.current;
  }

  stopCapture(): Promise<SessionResult<'stopCapture'>> {
    return this.serial(() => this.doStopCapture());
  }

  private async doStopCapture(): Promise<SessionResult<'stopCapture'>> {
    const handle = this.capture;
    if (!handle) throw new Error('No capture is running.');
    this.capture = undefined;
    const stats = await handle.stop();
    // Exports and saves after this include every packet the capture wrote.
    await this.engine?.captureStopped?.(stats);
    this.markStopped();
    return { stats };
  }

  /** The live capture ended (stopped or died): say so to the window. */
  private markStopped(): void {
    if (this.current.source !== 'capture' || !this.current.live) return;
    this.current = { ...this.current, live: false };
    this.deps.emit('session', this.current);
  }

  getPreferences(): Promise<Preferences> {
    return this.deps.preferences.get();
  }

  setPreferences(p: Preferences): Promise<Preferences> {
    return this.deps.preferences.set(p);
  }

  /** Ends everything this session owns (window closed, tab gone, host quitting). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.stopCaptureQuietly();
    this.detach();
    await this.releaseUpload();
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Deletes the uploaded file this session showed, unless it still shows `keep`. */
  private async releaseUpload(keep?: string): Promise<void> {
    const u = this.upload;
    if (!u || u.path === keep) return;
    this.upload = undefined;
    await u.release();
  }

  // --- internals -------------------------------------------------------------------------

  /** A file that is no pcap or pcapng is refused before anything is replaced, with a reason. */
  /** The file's name as the user knows it: an upload's own name, not its private copy's (a random id). */
  private knownPath(p: string): string {
    return this.upload?.path === p ? this.upload.name : p;
  }

  /** What a refusal adds when a capture is open: it stays. */
  private stillOpen(): string {
    return this.current.source !== 'none' ? `; "${this.current.title}" is still open` : '';
  }

  /** Wireshark's rule: a drop (or any open) during a live capture is refused, with a reason. */
  private refuseDuringCapture(): SessionInfo {
    this.deps.emit('message', { level: 'warning', text: 'A capture is running: stop it (Ctrl+E) before opening a file.' });
    return this.current;
  }

  private requireEngine(what: string): EngineInstance {
    if (!this.engine) throw new Error(`Nothing to ${what}: open a capture file or start a capture first.`);
    return this.engine;
  }

  /** Starts an engine for `source`, replacing the current one, and tells the renderer. */
  private async attach(source: { path: string; live: boolean }, info: SessionInfo): Promise<void> {
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
        this.current = EMPTY;
        this.deps.emit('session', EMPTY);
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

  private detach(): void {
    const e = this.engine;
    this.engine = undefined;
    e?.kill();
  }

  private async stopCaptureQuietly(): Promise<CaptureStatsDto | undefined> {
    const h = this.capture;
    this.capture = undefined;
    return h ? h.stop().catch(() => undefined) : undefined;
  }

  /** Before replacing an unsaved capture: true to go on, false when the user cancelled. */
  private async settleUnsaved(action: 'open' | 'capture'): Promise<boolean> {
    if (!this.current.unsaved) return true;
    const answer = await this.askUnsaved(action);
    if (answer === 'ask-renderer') {
      this.deps.emit('message', { level: 'warning', text: 'The current capture is not saved: save it or close it first.' });
      return false;
    }
    return answer;
  }

  /** true = go on (saved or discarded), false = cancelled, 'ask-renderer' = the host cannot ask. */
  private async askUnsaved(action: 'close' | 'quit' | 'open' | 'capture'): Promise<boolean | 'ask-renderer'> {
    const ask = this.deps.dialogs.confirmUnsaved;
    if (!ask) return 'ask-renderer';
    const answer = await ask.call(this.deps.dialogs, { title: this.current.title, action });
    if (answer === 'cancel') return false;
    if (answer === 'save') return (await this.doSave({ as: false })).saved;
    return true;
  }

  /** For a host quitting: the same prompt as close, for every window. */
  confirmQuit(): Promise<boolean> {
    return this.serial(async () => {
      if (!this.current.unsaved) return true;
      return (await this.askUnsaved('quit')) === true;
    });
  }
}

/** The first bytes of a file (its magic number). */
