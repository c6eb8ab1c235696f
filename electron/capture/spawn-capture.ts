// Parent side of the capture process: starts it (through an installed capture launcher when
// this process is not root, so no Electron or Node binary ever carries file capabilities),
// validates and relays its messages, and stops it. Used by the app's session host,
// `ackline serve` and the CLI.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FromCapture, type CaptureRequest } from '../shared/capture-protocol.js';
import { bundleDir } from './own-tree.js';
import { findLauncher } from './find-launcher.js';
import { fixFor, installKind, linuxRightsFix } from './preflight.js';

export interface CaptureProcessHandle {
  readonly pid: number | undefined;
  onMessage(fn: (m: FromCapture) => void): void;
  onExit(fn: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  stop(): void;
  kill(): void;
}

export interface SpawnOptions {
  /** The bundled capture-process script (out/capture/capture-process.mjs); without a launcher only. */
  readonly script?: string;
  /** Runtime to run it with (default: this process's executable, as Node); without a launcher only. */
  readonly execPath?: string;
  /**
   * The capture launcher to go through (default: findLauncher(); null: none). It takes no
   * arguments and starts the runtime and script compiled into it, with none of our
   * environment but the request.
   */
  readonly launcher?: string | null;
  readonly env?: NodeJS.ProcessEnv;
}

export function defaultCaptureScript(): string {
  const here = bundleDir();
  const candidates = [path.resolve(here, '../capture/capture-process.mjs'), path.resolve(here, '../../out/capture/capture-process.mjs')];
  return candidates.find((c) => existsSync(c)) ?? candidates[1]!;
}

const LAUNCHER_LINE = /^ackline-capture-launcher: (.*)$/;

export function spawnCapture(req: CaptureRequest, opts: SpawnOptions = {}): CaptureProcessHandle {
  // The capture process starts in "/" when launched: a relative file name means ours.
  const request = JSON.stringify({ ...req, file: req.file ? path.resolve(req.file) : '' });
  const launcher = opts.launcher === undefined ? findLauncher() : opts.launcher;
  let child: ChildProcess;
  if (launcher) {
    // spawn with an 'ipc' entry sets NODE_CHANNEL_FD; the launcher passes it on, checked.
    child = spawn(launcher, [], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], env: { ACKLINE_CAPTURE_REQUEST: request } });
  } else {
    const env = { ...process.env, ...opts.env, ACKLINE_CAPTURE_REQUEST: request, ELECTRON_RUN_AS_NODE: '1' };
    child = fork(opts.script ?? defaultCaptureScript(), [], { execPath: opts.execPath ?? process.execPath, execArgv: [], env, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  }
  const listeners: ((m: FromCapture) => void)[] = [];
  let heard = false;
  const deliver = (m: FromCapture): void => {
    heard = true;
    // Only this side knows how Ackline was installed, so the fix for missing rights is ours.
    const out = m.type === 'error' && m.reason === 'permission' ? { ...m, fix: fixFor('permission', req.interface) ?? m.fix } : m;
    for (const fn of listeners) fn(out);
  };
  child.on('message', (raw) => {
    const m = FromCapture.safeParse(raw);
    if (m.success) deliver(m.data);
    else {
      deliver({ type: 'error', reason: 'other', message: 'the capture process sent a message Ackline does not understand; it was stopped' });
      child.kill('SIGKILL');
    }
  });
  // The launcher's refusals are one line on stderr: they become the error of this capture.
  // Anything else the process prints goes on to ours.
  let refusal = '';
  let partial = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = LAUNCHER_LINE.exec(line);
      if (m) refusal ||= m[1]!;
      else process.stderr.write(`${line}\n`);
    }
  });
  const exits: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  let ended = false;
  const end = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (ended) return;
    ended = true;
    if (partial) process.stderr.write(partial);
    if (!heard && refusal) {
      // 78: what the launcher would start is not an administrator's file any more; installing
      // again (package, script or "Set up capture rights") puts it right.
      const fix = code === 78 && process.platform === 'linux' ? linuxRightsFix(installKind(), undefined) : undefined;
      deliver({ type: 'error', reason: code === 77 ? 'permission' : 'other', message: refusal, ...(fix ? { fix } : {}) });
    }
    for (const fn of exits) fn(code, signal);
  };
  child.on('error', (e) => {
    if (!heard) deliver({ type: 'error', reason: 'other', message: `cannot start the capture process: ${e.message}` });
    if (child.pid === undefined) end(null, null); // never started: no 'close' to wait for
  });
  // 'close' (not 'exit'): stderr has been read to its end by then.
  child.on('close', end);
  return {
    pid: child.pid,
    onMessage(fn) {
      listeners.push(fn);
    },
    onExit(fn) {
      exits.push(fn);
    },
    stop() {
      if (child.connected) child.send({ type: 'stop' });
      else child.kill('SIGTERM');
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}
