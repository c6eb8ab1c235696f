// Files dropped on (or picked in) a browser tab of `ackline serve`: the page sends the file as
// the body of one HTTP request, which is streamed to a private temporary file as it arrives,
// with backpressure, so the bytes never sit in memory whole. A byte counter stops the upload
// past the size limit (or past what the disk can spare), a watchdog stops one that stalls,
// and only a few run at once. A finished upload waits, under an unguessable id, for its tab to
// open it (Session.openUpload takes it), and is deleted if nobody does.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { statfs, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UploadedFile, UploadStore } from '../session/upload-store.js';
import { formatBytes } from '../shared/byte-size.js';

export interface UploadLimits {
  /** The most one upload may be (--max-upload). */
  maxBytes: number;
  /** What the temporary folder can take now, keeping a reserve free. */
  availableBytes: number;
}

export interface UploadOptions {
  dir: string;
  maxBytes: number;
  /** Uploads receiving at once; one more is refused (503). */
  maxConcurrent?: number;
  /** An upload that receives fewer than `stallBytes` in this many ms is stopped (408). */
  stallMs?: number;
  stallBytes?: number;
  /** A finished upload that no tab opens within this many ms is deleted. */
  unclaimedMs?: number;
  /** Left free on the temporary folder's disk, whatever the limit. */
  reserveBytes?: number;
  /** Free bytes on the disk of `dir` (tests replace it). */
  freeSpace?: (dir: string) => Promise<number>;
}

export type UploadOutcome = { ok: true; id: string; size: number } | { ok: false; status: number; message: string };

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Counts the bytes going through and fails past `limit`. */
class ByteCounter extends Transform {
  bytes = 0;
  constructor(
    private readonly limit: number,
    private readonly tooLarge: () => Refused,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return cb(this.tooLarge());
    cb(null, chunk);
  }
}

/** Only the final name component, without control characters, at most 255 characters. */
export function safeUploadName(name: string | null): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[\u0000-\u001f\u007f"]/g, '_').slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? 'capture' : clean;
}

async function diskFree(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

interface Waiting {
  file: UploadedFile;
  timer: NodeJS.Timeout;
}

export class Uploads implements UploadStore {
  private active = 0;
  private readonly waiting = new Map<string, Waiting>();
  private readonly o: Required<UploadOptions>;

  constructor(o: UploadOptions) {
    this.o = {
      maxConcurrent: 4,
      stallMs: 30_000,
      stallBytes: 64 * 1024,
      unclaimedMs: 120_000,
      reserveBytes: 256 * 1024 * 1024,
      freeSpace: diskFree,
      ...o,
    };
  }

  async limits(): Promise<UploadLimits> {
    // A disk that cannot say its free space is not refused everything: the write will tell.
    const free = await this.o.freeSpace(this.o.dir).catch(() => Number.MAX_SAFE_INTEGER);
    return { maxBytes: this.o.maxBytes, availableBytes: Math.max(0, free - this.o.reserveBytes) };
  }

  /** Receives one request body as the file `name`. Never throws; never reads past the limit. */
  async receive(req: IncomingMessage, name: string): Promise<UploadOutcome> {
    if (this.active >= this.o.maxConcurrent) return { ok: false, status: 503, message: `${this.o.maxConcurrent} uploads are already running: try again when one has finished.` };
    this.active++;
    try {
      return await this.stream(req, name);
    } catch (e) {
      if (e instanceof Refused) return { ok: false, status: e.status, message: e.message };
      if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return { ok: false, status: 507, message: `${name}: the server's disk filled up during the upload. The open capture is unchanged.` };
      return { ok: false, status: 400, message: `${name}: the upload failed (${e instanceof Error ? e.message : String(e)}); the open capture is unchanged.` };
    } finally {
      this.active--;
    }
  }

  private async stream(req: IncomingMessage, name: string): Promise<UploadOutcome> {
    const declaredHeader = req.headers['content-length'];
    const declared = declaredHeader === undefined ? undefined : Number(declaredHeader);
    if (declared !== undefined && !Number.isSafeInteger(declared)) throw new Refused(400, 'Bad Content-Length.');
    const { maxBytes, availableBytes } = await this.limits();
    const limit = Math.min(maxBytes, availableBytes);
    const tooLarge = (size?: number): Refused =>
      new Refused(
        413,
        limit < maxBytes
          ? `${name}${size !== undefined ? ` (${formatBytes(size)})` : ''} does not fit: the server's temporary folder has ${formatBytes(availableBytes)} to spare. The open capture is unchanged.`
          : `${name}${size !== undefined ? ` is ${formatBytes(size)}, more than` : ' is larger than'} the ${formatBytes(maxBytes)} this server accepts (ackline serve --max-upload). The open capture is unchanged.`,
      );
    // Refused from its header, before one byte of the body is read.
    if (declared !== undefined && declared > limit) throw tooLarge(declared);

    const id = randomBytes(16).toString('hex');
    const file = path.join(this.o.dir, id);
    const counter = new ByteCounter(limit, () => tooLarge());
    let stalled: Refused | undefined;
    let lastCount = 0;
    const watchdog = setInterval(() => {
      if (counter.bytes - lastCount < this.o.stallBytes) {
        stalled = new Refused(408, `${name}: the upload stalled (less than ${formatBytes(this.o.stallBytes)} in ${Math.round(this.o.stallMs / 1000)} s) and was stopped. The open capture is unchanged.`);
        counter.destroy(stalled);
      }
      lastCount = counter.bytes;
    }, this.o.stallMs);
    // The request is piped, not handed to pipeline(): a failed pipeline destroys its source,
    // and destroying the request destroys the socket, which would lose our answer.
    const onAborted = (): void => {
      if (!req.complete) counter.destroy(new Refused(400, `${name}: the upload was interrupted. The open capture is unchanged.`));
    };
    req.once('close', onAborted);
    req.once('error', onAborted);
    req.pipe(counter);
    try {
      await pipeline(counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      if (!req.complete) throw new Refused(400, `${name}: the upload was interrupted. The open capture is unchanged.`);
    } catch (e) {
      req.unpipe(counter);
      await unlink(file).catch(() => undefined);
      throw stalled ?? e;
    } finally {
      clearInterval(watchdog);
      req.off('close', onAborted);
      req.off('error', onAborted);
    }
    const size = counter.bytes;
    this.keep(id, { path: file, name, size });
    return { ok: true, id, size };
  }

  private keep(id: string, f: { path: string; name: string; size: number }): void {
    let released = false;
    const file: UploadedFile = {
      ...f,
      release: async () => {
        if (released) return;
        released = true;
        await unlink(f.path).catch(() => undefined);
      },
    };
    const timer = setTimeout(() => {
      this.waiting.delete(id);
      void file.release();
    }, this.o.unclaimedMs);
    timer.unref();
    this.waiting.set(id, { file, timer });
  }

  take(id: string): UploadedFile | undefined {
    const w = this.waiting.get(id);
    if (!w) return undefined;
    this.waiting.delete(id);
    clearTimeout(w.timer);
    return w.file;
  }

  /** Uploads received and not yet opened (tests). */
  get unclaimed(): number {
    return this.waiting.size;
  }

  /** Stops the expiry timers (the files go with the serve host's temporary folder). */
  dispose(): void {
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
  }
}
