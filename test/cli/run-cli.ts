// Runs the `ackline` command in-process through main() with an in-memory CliIo: files are
// read in 4 KiB chunks (or by the given readChunks), output and errors are collected, time is UTC.
import { readFileSync } from 'node:fs';
import type { CliIo } from '../../electron/cli/cli-io.js';
import { main } from '../../electron/cli/main.js';

export async function runCli(argv: string[], readChunks?: CliIo['readChunks']): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    readChunks:
      readChunks ??
      (async (p, onChunk) => {
        const b = new Uint8Array(readFileSync(p));
        for (let o = 0; o < b.length; o += 4096) onChunk(b.subarray(o, o + 4096));
      }),
    openSource: () => Promise.reject(new Error('unused')),
    tzOffset: () => 0,
    flush: async () => {},
  };
  const code = await main(argv, io);
  return { code, out, err };
}
