// Before a file replaces what the window shows: can it be opened as a capture at all? A
// folder, a device or FIFO, a file the user cannot read, and a file that does not start like
// a capture (also inside a gzip: the reader's own verdict on its first bytes) are refused here
// with one line naming the path, so the capture that is open stays open. Damage further in
// is the engine's business: it opens with every good packet before it.
import { open, stat } from 'node:fs/promises';
import { createCaptureInput } from '../capfile/capture-input.js';
import { createCaptureReader } from '../capfile/capture-reader.js';

/** Read at most this much (compressed) to find the start of a capture inside a gzip. */
const LOOK = 1 << 20;
const STEP = 64 * 1024;

/** Resolves when `file` looks openable; rejects with a one-line Error otherwise. */
export async function checkCaptureFile(file: string): Promise<void> {
  let st;
  try {
    st = await stat(file);
  } catch (e) {
    throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (!st.isFile()) throw new Error(`${file}: not a capture file (it is a ${st.isDirectory() ? 'folder' : 'special file'})`);
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === 'EACCES' || code === 'EPERM' ? 'Permission denied' : (e as Error).message}`);
  }
  try {
    const reader = createCaptureReader({ onPacket: () => undefined });
    const input = createCaptureInput((chunk) => {
      reader.push(chunk);
      return reader.format === null && reader.error === null;
    });
    const buf = new Uint8Array(STEP);
    let pos = 0;
    let more = true;
    while (more && pos < LOOK) {
      const { bytesRead } = await fh.read(buf, 0, STEP, pos);
      if (bytesRead === 0) {
        input.end();
        if (reader.format === null) reader.end();
        break;
      }
      pos += bytesRead;
      more = input.push(buf.subarray(0, bytesRead));
    }
    if (reader.format !== null) return;
    // A gzip cut short is the cause of whatever the reader then says.
    if (input.error) throw new Error(`${file}: ${input.error}`);
    if (reader.error) throw new Error(`${file}: ${reader.error.message}`);
    // Over 1 MiB of gzip without 4 bytes of output: not a compressed capture we can show.
    throw new Error(`${file}: unknown file format`);
  } finally {
    await fh.close();
  }
}
