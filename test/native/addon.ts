// Test support for the libpcap binding itself: loads native/build/Release/ackline_pcap.node
// directly (not through electron/capture/native-backend.ts, so these tests reach the C code
// with nothing in between), sends UDP to 127.0.0.1 and checks every batch record by record.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ADDON_PATH = path.resolve(here, '../../native/build/Release/ackline_pcap.node');
const CHILD = path.join(here, 'capture-child.mjs');

export type BatchCallback = (buf: ArrayBuffer | null, count: number, done: boolean, error?: string) => void;

export interface NativeStats {
  received: number;
  droppedByKernel: number;
  droppedByInterface: number;
  droppedByApplication?: number;
  batchesCopied?: number;
}

export interface Addon {
  open(dev: string, opts?: object): object;
  setFilter(h: object, expr: string): void;
  info(h: object): { linktype: number; snaplen: number; nano: boolean };
  start(h: object, cb: BatchCallback): void;
  stop(h: object): void;
  stats(h: object): NativeStats;
  close(h: object): void;
}

export const addon: Addon | null = existsSync(ADDON_PATH) ? (createRequire(import.meta.url)(ADDON_PATH) as Addon) : null;
/** Live capture on lo needs CAP_NET_RAW: these tests run as root (CI) and are skipped otherwise. */
export const canCapture = addon !== null && process.getuid?.() === 0;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A port of our own, so parallel capture tests on lo (other files, other people) never count our packets. */
export function freshPort(): number {
  return 20000 + Math.floor(Math.random() * 40000);
}

/** Sends each payload as one datagram to 127.0.0.1:port, one after the other (`gapMs` apart: one batch each in immediate mode). */
export async function sendUdp(port: number, payloads: Uint8Array[], gapMs = 0): Promise<void> {
  const s = createSocket('udp4');
  for (const p of payloads) {
    await new Promise<void>((resolve, reject) => s.send(p, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
    if (gapMs) await sleep(gapMs);
  }
  await new Promise<void>((r) => s.close(() => r()));
}

/** Datagrams of the given sizes, each starting with its index (u32 BE) so order and loss show. */
export function numberedPayloads(sizes: number[]): Uint8Array[] {
  return sizes.map((n, i) => {
    const b = new Uint8Array(Math.max(4, n));
    new DataView(b.buffer).setUint32(0, i);
    for (let j = 4; j < b.length; j++) b[j] = (i * 7 + j) & 0xff;
    return b;
  });
}

export interface Rec {
  sec: number;
  frac: number;
  caplen: number;
  wirelen: number;
  data: Uint8Array;
}

/**
 * Splits one batch into records (u32 LE sec_lo, sec_hi, frac, caplen, wirelen, then caplen
 * bytes padded to 4), insisting that the records fill the buffer exactly and that padding is zero.
 */
export function parseRecords(buf: ArrayBuffer, count: number): Rec[] {
  const dv = new DataView(buf);
  const out: Rec[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 20 > buf.byteLength) throw new Error(`record ${i} header runs past the batch (${buf.byteLength} bytes)`);
    const caplen = dv.getUint32(p + 12, true);
    const padded = (caplen + 3) & ~3;
    if (p + 20 + padded > buf.byteLength) throw new Error(`record ${i} data runs past the batch`);
    for (let j = caplen; j < padded; j++) if (dv.getUint8(p + 20 + j) !== 0) throw new Error(`record ${i} padding is not zero`);
    out.push({
      sec: dv.getUint32(p + 4, true) * 2 ** 32 + dv.getUint32(p, true),
      frac: dv.getUint32(p + 8, true),
      caplen,
      wirelen: dv.getUint32(p + 16, true),
      data: new Uint8Array(buf.slice(p + 20, p + 20 + caplen)),
    });
    p += 20 + padded;
  }
  if (p !== buf.byteLength) throw new Error(`batch has ${buf.byteLength - p} bytes after its ${count} records`);
  return out;
}

/** The UDP payload of a record captured on lo (Ethernet + IPv4 without options + UDP). */
export function udpPayload(r: Rec): Uint8Array {
  return r.data.subarray(14 + 20 + 8);
}

export interface Collected {
  records: Rec[];
  batches: { count: number; bytes: number }[];
  dones: number;
  errors: string[];
  /** Resolves on the first done=true call. */
  done: Promise<void>;
  cb: BatchCallback;
}

/** A start() callback that keeps every record and counts the done calls. */
export function collector(): Collected {
  let finish = (): void => undefined;
  const c: Collected = {
    records: [],
    batches: [],
    dones: 0,
    errors: [],
    done: new Promise<void>((r) => (finish = r)),
    cb: (buf, count, done, error) => {
      if (buf) c.records.push(...parseRecords(buf, count));
      else if (count !== 0) throw new Error(`null buffer with count ${count}`);
      c.batches.push({ count, bytes: buf?.byteLength ?? 0 });
      if (error !== undefined) c.errors.push(error);
      if (done) {
        c.dones++;
        finish();
      }
    },
  };
  return c;
}

/** Opens lo for UDP to `port` only (an open that is not root fails here, not later). */
export function openLo(a: Addon, port: number, opts: object = {}): object {
  const h = a.open('lo', { snaplen: 65535, promisc: false, bufferSize: 4 << 20, ...opts });
  a.setFilter(h, `udp dst port ${port}`);
  return h;
}

export interface ChildResult {
  batches: { count: number; b64: string }[];
  dones: number;
  errors: string[];
  stats: NativeStats;
}

/** A capture on lo in its own process (test/native/capture-child.mjs), for settings read from the environment once per process. */
export class CaptureChild {
  private readonly proc: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  private stderr = '';

  constructor(port: number, env: Record<string, string>, opts: object = {}) {
    this.proc = spawn(process.execPath, [CHILD, ADDON_PATH, String(port), JSON.stringify(opts)], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.lines = createInterface({ input: this.proc.stdout! })[Symbol.asyncIterator]();
  }

  private async line(): Promise<string> {
    const r = await this.lines.next();
    if (r.done) throw new Error(`capture child ended early: ${this.stderr.trim() || `exit ${this.proc.exitCode}`}`);
    return r.value;
  }

  async ready(): Promise<void> {
    const l = await this.line();
    if (l !== 'ready') throw new Error(`capture child: ${l} ${this.stderr}`);
  }

  async stop(): Promise<ChildResult & { records: Rec[] }> {
    this.proc.stdin!.end('stop\n');
    const r = JSON.parse(await this.line()) as ChildResult;
    const records = r.batches.flatMap((b) => {
      const u = Buffer.from(b.b64, 'base64');
      return parseRecords(u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength), b.count);
    });
    return { ...r, records };
  }
}
