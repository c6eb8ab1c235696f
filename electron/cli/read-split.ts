// `ackline read FILE` on two threads, with tcpdump's output byte for byte and in order.
//
// The main thread prints the packets whose records start before a split offset; a worker
// reads the same file from its start, takes the packets before that offset in without
// printing them (LinePrinter.track: only tcpdump's TCP table, the one state later lines
// depend on, is kept up to date, which costs a fraction of printing), and prints the rest.
// Its output comes back in 1 MiB pieces, written after the main thread's part; a shared
// counter holds the worker back when too much of it waits. Used only where that is exact
// and worth a thread: a large plain (not gzip) regular file, no -Y/--jsonl, a time column
// without state (not -ttt/-ttttt), and the built CLI (the worker loads the same bundle).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRegistry } from '../engine/protocols/index.js';
import { LineBuffer } from '../engine/summary/line-buffer.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter, type LineOptions } from '../engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../engine/summary/tcpdump-flags.js';
import { CliError, type CliIo } from './cli-io.js';
import { readInput } from './node-input.js';
import { readCapture } from './read-capture.js';

/** Below this size a second thread costs more than it saves (its start is ~0.1 s of CPU). */
const SPLIT_MIN_BYTES = 32 << 20;
/**
 * Share of the file the main thread prints. The worker also walks that share, at about a
 * quarter of the cost of printing it: both then finish at about the same time.
 */
const MAIN_SHARE = 0.58;
/** Output bytes the worker may have waiting before it pauses. */
const WAITING_MAX = 64 << 20;
const PIECE = 1 << 20;

interface SplitJob {
  readonly file: string;
  readonly flags: readonly string[];
  /** The worker prints the records that start at or after this file offset. */
  readonly start: number;
  /** Int32 [0]: bytes of output sent and not yet written. */
  readonly waiting: SharedArrayBuffer;
}

type FromWorker = { type: 'out'; bytes: Uint8Array } | { type: 'end'; damage: string | null; error: string | null; exitCode: number };

/**
 * Where the main thread stops printing, or null when `read` should stay on one thread.
 * `ACKLINE_READ_SPLIT_MIN` (bytes) overrides the size threshold (tests, benchmarks).
 */
export function splitOffset(file: string, opts: LineOptions, printer: LinePrinter, io: CliIo): number | null {
  if (!io.stdout || !printer.hasFastPath || !bundled()) return null;
  if (opts.time === 'delta' || opts.time === 'since-first') return null;
  const min = Number(process.env.ACKLINE_READ_SPLIT_MIN ?? SPLIT_MIN_BYTES);
  let fd = -1;
  try {
    // stat first: opening a FIFO would wait for (and then cut off) its writer.
    const st = statSync(file);
    if (!st.isFile() || st.size < min || st.size < 64) return null;
    fd = openSync(file, 'r');
    const head = new Uint8Array(2);
    readSync(fd, head, 0, 2, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return null; // gzip: no offsets to split at
    return Math.floor(st.size * MAIN_SHARE);
  } catch {
    return null; // the one-thread path reports what is wrong with the file
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** The worker needs the CLI bundle (a .mjs file); under test runners the sources are .ts. */
function bundled(): boolean {
  return import.meta.url.endsWith('.mjs') && isMainThread;
}

/** The worker's half, started before the main thread reads: resolves when it has finished. */
export class SplitWorker {
  private readonly worker: Worker;
  private readonly waiting: Int32Array;
  private readonly queue: FromWorker[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;

  constructor(file: string, flags: readonly string[], start: number) {
    const shared = new SharedArrayBuffer(4);
    this.waiting = new Int32Array(shared);
    const job: SplitJob = { file, flags, start, waiting: shared };
    const code = `import(${JSON.stringify(import.meta.url)}).then((m) => m.readSplitWorker())`;
    this.worker = new Worker(code, { eval: true, workerData: job });
    this.worker.on('message', (m: FromWorker) => this.push(m));
    this.worker.on('error', (e) => {
      this.failure = e;
      this.wake?.();
    });
    this.worker.on('exit', () => {
      this.failure ??= new Error('read worker exited early');
      this.wake?.();
    });
  }

  private push(m: FromWorker): void {
    this.queue.push(m);
    this.wake?.();
  }

  /** Stops the worker (the main thread failed first). */
  stop(): Promise<number> {
    return this.worker.terminate();
  }

  /** Writes the worker's output to `out` as it comes; returns its damage message, if any. */
  async drainInto(out: LineBuffer): Promise<string | null> {
    for (;;) {
      const m = this.queue.shift();
      if (!m) {
        if (this.failure) throw this.failure;
        await new Promise<void>((r) => (this.wake = r));
        this.wake = null;
        continue;
      }
      if (m.type === 'end') {
        await this.worker.terminate();
        if (m.error !== null) throw new CliError(m.error, m.exitCode);
        return m.damage;
      }
      out.reserve(m.bytes.length);
      out.buf.set(m.bytes, out.pos);
      out.pos += m.bytes.length;
      Atomics.sub(this.waiting, 0, m.bytes.length);
      Atomics.notify(this.waiting, 0);
    }
  }
}

/** The worker's entry (exported by the CLI bundle). */
export async function readSplitWorker(): Promise<void> {
  const job = workerData as SplitJob;
  const port = parentPort!;
  const waiting = new Int32Array(job.waiting);
  const send = (b: Uint8Array, n: number): void => {
    // Hold back while the main thread has too much of this output waiting.
    for (let w = Atomics.load(waiting, 0); w > WAITING_MAX; w = Atomics.load(waiting, 0)) Atomics.wait(waiting, 0, w, 1000);
    const bytes = b.slice(0, n);
    Atomics.add(waiting, 0, n);
    port.postMessage({ type: 'out', bytes } satisfies FromWorker, [bytes.buffer]);
  };
  const io: CliIo = {
    out: () => {},
    err: () => {},
    readChunks: (path, onChunk) => readInput(path, onChunk),
    openSource: () => Promise.reject(new Error('not used')),
    tzOffset: (s) => -new Date(s * 1000).getTimezoneOffset() * 60,
    flush: async () => {},
  };
  try {
    const { opts } = parseTcpdumpFlags([...job.flags], { ...DEFAULT_LINE_OPTIONS, tz: (s) => io.tzOffset(s) });
    const printer = new LinePrinter(createRegistry(), opts);
    const out = new LineBuffer(send, PIECE);
    const { damage } = await readCapture(io, job.file, {
      onInterface: (iface) => printer.addInterface(iface),
      onPacket: (rec, data) => {
        if (rec.recordOffset < job.start) printer.track(rec, data);
        else printer.write(rec, data, out);
      },
    }, { stopWhereLibpcapStops: true });
    out.flush();
    port.postMessage({ type: 'end', damage, error: null, exitCode: 0 } satisfies FromWorker);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    port.postMessage({ type: 'end', damage: null, error, exitCode: e instanceof CliError ? e.exitCode : 1 } satisfies FromWorker);
  }
}
