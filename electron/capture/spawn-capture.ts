// Parent side of the capture process: starts it (through the privileged launcher when one is
// installed, so no Electron or Node binary ever carries file capabilities), relays its
// messages, and stops it. Used by the app's session host, `ackline serve` and the CLI.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureRequest, FromCapture } from './capture-protocol.js';

export interface CaptureProcessHandle {
  readonly pid: number | undefined;
  onMessage(fn: (m: FromCapture) => void): void;
  onExit(fn: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  stop(): void;
  kill(): void;
}

export interface SpawnOptions {
  /** The bundled capture-process script (out/capture/capture-process.mjs). */
  readonly script?: string;
  /** Runtime to run it with (default: this process's executable, as Node). */
  readonly execPath?: string;
  /** Path of the capability-carrying launcher (native/build/Release/ackline-capture-launcher or the packaged one). */
  readonly launcher?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export function defaultCaptureScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../capture/capture-process.mjs'), path.resolve(here, '../../out/capture/capture-process.mjs'), path.resolve(process.cwd(), 'out/capture/capture-process.mjs')];
  return candidates.find((c) => existsSync(c)) ?? candidates[1]!;
}

/**
 * The capability-carrying launcher to go through, when this process is not root: the one
 * named by ACKLINE_CAPTURE_LAUNCHER, the packaged one, or the one built in native/.
 */
export function findLauncher(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() === 0) return undefined;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.ACKLINE_CAPTURE_LAUNCHER,
    resources ? path.join(resources, 'app.asar.unpacked/native/build/Release/ackline-capture-launcher') : undefined,
    path.resolve(here, '../../native/build/Release/ackline-capture-launcher'),
    '/usr/local/lib/ackline/ackline-capture-launcher', // set up by grant-rights.ts (AppImage)
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

export function spawnCapture(req: CaptureRequest, opts: SpawnOptions = {}): CaptureProcessHandle {
  const script = opts.script ?? defaultCaptureScript();
  const env = { ...process.env, ...opts.env, ACKLINE_CAPTURE_REQUEST: JSON.stringify(req), ELECTRON_RUN_AS_NODE: '1' };
  let child: ChildProcess;
  const launcher = opts.launcher ?? findLauncher();
  if (launcher && existsSync(launcher)) {
    // The launcher raises its file capabilities as ambient ones and execs the runtime with the script.
    child = fork(script, [], { execPath: launcher, execArgv: [opts.execPath ?? process.execPath], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  } else {
    child = fork(script, [], { execPath: opts.execPath ?? process.execPath, execArgv: [], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }
  return {
    pid: child.pid,
    onMessage(fn) {
      child.on('message', (m) => fn(m as FromCapture));
    },
    onExit(fn) {
      child.on('exit', fn);
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
