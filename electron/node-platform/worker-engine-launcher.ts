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

export class WorkerEngineLauncher implements EngineLauncher {
  constructor(private readonly opts: WorkerEngineLauncherOptions = {}) {}

  start(): EngineHandle {
    const entry = this.opts.entry ?? new URL('./engine-worker.mjs', import.meta.url);
    const worker = new Worker(entry, this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {});
    const attach = (role: EngineAttach['role']): Endpoint => {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ t: 'attach', role, port: port2 } satisfies EngineAttach & { port: unknown }, [port2]);
      return nodePortEndpoint(port1);
    };
    const control = attach('control');
    const listeners: ((e: EngineExit) => void)[] = [];
    let exit: EngineExit | null = null;
    let killed = false;
    let lastError: string | null = null;
    worker.on('error', (e) => {
      lastError = e instanceof Error ? e.message : String(e);
    });
    worker.on('exit', (code) => {
      const unexpected = !killed;
      const reason = killed ? 'stopped' : lastError ? `the engine crashed: ${lastError}` : `the engine exited with code ${code}`;
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
