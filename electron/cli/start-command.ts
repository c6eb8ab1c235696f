// `ackline start [FILE…]` (npm start): the desktop app when the Electron binary is
// installed, else the same app served to a browser (`ackline serve`), saying why.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './cli-io.js';

/** The Electron binary's path, or why there is none. */
function electronBinary(req: (id: string) => unknown = createRequire(import.meta.url)): { path?: string; problem?: string } {
  try {
    const p = req('electron');
    if (typeof p === 'string' && existsSync(p)) return { path: p };
    return { problem: 'the electron package has no binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}

export async function runStart(args: readonly string[], io: CliIo): Promise<number> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const bin = electronBinary();
  if (bin.path && existsSync(path.join(root, 'out/main/index.js'))) {
    const child = spawn(bin.path, [root, ...args.map((a) => path.resolve(a))], { stdio: 'inherit' });
    return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  }
  io.err(`ackline: no desktop app here (${bin.path ? 'out/main is not built: npm run build' : bin.problem}); serving the same app to your browser instead.\n`);
  const { runServe } = await import('../serve/serve-command.js');
  return runServe(args.slice(0, 1), io);
}
