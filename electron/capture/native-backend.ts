// The Node-API libpcap binding (native/): kernel timestamps, wire lengths, drop counters,
// batched delivery. One build loads in Node and in Electron (Node-API is ABI-stable).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  CaptureError,
  type CaptureBackend,
  type CaptureInterfaceInfo,
  type CapturedPacket,
  type CaptureStats,
  type LiveCapture,
  type OpenOptions,
} from './capture-backend.js';
import { ownTreeCandidates } from './own-tree.js';

interface NativeDev {
  name: string;
  description: string;
  addresses: { addr: string; netmask: string; broadaddr: string }[];
  loopback: boolean;
  up: boolean;
  running: boolean;
  wireless: boolean;
}

export interface NativeModule {
  libVersion(): string;
  findAllDevs(): NativeDev[];
  compileFilter(linktype: number, snaplen: number, expr: string): { ok: boolean; error?: string };
  open(dev: string, opts: object): object;
  setFilter(h: object, expr: string): void;
  info(h: object): { linktype: number; snaplen: number; nano: boolean };
  start(h: object, cb: (buf: ArrayBuffer | null, count: number, done: boolean, error?: string) => void): void;
  stop(h: object): void;
  stats(h: object): CaptureStats & { readonly batchesCopied?: number };
  close(h: object): void;
  /** Drops every capability of every thread; returns what is left (hex, as in /proc). */
  dropCapabilities(): { threads: number; effective: string; permitted: string; inheritable: string; ambient: string };
}

/** Where the addon may be: only in this installation's own tree (see own-tree.ts). */
export function nativeModuleCandidates(here?: string): string[] {
  return ownTreeCandidates('ackline_pcap.node', 'native/build/Release/ackline_pcap.node', here);
}

let loaded: NativeModule | null | undefined;
let loadError = '';

export function loadNative(): NativeModule | null {
  if (loaded !== undefined) return loaded;
  const req = createRequire(import.meta.url);
  for (const p of nativeModuleCandidates()) {
    if (!existsSync(p)) continue;
    try {
      loaded = req(p) as NativeModule;
      return loaded;
    } catch (e) {
      loadError = `${p}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  loadError ||= 'the native capture module is not built (run `npm run build:native`)';
  loaded = null;
  return null;
}

export function nativeLoadError(): string {
  return loadError;
}

function toCaptureError(e: unknown): CaptureError {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  switch (err.code) {
    case 'ACKLINE_PERM_DENIED':
      return new CaptureError(msg, 'permission');
    case 'ACKLINE_NO_SUCH_DEVICE':
      return new CaptureError(msg, 'no-such-device');
    case 'ACKLINE_IFACE_NOT_UP':
      return new CaptureError(msg, 'not-up');
    case 'ACKLINE_FILTER':
      return new CaptureError(msg, 'filter');
    default:
      return new CaptureError(msg, /permission|not permitted/i.test(msg) ? 'permission' : 'other');
  }
}

/** Splits one batch buffer into packets (see native/src/capture.c for the record layout). */
export function parseBatch(buf: ArrayBuffer, count: number, fracScale = 1): CapturedPacket[] {
  const dv = new DataView(buf);
  const bytes = new Uint8Array(buf);
  const out: CapturedPacket[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 20 <= buf.byteLength; i++) {
    const secLo = dv.getUint32(p, true);
    const secHi = dv.getUint32(p + 4, true);
    const frac = dv.getUint32(p + 8, true);
    const caplen = dv.getUint32(p + 12, true);
    const wirelen = dv.getUint32(p + 16, true);
    out.push({ tsSec: secHi * 2 ** 32 + secLo, tsNsec: frac * fracScale, caplen, wirelen, data: bytes.subarray(p + 20, p + 20 + caplen) });
    p += 20 + ((caplen + 3) & ~3);
  }
  return out;
}

export function createNativeBackend(): CaptureBackend | null {
  const m = loadNative();
  if (!m) return null;
  return {
    name: 'native',
    limits: '',
    listInterfaces(): CaptureInterfaceInfo[] {
      return m.findAllDevs().map((d) => ({
        name: d.name,
        description: d.description,
        addresses: d.addresses.map((a) => a.addr),
        loopback: d.loopback,
        up: d.up,
        running: d.running,
        wireless: d.wireless,
      }));
    },
    checkFilter(expression, linktype = 1) {
      const r = m.compileFilter(linktype, 262144, expression);
      return r.ok ? null : (r.error ?? 'invalid filter');
    },
    open(o: OpenOptions): LiveCapture {
      let h: object;
      try {
        h = m.open(o.interface, { snaplen: o.snaplen, promisc: o.promiscuous, immediate: o.immediate, bufferSize: o.bufferSize, nano: true });
      } catch (e) {
        throw toCaptureError(e);
      }
      try {
        if (o.filter.trim()) m.setFilter(h, o.filter);
      } catch (e) {
        m.close(h);
        throw toCaptureError(e);
      }
      const info = m.info(h);
      const nano = info.nano;
      return {
        linktype: info.linktype,
        snaplen: info.snaplen,
        nanoTimestamps: nano,
        start(onBatch) {
          m.start(h, (buf, count, done, error) => {
            // The binding reports the fraction in the unit the handle was opened with.
            onBatch(buf ? parseBatch(buf, count, nano ? 1 : 1000) : [], done, error);
          });
        },
        stop: () => m.stop(h),
        // Only the counters the protocol carries: the binding also reports diagnostics (batchesCopied).
        stats: () => {
          const st = m.stats(h);
          return { received: st.received, droppedByKernel: st.droppedByKernel, droppedByInterface: st.droppedByInterface, droppedByApplication: st.droppedByApplication ?? 0 };
        },
        close: () => m.close(h),
      };
    },
  };
}
