// The one private temporary folder of an `ackline serve` process (/tmp/ackline-serve-XXXXXX,
// mode 0700): exports waiting to be downloaded, uploads being received or open, the files of
// the tabs' sessions. One folder, so one synchronous removal clears everything, and that
// removal can run from the process's 'exit' event (signals, an uncaught error) as well as
// from a normal close.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class ServeTemp {
  readonly root: string;
  readonly downloads: string;
  readonly uploads: string;
  readonly sessions: string;

  constructor(base: string = tmpdir()) {
    this.root = mkdtempSync(path.join(base, 'ackline-serve-'));
    this.downloads = path.join(this.root, 'downloads');
    this.uploads = path.join(this.root, 'uploads');
    this.sessions = path.join(this.root, 'sessions');
    for (const d of [this.downloads, this.uploads, this.sessions]) mkdirSync(d, { mode: 0o700 });
  }

  /** Removes the folder and everything in it; synchronous so an exit handler can call it. */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true, maxRetries: 2 });
  }
}
