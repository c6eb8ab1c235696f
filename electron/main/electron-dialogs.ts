// Dialogs as native Electron dialogs, attached to the session's window.
import type { BrowserWindow, Dialog } from 'electron';
import type { CaptureFormat, Dialogs, SaveTarget, UnsavedAnswer } from '../session/dialogs.js';

// Compressed captures are listed as double extensions ("*.pcap.gz", as Wireshark's filters
// have them), not as "gz": a .tar.gz is no capture.
export const CAPTURE_FILTERS = [
  { name: 'Capture files', extensions: ['pcapng', 'pcap', 'cap', 'ntar', 'pcapng.gz', 'pcap.gz', 'cap.gz', 'ntar.gz'] },
  { name: 'All files', extensions: ['*'] },
];

export class ElectronDialogs implements Dialogs {
  constructor(
    private readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>,
    private readonly window: () => BrowserWindow | undefined,
  ) {}

  async openCapture(): Promise<string | undefined> {
    const w = this.window();
    const opts = { title: 'Open Capture File', properties: ['openFile' as const], filters: CAPTURE_FILTERS };
    const r = w ? await this.dialog.showOpenDialog(w, opts) : await this.dialog.showOpenDialog(opts);
    return r.canceled ? undefined : r.filePaths[0];
  }

  async saveCapture(o: { title: string; defaultName: string; format: CaptureFormat }): Promise<SaveTarget | undefined> {
    const w = this.window();
    const filters = o.format === 'pcap' ? [{ name: 'pcap', extensions: ['pcap'] }, { name: 'pcapng', extensions: ['pcapng'] }] : [{ name: 'pcapng', extensions: ['pcapng'] }, { name: 'pcap', extensions: ['pcap'] }];
    const opts = { title: o.title, defaultPath: o.defaultName, filters, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
    const r = w ? await this.dialog.showSaveDialog(w, opts) : await this.dialog.showSaveDialog(opts);
    return r.canceled || !r.filePath ? undefined : { path: r.filePath };
  }

  async saveFile(o: { title: string; defaultName: string; kind: 'text' | 'csv' | 'json' }): Promise<SaveTarget | undefined> {
    const w = this.window();
    const filter = { text: { name: 'Plain text', extensions: ['txt'] }, csv: { name: 'CSV', extensions: ['csv'] }, json: { name: 'JSON', extensions: ['json'] } }[o.kind];
    const opts = { title: o.title, defaultPath: o.defaultName, filters: [filter], properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
    const r = w ? await this.dialog.showSaveDialog(w, opts) : await this.dialog.showSaveDialog(opts);
    return r.canceled || !r.filePath ? undefined : { path: r.filePath };
  }

  async confirmUnsaved(o: { title: string; action: 'close' | 'quit' | 'open' | 'capture' }): Promise<UnsavedAnswer> {
    const w = this.window();
    const verb = { close: 'closing', quit: 'quitting', open: 'opening another file', capture: 'starting a new capture' }[o.action];
    const opts = {
      type: 'warning' as const,
      message: `Do you want to save the captured packets before ${verb}?`,
      detail: `"${o.title}" has not been saved. Your captured packets will be lost if you don't save them.`,
      buttons: ['Save', "Continue without Saving", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    };
    const r = w ? await this.dialog.showMessageBox(w, opts) : await this.dialog.showMessageBox(opts);
    return (['save', 'discard', 'cancel'] as const)[r.response] ?? 'cancel';
  }
}
