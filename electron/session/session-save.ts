// Saving and exporting what a session shows, through the host's save dialog and the engine,
// and the unsaved-capture question asked before anything replaces or closes it.
import path from 'node:path';
import type { SessionParams, SessionResult } from '../shared/contract.js';
import { exportName, formatFor, plainName } from './file-naming.js';
import type { SessionState } from './session-state.js';

/** Save (or Save As): the whole capture, as pcapng unless the name says pcap. */
export async function saveCapture(s: SessionState, p: SessionParams<'save'>): Promise<SessionResult<'save'>> {
  const engine = s.requireEngine('save');
  // A file that is already saved has nothing to save: Save offers Save As (Wireshark greys
  // Save out and leaves Save As), so Ctrl+S is never a silent no-op.
  const as = p.as || (!s.current.unsaved && s.current.source === 'file');
  const defaultName = s.current.path ? plainName(s.knownPath(s.current.path)) : `${s.current.title.replace(/[^\w.-]+/g, '_')}.pcapng`;
  const target = await s.deps.dialogs.saveCapture({ title: as ? 'Save Capture File As' : 'Save Capture File', defaultName, format: 'pcapng' });
  if (!target) return { saved: false };
  const r = await engine.exportTo(target.path, { kind: 'all' }, formatFor(target.path, 'pcapng'));
  warnCommentsLost(s, r.commentsLost);
  if (!s.capturing && !target.url) {
    // The saved file is now what the window shows (Wireshark re-titles the window).
    s.current = { ...s.current, title: path.basename(target.path), path: target.path, unsaved: false };
    await s.deps.recent.add(target.path).catch(() => undefined);
  } else if (!s.capturing) s.current = { ...s.current, unsaved: false };
  return target.url ? { saved: true, url: target.url } : { saved: true, path: target.path };
}

/** Export Specified Packets: a selection, in the format asked for, named after the capture and the part. */
export async function exportPackets(s: SessionState, p: SessionParams<'exportPackets'>): Promise<SessionResult<'exportPackets'>> {
  const engine = s.requireEngine('export');
  // The capture's name as the user knows it: the file's (without .gz), or the interface of a
  // live capture (whose private file name is the host's business).
  const plain = s.current.source === 'file' && s.current.path ? plainName(s.knownPath(s.current.path)) : undefined;
  const known = plain ? path.basename(plain, path.extname(plain)) : s.current.title;
  const base = known.replace(/[^\w.-]+/g, '_') || 'capture';
  const target = await s.deps.dialogs.saveCapture({ title: 'Export Specified Packets', defaultName: `${base}-${exportName(p.selection)}.${p.format}`, format: p.format });
  if (!target) return { saved: false, packets: 0 };
  const r = await engine.exportTo(target.path, p.selection, p.format);
  warnCommentsLost(s, r.commentsLost);
  return target.url ? { saved: true, url: target.url, packets: r.packets } : { saved: true, path: target.path, packets: r.packets };
}

const DISSECTION_EXT = { text: 'txt', csv: 'csv', json: 'json' } as const;

/** File › Export Packet Dissections: named after the capture and the part, written by the engine. */
export async function exportDissections(s: SessionState, p: SessionParams<'exportDissections'>): Promise<SessionResult<'exportDissections'>> {
  const engine = s.requireEngine('export');
  const ask = s.deps.dialogs.saveFile;
  if (!ask || !engine.exportDissections) throw new Error('This host cannot export packet dissections.');
  const plain = s.current.source === 'file' && s.current.path ? plainName(s.knownPath(s.current.path)) : undefined;
  const known = plain ? path.basename(plain, path.extname(plain)) : s.current.title;
  const base = known.replace(/[^\w.-]+/g, '_') || 'capture';
  const target = await ask.call(s.deps.dialogs, { title: 'Export Packet Dissections', defaultName: `${base}-${exportName(p.selection)}.${DISSECTION_EXT[p.format]}`, kind: p.format });
  if (!target) return { saved: false, packets: 0 };
  const r = await engine.exportDissections(target.path, p);
  return target.url ? { saved: true, url: target.url, packets: r.packets } : { saved: true, path: target.path, packets: r.packets };
}

/** pcap has no place for packet comments: say so once the file is written (Wireshark asks first). */
function warnCommentsLost(s: SessionState, lost: number | undefined): void {
  if (!lost) return;
  const n = lost === 1 ? '1 packet' : `${lost} packets`;
  s.deps.emit('message', { level: 'warning', text: `Saved as pcap: the comments of ${n} were not kept (pcap cannot store comments; save as pcapng to keep them).` });
}

/** true = go on (saved or discarded), false = cancelled, 'ask-renderer' = the host cannot ask. */
export async function askUnsaved(s: SessionState, action: 'close' | 'quit' | 'open' | 'capture'): Promise<boolean | 'ask-renderer'> {
  const ask = s.deps.dialogs.confirmUnsaved;
  if (!ask) return 'ask-renderer';
  const answer = await ask.call(s.deps.dialogs, { title: s.current.title, action });
  if (answer === 'cancel') return false;
  if (answer === 'save') return (await saveCapture(s, { as: false })).saved;
  return true;
}

/** Before replacing an unsaved capture: true to go on, false when the user cancelled. */
export async function settleUnsaved(s: SessionState, action: 'open' | 'capture'): Promise<boolean> {
  if (!s.current.unsaved) return true;
  const answer = await askUnsaved(s, action);
  if (answer === 'ask-renderer') {
    s.deps.emit('message', { level: 'warning', text: 'The current capture is not saved: save it or close it first.' });
    return false;
  }
  return answer;
}
