// Streaming gunzip for gzip-compressed captures (.pcap.gz, .pcapng.gz), which Wireshark reads
// as if they were plain. fflate's Gunzip (pure JS: the engine, Node and a browser alike) does
// the inflating and the member framing, so multi-member files (`cat a.gz b.gz`) read as one
// stream. This layer adds what fflate leaves out, as gzip(1) and zlib do:
// - each member's CRC-32 and length (ISIZE) are checked against its trailer;
// - input that ends inside a member is reported as cut short, after everything before it;
// - compressed input is fed in small slices, so one chunk of a gzip bomb (deflate reaches
//   ~1000:1) never inflates into one giant array: output comes in bounded pieces.
// Like the capture reader it never throws: damage sets `error` and stops the stream.
import { Gunzip } from 'fflate';
import type { Gunzipper } from './capture-input-with.js';

export { isGzip } from './capture-input-with.js';

/** Compressed bytes per fflate push: bounds one inflated piece to ~32 MiB. */
const SLICE = 32 * 1024;
/**
 * Compressed bytes kept to read a member's 8-byte trailer when the next member's header is
 * complete (fflate reports the member boundary only then). A member header is 10 bytes plus
 * optional fields; one longer than this (a >64 KiB name or comment) is not checked.
 */
const TAIL = 64 * 1024;

/** The shortest gzip member: 10-byte header, an empty deflate stream (2 bytes), 8-byte trailer. */
const MIN_MEMBER = 20;

export class GunzipStream implements Gunzipper {
  /** What is wrong with the gzip data, in one line; null while it is good. */
  error: string | null = null;
  /** Compressed bytes consumed. */
  bytesIn = 0;
  /** Decompressed bytes delivered. */
  bytesOut = 0;
  /** Gzip members started so far. */
  members = 1;
  private readonly gunzip: Gunzip;
  private crc = ~0;
  private size = 0;
  /** Compressed offset where the current member's header starts. */
  private memberStart = 0;
  private stopped = false;
  private ended = false;
  /** The last compressed bytes: tail[tailLen - 1] is the byte at offset bytesIn - 1. */
  private tail = new Uint8Array(TAIL + 8 * SLICE);
  private tailLen = 0;

  /** `onData` gets each decompressed piece (a fresh array it may keep); returning false stops the stream. */
  constructor(private readonly onData: (chunk: Uint8Array) => boolean | void) {
    this.gunzip = new Gunzip((data) => this.data(data));
    this.gunzip.onmember = (offset) => this.memberEnd(offset);
  }

  /** Consumes compressed bytes; false once the stream wants no more (damage, or the consumer stopped). */
  push(chunk: Uint8Array): boolean {
    for (let o = 0; o < chunk.length && this.live; o += SLICE) {
      const slice = chunk.subarray(o, Math.min(chunk.length, o + SLICE));
      this.remember(slice);
      this.bytesIn += slice.length;
      try {
        this.gunzip.push(slice, false);
      } catch (e) {
        this.fail(e);
      }
    }
    return this.live;
  }

  /** End of input: flushes the last piece and checks the last member's trailer. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.live) return;
    try {
      this.gunzip.push(new Uint8Array(0), true);
    } catch (e) {
      this.fail(e);
      return;
    }
    if (!this.live) return;
    // fflate says nothing when the input ends inside a header or before any deflate data.
    if (this.bytesIn - this.memberStart < MIN_MEMBER) this.error = 'gzip data cut short: unexpected end of file';
    else this.checkTrailer(this.bytesIn, this.members > 1);
  }

  private get live(): boolean {
    return !this.error && !this.stopped;
  }

  private data(chunk: Uint8Array): void {
    if (!this.live || chunk.length === 0) return;
    this.crc = crc32Update(this.crc, chunk);
    this.size += chunk.length;
    this.bytesOut += chunk.length;
    if (this.onData(chunk) === false) this.stopped = true;
  }

  /** fflate found the next member's header at `offset`: the previous member ended 8 bytes before. */
  private memberEnd(offset: number): void {
    if (!this.live) return;
    this.checkTrailer(offset, true);
    this.members++;
    this.memberStart = offset;
    this.crc = ~0;
    this.size = 0;
  }

  /** Compares the member's CRC-32 and length with the trailer that ends at compressed `offset`. */
  private checkTrailer(offset: number, name: boolean): void {
    const start = offset - 8 - (this.bytesIn - this.tailLen);
    if (start < 0) return; // header too long to still have its trailer: not checked
    const t = this.tail;
    const crc = (t[start]! | (t[start + 1]! << 8) | (t[start + 2]! << 16) | (t[start + 3]! << 24)) >>> 0;
    const isize = (t[start + 4]! | (t[start + 5]! << 8) | (t[start + 6]! << 16) | (t[start + 7]! << 24)) >>> 0;
    const which = name ? ` in member ${this.members}` : '';
    if (crc !== (~this.crc >>> 0)) this.error = `gzip data damaged: CRC-32 mismatch${which}`;
    else if (isize !== this.size % 2 ** 32) this.error = `gzip data damaged: length mismatch${which}`;
  }

  private remember(slice: Uint8Array): void {
    if (this.tailLen + slice.length > this.tail.length) {
      const keep = Math.min(this.tailLen, TAIL);
      this.tail.copyWithin(0, this.tailLen - keep, this.tailLen);
      this.tailLen = keep;
    }
    this.tail.set(slice, this.tailLen);
    this.tailLen += slice.length;
  }

  /** fflate's errors in gzip(1)'s terms. */
  private fail(e: unknown): void {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    if (code === 0) this.error = 'gzip data cut short: unexpected end of file';
    else if (code === 6) this.error = this.bytesOut === 0 && this.members === 1 ? 'gzip data damaged: invalid gzip header' : 'gzip data damaged: trailing garbage after the compressed data';
    else this.error = `gzip data damaged: ${message}`;
  }
}

let table: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, as gzip uses) of `data`, continuing from `crc` (start with ~0, finish with ~crc >>> 0). */
export function crc32Update(crc: number, data: Uint8Array): number {
  const t = (table ??= makeTable());
  let c = crc;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
