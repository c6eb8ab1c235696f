// Starting and stopping a session's live capture through its CaptureLauncher: the capture
// file is opened live in an engine host, and its end (stopped, or died) reaches the window.
import type { CaptureOptions, SessionInfo, SessionResult } from '../shared/contract.js';
import { settleUnsaved } from './session-save.js';
import type { SessionState } from './session-state.js';

/** Starts a capture (call inside SessionState.serial). */
export async function startCapture(s: SessionState, p: CaptureOptions): Promise<SessionInfo> {
  if (s.capturing) throw new Error('A capture is already running.');
  const pre = await s.deps.capture.preflight(p.interface);
  if (!pre.ok) throw new Error([pre.problem, pre.fix].filter(Boolean).join('\n'));
  if (!(await settleUnsaved(s, 'capture'))) return s.current;
  const handle = await s.deps.capture.start(p);
  s.capture = handle;
  handle.onStats?.((stats) => {
    if (s.capture === handle) s.engine?.captureStats?.(stats);
  });
  handle.onExit((error) => {
    if (s.capture !== handle) return;
    s.capture = undefined;
    void s.engine?.captureStopped?.();
    s.markStopped();
    if (error) s.deps.emit('message', { level: 'error', text: `The capture stopped: ${error}` });
  });
  try {
    await s.attach({ path: handle.file, live: true }, { title: p.interface, source: 'capture', path: handle.file, unsaved: true, backend: handle.backend, live: true });
  } catch (e) {
    s.capture = undefined;
    await handle.stop().catch(() => undefined);
    throw e;
  }
  return s.current;
}

/** Stops the running capture (call inside SessionState.serial). */
export async function stopCapture(s: SessionState): Promise<SessionResult<'stopCapture'>> {
  const handle = s.capture;
  if (!handle) throw new Error('No capture is running.');
  s.capture = undefined;
  const stats = await handle.stop();
  // Exports and saves after this include every packet the capture wrote.
  await s.engine?.captureStopped?.(stats);
  s.markStopped();
  return { stats };
}
