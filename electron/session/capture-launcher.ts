// Live capture as the session sees it. The capture process belongs to the capture issue; the
// session only needs to list adapters, ask "can we capture here?", and start/stop a capture
// into a file that an engine host follows. Hosts without a capture process use
// UnavailableCapture, whose preflight says so plainly instead of failing later.
import type { CaptureOptions } from '../shared/contract.js';
import type { CaptureStatsDto, InterfaceDto } from '../shared/dto.js';

export interface Preflight {
  ok: boolean;
  problem?: string;
  fix?: string;
  /** The launcher can set the rights up itself (grantRights) after an administrator prompt. */
  grant?: boolean;
}

export interface CaptureHandle {
  /** The session's capture file, growing while the capture runs (pcapng). */
  readonly file: string;
  /** Name of the backend in use and its limits ("native (libpcap 1.10)", "cap: host-arrival timestamps"). */
  readonly backend: string;
  stop(): Promise<CaptureStatsDto>;
  onExit(fn: (error?: string) => void): void;
  /** Counters from the capture process, about once a second. */
  onStats?(fn: (stats: CaptureStatsDto) => void): void;
}

export interface CaptureLauncher {
  interfaces(): Promise<InterfaceDto[]>;
  preflight(iface: string): Promise<Preflight>;
  checkFilter(filter: string): Promise<{ ok: boolean; error?: string }>;
  start(options: CaptureOptions): Promise<CaptureHandle>;
  /** Sets up capture rights through the OS's administrator prompt, when the host can. */
  grantRights?(): Promise<{ ok: boolean; message: string }>;
}

/** Used where no capture process can run: every preflight gives the reason and its fix. */
export class UnavailableCapture implements CaptureLauncher {
  constructor(
    private readonly problem = 'Live capture is not available in this build: the capture process is missing.',
    private readonly fix = 'Install Ackline from its package (deb, rpm, dmg or the Windows installer), which sets up the capture helper and its rights.',
  ) {}

  async interfaces(): Promise<InterfaceDto[]> {
    return [];
  }

  async preflight(): Promise<Preflight> {
    return { ok: false, problem: this.problem, fix: this.fix };
  }

  async checkFilter(): Promise<{ ok: boolean; error?: string }> {
    return { ok: false, error: this.problem };
  }

  async start(): Promise<CaptureHandle> {
    throw new Error(`${this.problem} ${this.fix}`);
  }
}
