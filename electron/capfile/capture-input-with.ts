// The bytes of a capture as they come in (a file, stdin, a pipe, a Blob), made plain: a
// gzip-compressed capture is recognised by its magic number (1f 8b), never by its name, and
// inflated on the fly by the gunzip the host gives; anything else passes through untouched.
// Hosts feed this instead of the capture reader, and stop reading as soon as push() returns false.
//
// This module does not import the gunzip itself (gunzip-stream.ts and fflate): loading and
// initialising fflate is ~20 ms of CPU, which `ackline read` of a plain capture never pays
// (it opens its gunzip only when the magic number says gzip). capture-input.ts gives the
// usual eager version.

/** True when `bytes` starts with gzip's magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** What the input needs of a streaming gunzip (GunzipStream). */
export interface Gunzipper {
  /** Consumes compressed bytes; false once it wants no more. */
  push(chunk: Uint8Array): boolean;
  /** End of input. Idempotent. */
  end(): void;
  /** Damage in the compressed data (one line), or null. */
  readonly error: string | null;
  /** Plain bytes delivered. */
  readonly bytesOut: number;
}

/** Opens a gunzip that hands each decompressed piece (a fresh array) to `onData`; false from it stops the stream. */
export type GunzipOpener = (onData: (chunk: Uint8Array) => boolean | void) => Gunzipper;

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

/**
 * `out` receives the plain bytes (valid during the call only, unless gzip: then fresh
 * arrays); false stops the input. `openGunzip` is called once, when the input is gzip.
 */
export function createCaptureInputWith(out: (chunk: Uint8Array) => boolean | void, openGunzip: GunzipOpener): CaptureInput {
  return new Input(out, openGunzip);
}

class Input implements CaptureInput {
  compression: 'gzip' | 'none' | null = null;
  bytesIn = 0;
  private gunzip: Gunzipper | null = null;
  private plainOut = 0;
  private stopped = false;
  /** A lone first byte, held until the second one tells whether this is gzip. */
  private first: Uint8Array | null = null;

  constructor(
    private readonly out: (chunk: Uint8Array) => boolean | void,
    private readonly openGunzip: GunzipOpener,
  ) {}

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
      this.gunzip = this.openGunzip(this.out);
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
