// Export destinations on disk: written to a temporary name beside the target and renamed
// into place on success, so a cancelled or failed export never leaves half a file.
import { open, rename, unlink } from 'node:fs/promises';
import type { ByteSink } from '../engine/workspace/exporter.js';

export async function openFileSink(path: string): Promise<ByteSink> {
  const part = `${path}.part-${process.pid}-${Date.now()}`;
  const fh = await open(part, 'wx', 0o644);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (!pendingBytes) return;
    const buf = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await fh.write(buf, 0, buf.length);
  };
  return {
    async write(chunk) {
      // Many small blocks: gather them into writes of about a mebibyte.
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= 1 << 20) await flush();
    },
    async close() {
      await flush();
      await fh.close();
      await rename(part, path);
    },
    async abort() {
      await fh.close().catch(() => undefined);
      await unlink(part).catch(() => undefined);
    },
  };
}
