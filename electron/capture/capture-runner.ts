// The capture process's logic: open the adapter through a backend, drop every capability,
// append every packet to the session's pcapng file as it arrives (flushed at least every
// 250 ms, so a crash loses at most the last moments), report statistics every second, stop
// on request. It decodes nothing and keeps no packet state: the unprivileged engine host
// does the rest.
import { closeSync, existsSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { PcapngWriter } from '../capfile/pcapng-writer.js';
import { CaptureError, type CaptureBackend, type CaptureStats, type LiveCapture } from './capture-backend.js';
import type { CaptureFailure, CaptureRequest, FromCapture } from '../shared/capture-protocol.js';
import { fixFor } from './preflight.js';

const FLUSH_MS = 250;
const STATS_MS = 1000;

export class CaptureRunner {
  private live: LiveCapture | null = null;
  private fd = -1;
  private fileBytes = 0;
  private packets = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private flushTimer: ReturnType<typeof setInterval> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private stopping = false;
  private finished = false;
  private writer = new PcapngWriter({ application: 'Ackline' });

  constructor(
    private readonly backend: CaptureBackend,
    private readonly req: CaptureRequest,
    private readonly send: (m: FromCapture) => void,
    private readonly onExit: (code: number) => void,
    /** Drops every capability once the adapter is open: null when none is left, else why not. */
    private readonly dropPrivileges: () => string | null,
  ) {}

  start(): void {
    // The file first, while nothing is dropped yet: root without CAP_DAC_OVERRIDE could no
    // longer create it in a folder it does not own (sudo ackline capture -w ~/x.pcapng).
    let created = false;
    if (!this.req.probe) {
      try {
        created = !existsSync(this.req.file);
        this.fd = openSync(this.req.file, 'w');
      } catch (e) {
        this.fail('other', `cannot write ${this.req.file}: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    }
    const discard = (): void => {
      if (this.fd >= 0) closeSync(this.fd);
      this.fd = -1;
      if (created) rmSync(this.req.file, { force: true });
    };
    try {
      this.live = this.backend.open({
        interface: this.req.interface,
        snaplen: this.req.snaplen,
        promiscuous: this.req.promiscuous,
        // Not immediate: libpcap then uses TPACKET_V3 blocks (packets packed by size, handed
        // over per block or after the 100 ms timeout) instead of one snaplen-sized slot per
        // packet, which at 256 KiB a slot would hold only a few hundred packets.
        immediate: false,
        bufferSize: this.req.bufferSize,
        filter: this.req.filter,
      });
    } catch (e) {
      discard();
      const reason = e instanceof CaptureError ? e.reason : 'other';
      this.fail(reason, e instanceof Error ? e.message : String(e));
      return;
    }
    const live = this.live;
    // The adapter is open and filtered: nothing from here on needs any capability.
    const kept = this.dropPrivileges();
    if (kept) {
      live.close();
      this.live = null;
      discard();
      this.fail('other', kept);
      return;
    }
    if (this.req.probe) {
      // Preflight: the adapter opened with our rights; say so and leave no file behind.
      this.send({ type: 'started', linktype: live.linktype, snaplen: live.snaplen, nano: live.nanoTimestamps, backend: this.backend.name, limits: this.backend.limits });
      live.close();
      this.onExit(0);
      return;
    }
    this.append(this.writer.sectionHeader());
    this.append(this.writer.addInterface({ linktype: live.linktype, snaplen: live.snaplen, name: this.req.interface, tsresol: live.nanoTimestamps ? 9 : 6 }).block);
    this.flush();
    this.send({ type: 'started', linktype: live.linktype, snaplen: live.snaplen, nano: live.nanoTimestamps, backend: this.backend.name, limits: this.backend.limits });
    this.flushTimer = setInterval(() => this.flush(), FLUSH_MS);
    this.statsTimer = setInterval(() => this.reportStats(), STATS_MS);
    live.start((pkts, done, error) => {
      for (const p of pkts) {
        if (this.req.count && this.packets >= this.req.count) break;
        this.append(this.writer.packet(0, { tsSec: p.tsSec, tsNsec: p.tsNsec, wirelen: p.wirelen }, p.data));
        this.packets++;
      }
      if (this.req.count && this.packets >= this.req.count && !this.stopping) this.stop();
      if (error) this.send({ type: 'error', reason: 'other', message: error });
      if (done) this.finish();
    });
  }

  /** Reports a failure to start and exits. The parent adds the fix for missing rights: only it knows how Ackline was installed. */
  private fail(reason: CaptureFailure, message: string): void {
    const fix = reason === 'permission' ? undefined : fixFor(reason, this.req.interface);
    this.send({ type: 'error', reason, message, ...(fix ? { fix } : {}) });
    this.onExit(2);
  }

  stop(): void {
    // After finish() the handle is closed, and the native binding refuses use after close:
    // a stop message, disconnect or SIGTERM in the gap before exit must be a no-op.
    if (this.stopping || this.finished || !this.live) return;
    this.stopping = true;
    this.live.stop();
    // The backend delivers its final batch (done) and finish() runs; guard against a backend that never does.
    setTimeout(() => this.finish(), 2000).unref();
  }

  private stats(): CaptureStats {
    try {
      return this.live ? this.live.stats() : { received: 0, droppedByKernel: 0, droppedByInterface: 0 };
    } catch {
      return { received: this.packets, droppedByKernel: 0, droppedByInterface: 0 };
    }
  }

  private reportStats(): void {
    this.send({ type: 'stats', stats: this.stats(), packets: this.packets });
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    const stats = this.stats();
    // Drop counters belong in an ISB: pcap files cannot hold them, pcapng can.
    const now = Date.now();
    this.append(
      this.writer.statistics(0, {
        tsSec: Math.floor(now / 1000),
        tsNsec: (now % 1000) * 1e6,
        ifRecv: stats.received,
        ifDrop: stats.droppedByInterface,
        osDrop: stats.droppedByKernel,
        usrDeliv: this.packets,
      }),
    );
    this.flush();
    try {
      this.live?.close();
    } catch {
      /* already closed */
    }
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.send({ type: 'stopped', stats, packets: this.packets, fileBytes: this.fileBytes });
    this.onExit(0);
  }

  private append(b: Uint8Array): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd < 0 || !this.pending.length) return;
    const all = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    let off = 0;
    while (off < all.length) off += writeSync(this.fd, all, off, all.length - off);
    fsyncSync(this.fd);
    this.fileBytes += all.length;
    this.send({ type: 'flushed', packets: this.packets, fileBytes: this.fileBytes });
  }
}
