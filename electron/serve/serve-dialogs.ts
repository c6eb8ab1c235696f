// Dialogs for a browser tab: the host cannot show native dialogs on the viewer's screen.
// Opening goes through the page's own file picker (the file is uploaded, then openUpload);
// saving and exporting write server-side and return a token-protected download URL; the
// unsaved prompt is the page's (close answers needsConfirm).
import type { CaptureFormat, Dialogs, SaveTarget } from '../session/dialogs.js';
import type { Downloads } from './downloads.js';

export class ServeDialogs implements Dialogs {
  constructor(private readonly downloads: Downloads) {}

  async openCapture(): Promise<string | undefined> {
    throw new Error('In the browser, choose the file with the page\'s file picker or drop it on the window.');
  }

  async saveCapture(o: { defaultName: string; format: CaptureFormat }): Promise<SaveTarget | undefined> {
    const ext = `.${o.format}`;
    const name = o.defaultName.toLowerCase().endsWith(ext) ? o.defaultName : `${o.defaultName.replace(/\.(pcapng|pcap|cap)$/i, '')}${ext}`;
    const d = this.downloads.reserve(name);
    return { path: d.path, url: d.url };
  }

  /** Export Packet Dissections: a download under the name given. */
  async saveFile(o: { defaultName: string }): Promise<SaveTarget | undefined> {
    const d = this.downloads.reserve(o.defaultName);
    return { path: d.path, url: d.url };
  }
}
