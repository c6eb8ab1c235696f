// The bytes of a capture as they come in (a file, stdin, a pipe, a Blob), made plain: a
// gzip-compressed capture is recognised by its magic number (1f 8b), never by its name, and
// inflated on the fly; anything else passes through untouched. Hosts feed this instead of the
// capture reader, and stop reading as soon as push() returns false.
import { GunzipStream, isGzip } from './gunzip-stream.js';

export interface CaptureInput {
  /** Consumes input bytes; false once no more are wanted (damaged gzip, or `out` said stop). */
  push(chunk: Uint8Array): boolean;
  /** End of input. Idempotent. */
  end(): void;
  /** 'gzip' or 'none' once the first two bytes are known. */
  readonly compression: 'gzip' | 'none' | null;
  /** Damage in the compressed data (one line), or null. */
  readonly error: string | null;
  /** Input bytes consumed (compressed bytes for a gzip). */
  readonly bytesIn: number;
  /** Plain bytes delivered to `out`. */
  readonly bytesOut: number;
}

/** `out` receives the plain bytes (valid during the call only, unless gzip: then fresh arrays); false stops the input. */
export function createCaptureInput(out: (chunk: Uint8Array) => boolean | void): CaptureInput {
  return new Input(out);
}

class Input implements CaptureInput {
  compression: 'gzip' | 'none' | null = null;
  bytesIn = 0;
  private gunzip: GunzipStream | null = null;
  private plainOut = 0;
  private stopped = false;
  /** A lone first byte, held until the second one tells whether this is gzip. */
  private first: Uint8Array | null = null;

  constructor(private readonly out: (chunk: Uint8Array) => boolean | void) {}

  get error(): string | null {
    return this.gunzip?.error ?? null;
  }

  get bytesOut(): number {
    return this.gunzip ? this.gunzip.bytesOut : this.plainOut;
  }

  push(chunk: Uint8Array): boolean {
    if (this.stopped || chunk.length === 0) return !this.stopped;
    if (this.compression !== null) return this.feed(chunk);
    let data = chunk;
    if (this.first) {
      data = new Uint8Array(1 + chunk.length);
      data.set(this.first);
      data.set(chunk, 1);
      this.first = null;
    }
    if (data.length < 2) {
      this.first = data.slice();
      return true;
    }
    if (isGzip(data)) {
      this.compression = 'gzip';
      this.gunzip = new GunzipStream(this.out);
    } else this.compression = 'none';
    return this.feed(data);
  }

  end(): void {
    if (this.first) {
      // One byte in all: too short for gzip; the reader gives its verdict on it.
      const lone = this.first;
      this.first = null;
      this.compression = 'none';
      this.feed(lone);
    }
    this.gunzip?.end();
  }

  private feed(data: Uint8Array): boolean {
    this.bytesIn += data.length;
    if (this.gunzip) return this.gunzip.push(data);
    this.plainOut += data.length;
    if (this.out(data) === false) this.stopped = true;
    return !this.stopped;
  }
}
