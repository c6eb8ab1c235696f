// The Node implementation of EngineLauncher: the engine host in a worker thread (its own
// V8 heap, with an optional memory cap, so an out-of-memory or a crash ends the worker and
// is reported through onExit, never the serving process).
import { MessageChannel, Worker, type ResourceLimits } from 'node:worker_threads';
import type { EngineExit, EngineHandle, EngineLauncher } from '../session/engine-launcher.js';
import type { EngineAttach } from '../shared/engine-control.js';
import type { Endpoint } from '../shared/rpc.js';
import { nodePortEndpoint } from './port-endpoint.js';

export interface WorkerEngineLauncherOptions {
  /** The bundled worker entry (engine-process/worker-entry.ts built to out/cli/engine-worker.mjs); default beside this module. */
  readonly entry?: string | URL;
  readonly resourceLimits?: ResourceLimits;
}

interface Spawned {
  readonly worker: Worker;
  exited: boolean;
  /** The worker's last error, if any (reported with its exit). */
  error: string | null;
}

/** How long after handing out a worker the next spare starts: not while the file opens. */
const SPARE_DELAY_MS = 1500;

export class WorkerEngineLauncher implements EngineLauncher {
  /**
   * A worker started ahead of the next open: starting one (a thread and a 1.5 MB bundle to
   * compile) took 0.1-0.3 s of the time to first rows. Unreferenced while it waits, so it
   * never keeps the process alive.
   */
  private spare: Spawned | null = null;

  constructor(private readonly opts: WorkerEngineLauncherOptions & { readonly spare?: boolean } = {}) {
    if (opts.spare) this.spare = this.spawn();
  }

  private spawn(): Spawned {
    const entry = this.opts.entry ?? new URL('./engine-worker.mjs', import.meta.url);
    const w: Spawned = { worker: new Worker(entry, this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}), exited: false, error: null };
    // Listened to from the start: a worker's 'error' with no listener would throw in this process.
    w.worker.on('error', (e) => {
      w.error = e instanceof Error ? e.message : String(e);
    });
    w.worker.once('exit', () => {
      w.exited = true;
    });
    w.worker.unref();
    return w;
  }

  start(): EngineHandle {
    const ready = this.spare && !this.spare.exited ? this.spare : null;
    this.spare = null;
    const spawned = ready ?? this.spawn();
    const worker = spawned.worker;
    worker.ref();
    if (this.opts.spare) {
      const t = setTimeout(() => {
        this.spare ??= this.spawn();
      }, SPARE_DELAY_MS);
      t.unref();
    }
    const attach = (role: EngineAttach['role']): Endpoint => {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ t: 'attach', role, port: port2 } satisfies EngineAttach & { port: unknown }, [port2]);
      return nodePortEndpoint(port1);
    };
    const control = attach('control');
    const listeners: ((e: EngineExit) => void)[] = [];
    let exit: EngineExit | null = null;
    let killed = false;
    worker.on('exit', (code) => {
      const unexpected = !killed;
      const reason = killed ? 'stopped' : spawned.error ? `the engine crashed: ${spawned.error}` : `the engine exited with code ${code}`;
      exit = { code, reason, unexpected };
      for (const cb of listeners.splice(0)) cb(exit);
    });
    return {
      port: control,
      connect: () => attach('client'),
      onExit(cb) {
        if (exit) cb(exit);
        else listeners.push(cb);
      },
      kill() {
        killed = true;
        void worker.terminate();
      },
    };
  }
}
