// electron/serve/: `ackline serve`, the UI in a browser over HTTP and one WebSocket.
//
// `ackline serve [--port N] [--host 127.0.0.1] [--max-upload SIZE] [FILE]`: the app in a
// browser. The first line of output is the URL with its token (scripts and tests read it);
// the server runs until SIGINT/SIGTERM/SIGHUP, then closes every session and removes its
// temporary folder. The folder also goes when the process ends any other way Node lets us
// see (an uncaught error, process.exit): its removal is synchronous, on 'exit'.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, type CliIo } from '../cli/cli-io.js';
import { defaultConfigDir } from '../node-platform/json-file-storage.js';
import { formatBytes, parseByteSize } from '../shared/byte-size.js';
import { DEFAULT_MAX_UPLOAD, startServe, type ServeHost } from './serve-host.js';

export interface ServeArgs {
  port: number;
  host: string;
  file?: string;
  /** The largest file a browser tab may upload, in bytes. */
  maxUpload: number;
}

/** How long a stop may take before the process goes anyway (the folder is removed either way). */
const CLOSE_DEADLINE_MS = 3000;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export function parseServeArgs(args: readonly string[]): ServeArgs {
  const a: ServeArgs = { port: 0, host: '127.0.0.1', maxUpload: DEFAULT_MAX_UPLOAD };
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
    else if (x === '--max-upload') {
      const v = value();
      const n = parseByteSize(v);
      if (n === undefined || n < 1) throw new CliError(`serve: --max-upload wants a size such as 512M, 4G or 1000000 (bytes), not '${v}'`, 2);
      a.maxUpload = n;
    } else if (x.startsWith('--max-upload=')) return parseServeArgs([...args.slice(0, i), '--max-upload', x.slice(13), ...args.slice(i + 1)]);
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
    host = await startServe({ host: a.host, port: a.port, ...(file ? { file } : {}), ...layout(), configDir: defaultConfigDir(), maxUploadBytes: a.maxUpload, log: (l) => io.err(l + '\n') });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`serve: port ${a.port} is in use; pick another with --port, or --port 0 for any free one`);
    throw e;
  }
  // Forcing the exit is for the command itself, never for a caller that brings its own stop.
  const ownProcess = untilStopped === waitForSignal;
  const removeTemp = (): void => host.removeTempSync();
  process.on('exit', removeTemp);
  try {
    io.out(host.url + '\n');
    io.out(`Ackline is served at the URL above (this machine only; the token is required; uploads up to ${formatBytes(a.maxUpload)}). Stop with Ctrl+C.\n`);
    await io.flush();
    await untilStopped(host);
    // A session that does not let go (a capture process that will not stop) must not hold
    // the exit: after the deadline the process goes, and 'exit' still removes the folder.
    const deadline = new Promise<'late'>((r) => setTimeout(() => r('late'), CLOSE_DEADLINE_MS).unref());
    if ((await Promise.race([host.close().then(() => 'closed' as const), deadline])) === 'late' && ownProcess) {
      io.err(`ackline serve: the sessions did not close within ${CLOSE_DEADLINE_MS / 1000} s; stopping anyway\n`);
      await io.flush();
      process.exit(0);
    }
  } finally {
    host.removeTempSync();
    process.off('exit', removeTemp);
  }
  // Whatever still holds the event loop (a worker that will not end) does not hold the exit.
  if (ownProcess) setTimeout(() => process.exit(0), CLOSE_DEADLINE_MS).unref();
  return 0;
}

/** The first SIGINT/SIGTERM/SIGHUP stops the server; a second one ends the process at once. */
function waitForSignal(): Promise<void> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  return new Promise((resolve) => {
    const done = (): void => {
      for (const s of signals) process.off(s, done);
      const again = (sig: NodeJS.Signals): never => process.exit(sig === 'SIGINT' ? 130 : 143);
      for (const s of signals) process.once(s, again);
      resolve();
    };
    for (const s of signals) process.on(s, done);
  });
}
