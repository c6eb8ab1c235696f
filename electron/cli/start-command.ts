// `ackline start` (npm start): the desktop app when Electron's binary and a display are
// available, otherwise the same app served to a browser (`ackline serve`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './cli-io.js';

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export async function runStart(args: readonly string[], io: CliIo, serve: (args: readonly string[]) => Promise<number>): Promise<number> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const bin = electronBinary();
  const main = path.join(root, 'out/main/index.js');
  if (bin && hasDisplay() && existsSync(main)) {
    const child = spawn(bin, [root, ...args], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
    return await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }
  const why = !bin ? 'the Electron binary is not installed' : !hasDisplay() ? 'there is no display' : 'the desktop app is not built (npm run build)';
  io.err(`ackline: ${why}; serving the app to a browser instead.\n`);
  return serve(args);
}
