// Test helper: runs `ackline tshark ...` in-process with an in-memory CliIo and returns its
// stdout exactly as the command wrote it (bytes as latin1 code units, like the Node host).
import { readFileSync } from 'node:fs';
import type { CliIo } from '../../electron/cli/cli-io.js';
import { main } from '../../electron/cli/main.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  let err = '';
  const io: CliIo = {
    out: (s) => void out.push(s),
    err: (s) => void (err += s),
    async readChunks(p, onChunk) {
      let b: Uint8Array;
      try {
        b = new Uint8Array(readFileSync(p));
      } catch {
        const { CliError } = await import('../../electron/cli/cli-io.js');
        throw new CliError(`${p}: No such file or directory`);
      }
      for (let o = 0; o < b.length; o += 1 << 20) onChunk(b.subarray(o, o + (1 << 20)));
    },
    openSource: () => Promise.reject(new Error('unused')),
    tzOffset: () => 0,
    flush: async () => {},
  };
  const code = await main(argv, io);
  return { code, out: out.join(''), err };
}

/** The command's stdout as the bytes the Node host would write (latin1 code units). */
export function outBytes(r: CliResult): Buffer {
  return Buffer.from(r.out, 'latin1');
}
