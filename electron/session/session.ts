// electron/session/: the app session logic shared by Electron and serve.
//
// One capture session (one window in Electron, one browser tab in serve), host-agnostic:
// open (path, dialog, bytes, upload, sample), recent files, preferences, save / save as / export
// through Dialogs and the engine, close with the unsaved-capture prompt, live capture through
// the CaptureLauncher, and the lifetime of its engine host. A crash of the engine host is
// reported as a message and leaves the session ready to open again: never a frozen window.
//
// This class is the contract's session methods and nothing more: the state and its steps are
// in session-state.ts, opening in file-opening.ts, saving and the unsaved-capture question in
// session-save.ts, live capture in capture-control.ts.
import type { CaptureOptions, Preferences, SessionInfo, SessionParams, SessionResult } from '../shared/contract.js';
import { startCapture, stopCapture } from './capture-control.js';
import { formatFor } from './file-naming.js';
import { openBytes, openPath, openUpload, type OpenAs } from './file-opening.js';
import { askUnsaved, exportDissections, exportPackets, saveCapture } from './session-save.js';
import { EMPTY_INFO, SessionState, type SessionDeps } from './session-state.js';

export { formatFor };

export class Session {
  private readonly s: SessionState;

  constructor(private readonly deps: SessionDeps) {
    this.s = new SessionState(deps);
  }

  info(): SessionInfo {
    return this.s.current;
  }

  exportDissections(p: SessionParams<'exportDissections'>): Promise<SessionResult<'exportDissections'>> {
    return this.s.serial(() => exportDissections(this.s, p));
  }

  /** SessionMethods.markEdited: an edited capture is unsaved until it is saved. */
  markEdited(): SessionInfo {
    if (this.s.current.source !== 'none' && !this.s.current.unsaved) {
      this.s.current = { ...this.s.current, unsaved: true };
      this.s.deps.emit('session', this.s.current);
    }
    return this.s.current;
  }

  get capturing(): boolean {
    return this.s.capturing;
  }

  openPath(p: SessionParams<'openPath'>, as: OpenAs = {}): Promise<SessionInfo> {
    return this.s.serial(() => openPath(this.s, p, as));
  }

  async openDialog(): Promise<SessionInfo> {
    if (this.s.capturing) return this.s.refuseDuringCapture();
    const chosen = await this.deps.dialogs.openCapture();
    return chosen ? this.openPath({ path: chosen }) : this.s.current;
  }

  openBytes(p: SessionParams<'openBytes'>): Promise<SessionInfo> {
    return openBytes(this.s, p);
  }

  /** Opens a file the page uploaded (serve: streamed to a temporary file) under its own name. */
  openUpload(p: SessionParams<'openUpload'>): Promise<SessionInfo> {
    return this.s.serial(() => openUpload(this.s, p));
  }

  async samples(): Promise<SessionResult<'samples'>> {
    const list = await this.deps.samples.list();
    return { samples: list.map((x) => ({ id: x.id, title: x.title, description: x.description })) };
  }

  async openSample(p: SessionParams<'openSample'>): Promise<SessionInfo> {
    const x = await this.deps.samples.find(p.id);
    if (!x) throw new Error(`no sample named "${p.id}"`);
    return this.openPath({ path: x.path }, { title: x.title, recent: false });
  }

  async recentFiles(): Promise<SessionResult<'recentFiles'>> {
    return { files: await this.deps.recent.list() };
  }

  async removeRecent(p: SessionParams<'removeRecent'>): Promise<SessionResult<'removeRecent'>> {
    return { files: await this.deps.recent.remove(p.path) };
  }

  save(p: SessionParams<'save'>): Promise<SessionResult<'save'>> {
    return this.s.serial(() => saveCapture(this.s, p));
  }

  exportPackets(p: SessionParams<'exportPackets'>): Promise<SessionResult<'exportPackets'>> {
    return this.s.serial(() => exportPackets(this.s, p));
  }

  close(p: SessionParams<'close'>): Promise<SessionResult<'close'>> {
    return this.s.serial(async () => {
      const s = this.s;
      if (!p.force && s.current.unsaved) {
        const answer = await askUnsaved(s, 'close');
        if (answer === 'ask-renderer') return { closed: false, needsConfirm: true };
        if (!answer) return { closed: false, needsConfirm: false };
      }
      await s.stopCaptureQuietly();
      s.detach();
      s.current = EMPTY_INFO;
      await s.releaseUpload();
      this.deps.emit('session', s.current);
      return { closed: true, needsConfirm: false };
    });
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
    return this.s.serial(() => startCapture(this.s, p));
  }

  stopCapture(): Promise<SessionResult<'stopCapture'>> {
    return this.s.serial(() => stopCapture(this.s));
  }

  getPreferences(): Promise<Preferences> {
    return this.deps.preferences.get();
  }

  setPreferences(p: Preferences): Promise<Preferences> {
    return this.deps.preferences.set(p);
  }

  /** Ends everything this session owns (window closed, tab gone, host quitting). */
  dispose(): Promise<void> {
    return this.s.dispose();
  }

  /** For a host quitting: the same prompt as close, for every window. */
  confirmQuit(): Promise<boolean> {
    return this.s.serial(async () => {
      if (!this.s.current.unsaved) return true;
      return (await askUnsaved(this.s, 'quit')) === true;
    });
  }
}
