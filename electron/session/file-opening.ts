// Opening a capture file into a session: by path (checked before anything is replaced), from
// bytes a browser dropped (kept under the user's own name), or from a file the page uploaded.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SessionInfo, SessionParams } from '../shared/contract.js';
import { checkCaptureFile } from './capture-check.js';
import { settleUnsaved } from './session-save.js';
import type { SessionState } from './session-state.js';

/** Largest file accepted by openBytes (a browser drop travels over the socket). */
const MAX_OPEN_BYTES = 256 * 1024 * 1024;

export interface OpenAs {
  /** The window's title; default the file's name. */
  title?: string;
  /** false: not added to the recent files (samples, drops, uploads). */
  recent?: boolean;
}

/** Opens `p.path` (call inside SessionState.serial). */
export async function openPath(s: SessionState, p: SessionParams<'openPath'>, as: OpenAs): Promise<SessionInfo> {
  if (s.capturing) return s.refuseDuringCapture();
  const file = path.resolve(p.path);
  // Refused before anything is replaced: a dropped text file must not cost the open capture.
  await checkCaptureFile(file).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}${s.stillOpen()}`);
  });
  if (!(await settleUnsaved(s, 'open'))) return s.current;
  await s.attach({ path: file, live: false }, { title: as.title ?? path.basename(file), source: 'file', path: file, unsaved: false });
  if (as.recent !== false) await s.deps.recent.add(file).catch(() => undefined);
  return s.current;
}

/** Opens a browser's dropped bytes from a private copy named as the user named the file. */
export async function openBytes(s: SessionState, p: SessionParams<'openBytes'>): Promise<SessionInfo> {
  if (p.bytes.length > MAX_OPEN_BYTES) throw new Error(`${p.name}: ${p.bytes.length} bytes is more than this host accepts from the browser (${MAX_OPEN_BYTES}); open it by path instead`);
  if (s.capturing) return s.refuseDuringCapture();
  const name = path.basename(p.name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '_') || 'capture';
  s.tempDir ??= await mkdtemp(path.join(s.deps.tempBase ?? tmpdir(), 'ackline-session-'));
  // A folder per file keeps the user's own name on it: saves and exports are named after it.
  const folder = path.join(s.tempDir, String(++s.drops));
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, name);
  await writeFile(file, p.bytes);
  try {
    return await s.serial(() => openPath(s, { path: file }, { title: name, recent: false }));
  } catch (e) {
    // Refused: the user knows the file by its name, not by our private copy (gone now).
    await rm(file, { force: true }).catch(() => undefined);
    throw new Error((e instanceof Error ? e.message : String(e)).split(file).join(name));
  }
}

/** Opens a file the page uploaded (serve: streamed to a temporary file) under its own name (call inside SessionState.serial). */
export async function openUpload(s: SessionState, p: SessionParams<'openUpload'>): Promise<SessionInfo> {
  const file = s.deps.uploads?.take(p.id);
  if (!file) throw new Error(s.deps.uploads ? 'That upload is gone (opened already, or not opened in time): drop the file again.' : 'This host takes no uploads: open the file by path.');
  try {
    await openPath(s, { path: file.path }, { title: file.name, recent: false });
  } catch (e) {
    // The user knows the file by its own name, not by our private copy's.
    throw new Error((e instanceof Error ? e.message : String(e)).split(file.path).join(file.name));
  } finally {
    // Kept while it is what the session shows (refused during a capture, failed: gone).
    if (s.current.path === file.path && !s.disposed) s.upload = file;
    else await file.release();
  }
  return s.current;
}
