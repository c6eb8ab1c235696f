// The `cap` backend (cap 0.2.1): what many users already have working (e.g. with Npcap on
// Windows). Its limits are real and shown in the UI: no kernel timestamp (Ackline stamps
// packets on arrival in JS), no wire length (taken as the captured length), no drop
// counters, snaplen fixed at 65535, promiscuous always on, one JS call per packet.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  CaptureError,
  type CaptureBackend,
  type CaptureInterfaceInfo,
  type CapturedPacket,
  type LiveCapture,
  type OpenOptions,
} from './capture-backend.js';
import { ownTreeCandidates } from './own-tree.js';

interface CapDevice {
  name: string;
  description?: string;
  addresses?: { addr?: string }[];
  flags?: string;
}

interface CapInstance {
  open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
  on(event: 'packet', fn: (nbytes: number, truncated: boolean) => void): void;
  close(): void;
  setMinBytes?(n: number): void;
}

interface CapModule {
  Cap: { new (): CapInstance; deviceList(): CapDevice[] };
}

const LINKTYPES: Record<string, number> = { ETHERNET: 1, NULL: 0, RAW: 101, IEEE802_11: 105, LINUX_SLL: 113 };
const BATCH_MS = 50;

/** cap, by absolute path in this installation's own tree (never by name: see own-tree.ts). */
export function capModuleCandidates(here?: string): string[] {
  return ownTreeCandidates('node_modules/cap', 'node_modules/cap', here);
}

function loadCap(): CapModule | null {
  const req = createRequire(import.meta.url);
  for (const dir of capModuleCandidates()) {
    if (!existsSync(path.join(dir, 'package.json'))) continue;
    try {
      return req(dir) as CapModule;
    } catch {
      /* built for another runtime: try the next */
    }
  }
  return null;
}

export const CAP_LIMITS =
  'cap backend: packets are timestamped when they reach Ackline (not by the kernel), wire lengths are not known, drop counters are not available, snapshot length is 65535 and promiscuous mode is always on.';

export function createCapBackend(): CaptureBackend | null {
  const cap = loadCap();
  if (!cap) return null;
  return {
    name: 'cap',
    limits: CAP_LIMITS,
    listInterfaces(): CaptureInterfaceInfo[] {
      return cap.Cap.deviceList().map((d) => ({
        name: d.name,
        description: d.description ?? '',
        addresses: (d.addresses ?? []).map((a) => a.addr ?? '').filter(Boolean),
        loopback: /loopback/i.test(d.flags ?? '') || d.name === 'lo',
        up: true,
        running: true,
        wireless: false,
      }));
    },
    checkFilter() {
      // cap has no compiler without an adapter: the filter is checked when capture starts.
      return null;
    },
    open(o: OpenOptions): LiveCapture {
      const c = new cap.Cap();
      const buffer = Buffer.alloc(65535);
      let linkName: string;
      try {
        linkName = c.open(o.interface, o.filter, Math.max(o.bufferSize, 1 << 20), buffer);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new CaptureError(msg, /permit|denied/i.test(msg) ? 'permission' : /filter|syntax/i.test(msg) ? 'filter' : 'other');
      }
      c.setMinBytes?.(0);
      let received = 0;
      let pending: CapturedPacket[] = [];
      let timer: ReturnType<typeof setInterval> | null = null;
      let sink: ((p: readonly CapturedPacket[], done: boolean) => void) | null = null;
      c.on('packet', (nbytes) => {
        received++;
        // cap reuses one buffer for every packet: copy once, at the edge.
        const now = Date.now();
        const data = Uint8Array.prototype.slice.call(buffer, 0, nbytes);
        pending.push({ tsSec: Math.floor(now / 1000), tsNsec: (now % 1000) * 1e6, caplen: nbytes, wirelen: nbytes, data });
      });
      const flush = (done: boolean): void => {
        const batch = pending;
        pending = [];
        if (sink && (batch.length || done)) sink(batch, done);
      };
      return {
        linktype: LINKTYPES[linkName] ?? 1,
        snaplen: 65535,
        nanoTimestamps: false,
        start(onBatch) {
          sink = onBatch;
          timer = setInterval(() => flush(false), BATCH_MS);
        },
        stop() {
          if (timer) clearInterval(timer);
          timer = null;
          c.close();
          flush(true);
        },
        stats: () => ({ received, droppedByKernel: 0, droppedByInterface: 0 }),
        close() {
          if (timer) this.stop();
        },
      };
    },
  };
}
