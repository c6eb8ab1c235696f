// Wireshark's Protocol and Info columns for the packet list (the "Wireshark" Info preference),
// from the same WsColumns code as `ackline tshark -T fields -e _ws.col.Info`. Those columns
// carry state in file order (TCP analysis tags, the request an echo reply answers), so they
// cannot be made for one window alone: one pass in file order computes them up to the
// highest packet asked for and keeps them, in chunks that yield so other requests go on.
import type { Columns } from '../tshark/ws-columns.js';
import { TsharkPass } from '../tshark/tshark-pass.js';
import { packetEnds } from '../tshark/ws-summary.js';
import type { NameResolver } from '../names/name-resolver.js';
import { packetRecord, type TapSource } from './tap-pass.js';

const CHUNK = 2048;
const yieldNow = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
/** Resolves when `signal` aborts (never without one). */
const aborted = (signal?: AbortSignal): Promise<void> => new Promise((r) => signal?.addEventListener('abort', () => r(), { once: true }));

export class WsColumnStore {
  private readonly pass: TsharkPass;
  private interfaces = 0;
  private readonly protocol: string[] = [];
  private readonly info: string[] = [];
  /** With names on: each packet's Source/Destination as Wireshark shows them, named with what was learned so far. */
  private readonly ends: [string, string, string, string][] = [];
  /** Packets 0..target-1 are wanted; the loop runs while `done` is short of it. */
  private target = 0;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly src: TapSource,
    private readonly names?: NameResolver,
  ) {
    this.pass = new TsharkPass([], true, names);
  }

  /** Packets whose columns are known (0..computed-1). */
  get computed(): number {
    return this.info.length;
  }

  /** The columns of packet `i` (after ensure). */
  at(i: number): Columns {
    return { protocol: this.protocol[i] ?? '', info: this.info[i] ?? '' };
  }

  /** Packet `i`'s [source, destination, named source, named destination] (after ensure; names on). */
  endsAt(i: number): readonly [string, string, string, string] | undefined {
    return this.ends[i];
  }

  /**
   * Computes the columns of packets 0..n-1 (n at most the packets indexed), telling
   * `progress` how far it got. An aborted signal stops the wait and, when no one else
   * waits for more, the loop itself (what was computed is kept).
   */
  async ensure(n: number, signal?: AbortSignal, progress?: (done: number, total: number) => void): Promise<void> {
    const goal = Math.min(n, this.src.index.packets.length);
    this.target = Math.max(this.target, goal);
    const watcher = progress && ((done: number) => progress(Math.min(done, goal), goal));
    if (watcher) this.watchers.add(watcher);
    const stop = (): void => {
      // Stopped: the loop need not go further than what other callers still wait for.
      this.target = Math.max(this.computed, ...[...this.waits].map((w) => w.goal));
    };
    const wait = { goal };
    this.waits.add(wait);
    signal?.addEventListener('abort', () => {
      this.waits.delete(wait);
      stop();
    }, { once: true });
    const stopped = aborted(signal);
    try {
      while (this.computed < n && !signal?.aborted) {
        this.loop ??= this.run().finally(() => (this.loop = null));
        // Each chunk wakes the waiters: a caller that needs a few packets does not wait for
        // the end of a longer pass another caller asked for.
        await Promise.race([this.loop, new Promise<void>((r) => this.chunkDone.push(r)), stopped]);
        if (this.computed < n && this.computed >= this.src.index.packets.length) break;
      }
    } finally {
      this.waits.delete(wait);
      if (watcher) this.watchers.delete(watcher);
    }
  }

  private readonly watchers = new Set<(done: number) => void>();
  private readonly chunkDone: (() => void)[] = [];
  private readonly waits = new Set<{ readonly goal: number }>();

  private async run(): Promise<void> {
    while (this.computed < this.target) {
      // A live capture's pcapng may describe an interface after its first packets.
      const ifaces = this.src.index.interfaces;
      for (; this.interfaces < ifaces.length; this.interfaces++) {
        const iface = ifaces[this.interfaces];
        if (iface) this.pass.addInterface(iface);
      }
      const from = this.computed;
      const to = Math.min(this.target, from + CHUNK);
      const batch: number[] = [];
      for (let i = from; i < to; i++) batch.push(i);
      const datas = await this.src.bytes.readMany(batch);
      batch.forEach((i, b) => {
        const p = this.pass.add(packetRecord(this.src, i), datas[b]!);
        const cols = p.cols;
        if (this.names) {
          const [s, d] = packetEnds(p.ws.tree);
          this.ends.push([s, d, s && this.names.address(s), d && this.names.address(d)]);
        }
        this.protocol.push(cols?.protocol ?? '');
        this.info.push(cols?.info ?? '');
      });
      for (const w of this.watchers) w(this.computed);
      for (const r of this.chunkDone.splice(0)) r();
      if (this.computed < this.target) await yieldNow();
    }
  }
}
