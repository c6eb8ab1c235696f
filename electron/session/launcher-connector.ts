// EngineConnector over an EngineLauncher: one engine host per opened capture (a clean
// process per file: closing it frees everything, a crash takes nothing else down). The
// session drives it through the control channel; the host-specific `attachClient` connects
// the renderer straight to the engine (a MessagePort in Electron, the socket's 'engine'
// channel in serve) before the file starts loading, so no update is missed.
import { randomBytes } from 'node:crypto';
import { EngineEvents } from '../shared/contract.js';
import { EngineControlAll } from '../shared/engine-control.js';
import { RpcClient } from '../shared/rpc.js';
import type { EngineConnector, EngineInstance, EngineSource } from './engine-connector.js';
import type { EngineHandle } from './engine-launcher.js';

export type ControlClient = RpcClient<typeof EngineControlAll, typeof EngineEvents>;

export class LauncherEngineConnector<H extends EngineHandle = EngineHandle> implements EngineConnector {
  constructor(
    private readonly launcher: { start(): H },
    /** Connects this session's renderer to the new engine (replacing any previous one). */
    private readonly attachClient: (handle: H) => void,
  ) {}

  async open(source: EngineSource, beforeLoad?: () => void): Promise<EngineInstance> {
    const handle: H = this.launcher.start();
    // Updates go to every port; the control side does not need them validated.
    const control: ControlClient = new RpcClient(handle.port, EngineEvents, false);
    let exited: string | undefined;
    const exitListeners: ((error?: string) => void)[] = [];
    handle.onExit((exit) => {
      exited = exit.reason;
      control.fail(`the engine host stopped: ${exit.reason}`);
      for (const fn of exitListeners) fn(exit.unexpected ? exit.reason : undefined);
    });
    try {
      this.attachClient(handle);
      beforeLoad?.();
      if (source.live) await control.call('follow', { path: source.path });
      else await control.call('open', { path: source.path });
    } catch (e) {
      handle.kill();
      throw e instanceof Error ? e : new Error(String(e));
    }
    return {
      async exportTo(path, selection, format) {
        if (exited !== undefined) throw new Error(`the engine host stopped: ${exited}`);
        // The engine writes only where the session said, once: the token names the grant.
        const token = randomBytes(16).toString('hex');
        await control.call('grantExport', { token, path });
        return control.call('exportTo', { token, selection, format });
      },
      async exportDissections(path, request) {
        if (exited !== undefined) throw new Error(`the engine host stopped: ${exited}`);
        const token = randomBytes(16).toString('hex');
        await control.call('grantExport', { token, path });
        return control.call('exportDissections', { ...request, token });
      },
      captureStats(stats) {
        control.call('stats', stats).catch(() => undefined);
      },
      async captureStopped(stats) {
        await control.call('endFollow', stats ? { stats } : {}).catch(() => undefined);
      },
      onExit(fn) {
        exitListeners.push(fn);
      },
      kill() {
        handle.kill();
      },
    };
  }
}
