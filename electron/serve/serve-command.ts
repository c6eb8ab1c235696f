// electron/serve/: `ackline serve`, the UI in a browser over HTTP and one WebSocket.
//
// `ackline serve [--port N] [--host 127.0.0.1] [FILE]`: the app in a browser. The first
// line of output is the URL with its token (scripts and tests read it); the server runs
// until SIGINT/SIGTERM, then closes every session and removes its downloads.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, type CliIo } from '../cli/cli-io.js';
import { defaultConfigDir } from '../node-platform/json-file-storage.js';
import { startServe, type ServeHost } from './serve-host.js';

export interface ServeArgs {
  port: number;
  host: string;
  file?: string;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export function parseServeArgs(args: readonly string[]): ServeArgs {
  const a: ServeArgs = { port: 0, host: '127.0.0.1' };
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new CliError(`serve: ${x} needs a value`, 2);
      return v;
    };
    if (x === '--port' || x === '-p') {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) throw new CliError(`serve: --port wants a number from 0 to 65535 (0 = any free port), not '${v}'`, 2);
      a.port = n;
    } else if (x.startsWith('--port=')) return parseServeArgs([...args.slice(0, i), '--port', x.slice(7), ...args.slice(i + 1)]);
    else if (x === '--host') a.host = value();
    else if (x.startsWith('-')) throw new CliError(`serve: unknown option '${x}'`, 2);
    else if (a.file) throw new CliError('serve: only one FILE can be given', 2);
    else a.file = x;
  }
  // The token guards the page, but the UI also exposes the files this user can read:
  // it stays on this machine. From elsewhere, use an SSH tunnel (ssh -L PORT:127.0.0.1:PORT).
  if (!LOOPBACK.test(a.host)) throw new CliError(`serve: --host must be a loopback address (127.0.0.1, ::1); to reach it from another machine use ssh -L ${a.port || 'PORT'}:127.0.0.1:${a.port || 'PORT'} this-host`, 2);
  if (a.host === 'localhost') a.host = '127.0.0.1';
  return a;
}

/** Where the bundle's neighbours are: out/renderer, build/samples (from out/cli/ackline.mjs). */
function layout(): { rendererDir: string; samplesDir: string } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '../..');
  return { rendererDir: path.join(root, 'out/renderer'), samplesDir: path.join(root, 'build/samples') };
}

export async function runServe(args: readonly string[], io: CliIo, untilStopped: (host: ServeHost) => Promise<void> = waitForSignal): Promise<number> {
  const a = parseServeArgs(args);
  const file = a.file ? path.resolve(a.file) : undefined;
  let host: ServeHost;
  try {
    host = await startServe({ host: a.host, port: a.port, ...(file ? { file } : {}), ...layout(), configDir: defaultConfigDir(), log: (l) => io.err(l + '\n') });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`serve: port ${a.port} is in use; pick another with --port, or --port 0 for any free one`);
    throw e;
  }
  io.out(host.url + '\n');
  io.out(`Ackline is served at the URL above (this machine only; the token is required). Stop with Ctrl+C.\n`);
  await io.flush();
  await untilStopped(host);
  await host.close();
  return 0;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
