// TEST-ONLY: the built `ackline serve` as a child process, with a private TMPDIR (so what it
// leaves behind is its own and nobody else's), its stderr kept, and its peak RSS read from
// /proc/PID/status (VmHWM) the way the issue measures it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../support/captures.js';

export const CLI = path.join(repoRoot, 'electron/cli/ackline.mjs');
export const cliBuilt = (): boolean => existsSync(path.join(repoRoot, 'out/cli/ackline.mjs')) && existsSync(path.join(repoRoot, 'out/cli/engine-worker.mjs'));

export interface ServeProcess {
  proc: ChildProcess;
  pid: number;
  url: string;
  base: string;
  port: number;
  token: string;
  /** The child's TMPDIR: everything it creates under tmpdir() lands here. */
  tmp: string;
  stderr(): string;
  /** Peak resident set size so far, in bytes (VmHWM). */
  peakRss(): number;
  /** Current resident set size, in bytes (VmRSS). */
  rss(): number;
  /** What the child left in its TMPDIR whose name starts with `prefix`. */
  leftovers(prefix?: string): string[];
  alive(): boolean;
  /** Resolves when the child exits, for whatever reason. */
  exited: Promise<void>;
  /** Sends `signal` and waits for the exit; resolves with the code/signal and how long it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Kills it if still running and removes its TMPDIR. */
  dispose(): Promise<void>;
}

function statusField(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export interface ServeProcessOptions {
  readonly env?: Record<string, string>;
  /** Another script that runs the CLI (given the same arguments); default the CLI itself. */
  readonly entry?: string;
  /** Fills the host's config folder (…/ackline: recent files, preferences) before it starts. */
  readonly seed?: (configDir: string) => void;
}

export async function startServeProcess(args: readonly string[] = [], options: ServeProcessOptions = {}): Promise<ServeProcess> {
  const { env = {}, entry = CLI, seed } = options;
  const tmp = mkdtempSync(path.join(tmpdir(), 'ackline-test-serve-'));
  const config = path.join(tmp, 'config');
  if (seed) {
    mkdirSync(path.join(config, 'ackline'), { recursive: true });
    seed(path.join(config, 'ackline'));
  }
  const proc = spawn(process.execPath, [entry, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp, XDG_CONFIG_HOME: config, ...env },
  });
  let err = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => (err += d));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (c) => reject(new Error(`serve exited with ${c}: ${err}`)));
  });
  const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(first);
  if (!m) throw new Error(`unexpected first line: ${first}`);
  // Keep reading stdout so the child never blocks on a full pipe.
  proc.stdout!.resume();
  const alive = (): boolean => proc.exitCode === null && proc.signalCode === null;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const pid = proc.pid!;
  return {
    proc,
    pid,
    url: first,
    base: `http://127.0.0.1:${m[1]}`,
    port: Number(m[1]),
    token: m[2]!,
    tmp,
    stderr: () => err,
    peakRss: () => statusField(pid, 'VmHWM'),
    rss: () => statusField(pid, 'VmRSS'),
    leftovers: (prefix = 'ackline-') => readdirSync(tmp).filter((n) => n.startsWith(prefix)),
    alive,
    exited,
    async stop(signal = 'SIGTERM') {
      const t0 = Date.now();
      if (!alive()) return { code: proc.exitCode, signal: proc.signalCode, ms: 0 };
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, sig) => r({ code, signal: sig })));
      proc.kill(signal);
      return { ...(await exited), ms: Date.now() - t0 };
    },
    async dispose() {
      if (alive()) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGKILL');
        await exited;
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
