// What the session asks the user, behind an interface: Electron shows native dialogs, the
// serve host answers for a browser (downloads instead of save dialogs), tests script it.
import type { ExportFormat } from '../shared/contract.js';
import type { z } from 'zod';

export type CaptureFormat = z.infer<typeof ExportFormat>;

export interface SaveTarget {
  /** Where the engine writes the file (checked by the host, never chosen by the renderer). */
  path: string;
  /** For hosts that hand the file over afterwards (serve: a token-protected download URL). */
  url?: string;
}

export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

export interface Dialogs {
  /** The capture file to open, or undefined when the user cancelled. */
  openCapture(): Promise<string | undefined>;
  /** Where to write a capture, or undefined when cancelled. */
  saveCapture(opts: { title: string; defaultName: string; format: CaptureFormat }): Promise<SaveTarget | undefined>;
  /** Where to write a text, CSV or JSON export (Export Packet Dissections), or undefined when cancelled. */
  saveFile?(opts: { title: string; defaultName: string; kind: 'text' | 'csv' | 'json' }): Promise<SaveTarget | undefined>;
  /**
   * "Do you want to save the captured packets before …?" Hosts that cannot ask themselves
   * (serve) leave it out: close then answers needsConfirm and the renderer asks.
   */
  confirmUnsaved?(opts: { title: string; action: 'close' | 'quit' | 'open' | 'capture' }): Promise<UnsavedAnswer>;
}
