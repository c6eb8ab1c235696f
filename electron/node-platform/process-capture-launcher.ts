// The session's CaptureLauncher over the capture process of electron/capture/ (through the
// capability launcher when one is installed): adapters and filter checks through the chosen
// backend, a preflight that names what is missing with a fix to copy, and a capture into a
// new pcapng file that the engine host follows while the capture process appends to it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CaptureRequest, FromCapture } from '../shared/capture-protocol.js';
import { pickBackend, type BackendChoice } from '../capture/pick-backend.js';
import { fixFor, preflight } from '../capture/preflight.js';
import { canGrant, grantRights } from '../capture/grant-rights.js';
import { probeCapture } from '../capture/probe.js';
import { spawnCapture, type CaptureProcessHandle, type SpawnOptions } from '../capture/spawn-capture.js';
import type { CaptureHandle, CaptureLauncher, Preflight } from '../session/capture-launcher.js';
import type { CaptureOptions } from '../shared/contract.js';
import type { CaptureStatsDto, InterfaceDto } from '../shared/dto.js';

export interface ProcessCaptureOptions {
  /** Folder of the capture files (a temporary folder: the user saves them elsewhere). */
  dir: string;
  /** The backend preference (Preferences.captureBackend). */
  backend: () => Promise<BackendChoice>;
  spawn?: SpawnOptions;
  /** Replaceable for tests. */
  spawnCapture?: (req: CaptureRequest, opts: SpawnOptions) => CaptureProcessHandle;
}

export class ProcessCaptureLauncher implements CaptureLauncher {
  constructor(private readonly o: ProcessCaptureOptions) {}

  private async backend() {
    return pickBackend(await this.o.backend());
  }

  async interfaces(): Promise<InterfaceDto[]> {
    const { backend } = await this.backend();
    if (!backend) return [];
    try {
      return backend.listInterfaces().map((i) => ({ ...i, addresses: [...i.addresses] }));
    } catch {
      return [];
    }
  }

  async preflight(iface: string): Promise<Preflight> {
    const { backend, problem } = await this.backend();
    if (!backend) return { ok: false, problem: `Live capture is not available: ${problem}.`, ...opt('fix', fixFor('unavailable', iface)) };
    if (iface && !backend.listInterfaces().some((i) => i.name === iface)) return { ok: false, problem: `There is no interface named "${iface}".`, ...opt('fix', fixFor('no-such-device', iface)) };
    const basic = preflight(iface);
    if (!basic.ok || !iface || process.platform !== 'linux' || process.getuid?.() === 0) return basic;
    // Not root: only opening the adapter through the launcher tells whether the rights are there.
    const probe = await probeCapture(iface, await this.o.backend(), this.o.spawn ?? {});
    if (probe.ok) return { ok: true };
    return {
      ok: false,
      problem: `Ackline cannot capture on ${iface}: ${probe.message ?? 'permission denied'}.`,
      ...opt('fix', probe.fix ?? fixFor(probe.reason ?? 'other', iface)),
      ...(probe.reason === 'permission' && canGrant() ? { grant: true } : {}),
    };
  }

  async grantRights(): Promise<{ ok: boolean; message: string }> {
    return grantRights();
  }

  async checkFilter(filter: string): Promise<{ ok: boolean; error?: string }> {
    const { backend, problem } = await this.backend();
    if (!backend) return { ok: false, error: problem };
    const error = backend.checkFilter(filter);
    return error === null ? { ok: true } : { ok: false, error };
  }

  async start(options: CaptureOptions): Promise<CaptureHandle> {
    mkdirSync(this.o.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(this.o.dir, `ackline-${options.interface.replace(/[^\w.-]+/g, '_')}-${stamp}.pcapng`);
    const req: CaptureRequest = {
      interface: options.interface,
      filter: options.filter,
      snaplen: options.snaplen,
      promiscuous: options.promiscuous,
      bufferSize: options.bufferSizeMb * 1024 * 1024,
      count: 0,
      file,
      backend: await this.o.backend(),
    };
    const child = (this.o.spawnCapture ?? spawnCapture)(req, this.o.spawn ?? {});
    let stopping = false;
    let last: CaptureStatsDto = { received: 0, droppedByKernel: 0, droppedByInterface: 0 };
    const stopped: ((s: CaptureStatsDto) => void)[] = [];
    const exits: ((error?: string) => void)[] = [];
    const statsListeners: ((s: CaptureStatsDto) => void)[] = [];
    let failure: string | undefined;
    const backend = await new Promise<string>((resolve, reject) => {
      child.onMessage((m: FromCapture) => {
        if (m.type === 'started') resolve(m.limits ? `${m.backend} (${m.limits})` : m.backend);
        else if (m.type === 'error') {
          failure = m.fix ? `${m.message}\n${m.fix}` : m.message;
          reject(new Error(failure));
        } else if (m.type === 'stats') {
          last = { ...m.stats };
          for (const f of statsListeners) f(last);
        } else if (m.type === 'stopped') {
          last = { ...m.stats };
          for (const f of stopped.splice(0)) f(last);
        }
      });
      child.onExit((code, signal) => {
        const error = stopping ? undefined : (failure ?? `the capture process ended (${signal ?? `exit code ${code}`})`);
        reject(new Error(error ?? 'the capture process ended'));
        for (const f of stopped.splice(0)) f(last);
        for (const f of exits) f(error);
      });
    });
    return {
      file,
      backend,
      stop: () => {
        stopping = true;
        return new Promise<CaptureStatsDto>((resolve) => {
          stopped.push(resolve);
          child.stop();
        });
      },
      onExit: (fn) => void exits.push(fn),
      onStats: (fn) => void statsListeners.push(fn),
    };
  }
}

function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}
