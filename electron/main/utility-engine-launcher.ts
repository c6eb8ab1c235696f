// The EngineLauncher of the desktop app: the engine host runs in an unprivileged Electron
// utilityProcess (out/utility/engine-host.js). Main keeps the control port; each renderer
// gets its own MessageChannelMain port straight to the engine, so packet data never passes
// through main (main only brokers the ports).
import type { MessageChannelMain as MessageChannelMainType, MessagePortMain, UtilityProcess } from 'electron';
import type { EngineExit, EngineHandle, EngineLauncher } from '../session/engine-launcher.js';
import type { EngineAttach } from '../shared/engine-control.js';
import type { Endpoint } from '../shared/rpc.js';

export interface UtilityApi {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'ignore' | 'pipe' }): UtilityProcess;
}

export interface UtilityEngineHandle extends EngineHandle {
  /** A new client port for a renderer (transfer it with webContents.postMessage). */
  connectPort(): MessagePortMain;
}

function portEndpoint(port: MessagePortMain): Endpoint {
  return {
    post: (message) => port.postMessage(message),
    listen: (handler) => {
      port.on('message', (e) => handler(e.data));
      port.start();
    },
  };
}

export class UtilityEngineLauncher implements EngineLauncher {
  constructor(
    private readonly utility: UtilityApi,
    private readonly Channel: new () => MessageChannelMainType,
    private readonly modulePath: string,
  ) {}

  start(): UtilityEngineHandle {
    const child = this.utility.fork(this.modulePath, [], { serviceName: 'Ackline engine', stdio: 'inherit' });
    let killed = false;
    let done = false;
    const exits: ((e: EngineExit) => void)[] = [];
    const finish = (e: EngineExit): void => {
      if (done) return;
      done = true;
      for (const fn of exits) fn(e);
    };
    child.once('exit', (code: number) => {
      finish({ code, reason: killed ? 'stopped' : code === 0 ? 'the engine host exited' : `the engine host crashed (exit code ${code})`, unexpected: !killed });
    });
    // A fatal V8 error (out of memory …) comes first as 'error', then 'exit'.
    child.on('error', (type: string) => {
      if (!killed) finish({ code: null, reason: `the engine host crashed (${type})`, unexpected: true });
    });
    const attach = (role: EngineAttach['role']): MessagePortMain => {
      const { port1, port2 } = new this.Channel();
      child.postMessage({ t: 'attach', role } satisfies EngineAttach, [port2]);
      return port1;
    };
    const control = attach('control');
    return {
      port: portEndpoint(control),
      connect: () => portEndpoint(attach('client')),
      connectPort: () => attach('client'),
      onExit: (fn) => void exits.push(fn),
      kill: () => {
        if (done) return;
        killed = true;
        control.close();
        child.kill();
      },
    };
  }
}
