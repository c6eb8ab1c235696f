// electron/capfile/: the capture file format (pcap, pcapng, gzip input), no decoding; pure TypeScript.
//
// The capture reader: detects pcap or pcapng from the first bytes and feeds a format parser
// chunk by chunk, in any chunking (1 byte at a time or the whole file give the same result).
//
// Memory: a pushed chunk is parsed in place; only an incomplete unit at its end is copied
// into a small growable buffer (`pending`), and the next chunk contributes only the bytes
// that complete it before being parsed in place again. The reader therefore never holds more
// than one record or block (at most libpcap's caps: 16 MiB for a pcapng block, the link
// type's maximum packet for a pcap record), whatever the file size.
//
// Errors: the reader never throws. Damage stops it with `error` set (libpcap's words); every
// good packet before the damage has been delivered. Valid files that libpcap refuses (pcapng
// interfaces of different link types...) are read to the end, as tshark does, unless
// `stopWhereLibpcapStops` asks for tcpdump's verdict: then the refusal is the error. An exception from the sink is caught and
// reported as an 'internal' error, so a host loop can rely on push()/end() returning.

import type { FormatParser } from './format-parser.js';
import { readError } from './format-parser.js';
import { looksLikePcap, PcapReader } from './pcap-reader.js';
import { BT_SHB, PcapngReader } from './pcapng-reader.js';
import type {
  CaptureInterface,
  FileFormat,
  LibpcapPhase,
  LibpcapRefusal,
  ReadError,
  ReaderSink,
} from './types.js';

export interface CaptureReader {
  /** Consumes a chunk (the reader does not keep it: data views handed to the sink point into it only during the call). */
  push(chunk: Uint8Array): void;
  /** End of input: reports a record or block cut short by the end of the file. Idempotent. */
  end(): void;
  readonly error: ReadError | null;
  /** Bytes of complete units processed so far (the start of the unit being gathered). */
  readonly bytesConsumed: number;
  /** Bytes held back: the start of an incomplete unit, waiting for the next chunk. */
  readonly buffered: number;
  readonly format: FileFormat | null;
  readonly packetCount: number;
  readonly interfaces: readonly CaptureInterface[];
  readonly ended: boolean;
  /** libpcap's message where it would refuse this (valid) file; the reader went on, like tshark. */
  readonly libpcapWouldRefuse?: string;
  /** The same, with where it happens. */
  readonly libpcapRefusal?: LibpcapRefusal;
}

export interface CaptureReaderOptions {
  /**
   * Stop where libpcap 1.10.3 stops even on a valid file it refuses, with its words as the
   * error and only the packets it delivers before: what `tcpdump -r` prints and reports.
   */
  readonly stopWhereLibpcapStops?: boolean;
}

const EMPTY = new Uint8Array(0);

class Reader implements CaptureReader {
  error: ReadError | null = null;
  bytesConsumed = 0;
  ended = false;
  format: FileFormat | null = null;
  private parser: FormatParser | null = null;
  /** Incomplete unit: pending[0, pendingLen) holds file bytes from offset bytesConsumed. */
  private pending = EMPTY;
  private pendingView = new DataView(EMPTY.buffer);
  private pendingLen = 0;

  constructor(
    private readonly sink: ReaderSink,
    private readonly options: CaptureReaderOptions,
  ) {}

  get buffered(): number {
    return this.pendingLen;
  }
  get packetCount(): number {
    return this.parser?.packets ?? 0;
  }
  get interfaces(): readonly CaptureInterface[] {
    return this.parser?.interfaces ?? [];
  }
  get libpcapRefusal(): LibpcapRefusal | undefined {
    return this.parser?.refusal ?? undefined;
  }
  get libpcapWouldRefuse(): string | undefined {
    return this.parser?.refusal?.message;
  }

  push(chunk: Uint8Array): void {
    if (this.error || this.ended || chunk.length === 0) return;
    try {
      this.consume(chunk);
    } catch (e) {
      this.internal(e);
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.error) return;
    try {
      const parser = this.parser;
      const left = this.pendingLen;
      if (!parser) {
        // Fewer than 4 bytes: pcap_open_offline() could not read a magic number.
        this.error = readError('truncated', `truncated dump file; tried to read 4 file header bytes, only got ${left}`, 0, 'open');
        return;
      }
      parser.finish(this.pending, this.pendingView, 0, left, this.bytesConsumed);
      this.error = parser.error;
    } catch (e) {
      this.internal(e);
    }
  }

  private consume(chunk: Uint8Array): void {
    let pos = 0;
    // First complete the unit left over from earlier chunks, taking only what it needs.
    while (this.pendingLen > 0) {
      const need = Math.max(this.needed(), this.pendingLen + 1);
      const take = Math.min(need - this.pendingLen, chunk.length - pos);
      this.append(chunk, pos, take);
      pos += take;
      if (this.pendingLen < need) return; // chunk exhausted
      const used = this.run(this.pending, this.pendingView, 0, this.pendingLen, this.bytesConsumed);
      if (this.error) return;
      if (used === this.pendingLen) {
        this.bytesConsumed += used;
        this.pendingLen = 0;
      } else if (used > 0) {
        // Not expected (pending holds at most one unit), but stay correct: drop what was used.
        this.pending.copyWithin(0, used, this.pendingLen);
        this.pendingLen -= used;
        this.bytesConsumed += used;
      } else if (this.needed() <= this.pendingLen) {
        throw new Error('parser made no progress on a complete unit');
      }
    }
    if (pos === chunk.length) return;
    // Then parse the rest of the chunk where it lies, and keep its incomplete tail.
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const chunkBase = this.bytesConsumed - pos;
    const stop = this.run(chunk, view, pos, chunk.length, chunkBase);
    this.bytesConsumed = chunkBase + stop;
    if (!this.error && stop < chunk.length) this.append(chunk, stop, chunk.length - stop);
  }

  /** Bytes the next unit needs (format detection needs the 4-byte magic). */
  private needed(): number {
    return this.parser ? this.parser.need : 4;
  }

  /** Detects the format when possible, then lets the parser consume [pos, end). */
  private run(buf: Uint8Array, view: DataView, pos: number, end: number, base: number): number {
    if (!this.parser) {
      if (end - pos < 4) return pos;
      const format = formatAt(view, pos);
      if (format === 'pcap') {
        this.format = 'pcap';
        this.parser = new PcapReader(this.sink);
      } else if (format === 'pcapng') {
        this.format = 'pcapng';
        this.parser = new PcapngReader(this.sink, this.options.stopWhereLibpcapStops === true);
      } else {
        this.error = readError('format', 'unknown file format', base + pos, 'open');
        return pos;
      }
    }
    const stop = this.parser.parse(buf, view, pos, end, base);
    this.error = this.parser.error;
    return stop;
  }

  private append(src: Uint8Array, from: number, count: number): void {
    const len = this.pendingLen + count;
    if (len > this.pending.length) {
      const grown = new Uint8Array(Math.max(len, this.pending.length * 2, 4096));
      grown.set(this.pending.subarray(0, this.pendingLen));
      this.pending = grown;
      this.pendingView = new DataView(grown.buffer);
    }
    this.pending.set(src.subarray(from, from + count), this.pendingLen);
    this.pendingLen = len;
  }

  private internal(e: unknown): void {
    const message = `internal error: ${e instanceof Error ? e.message : String(e)}`;
    this.error = readError('internal', message, this.bytesConsumed, 'loop');
  }
}

function formatAt(view: DataView, pos: number): FileFormat | undefined {
  if (looksLikePcap(view, pos)) return 'pcap';
  if (view.getUint32(pos, true) === BT_SHB) return 'pcapng';
  return undefined;
}

/** A resumable reader for pcap and pcapng; see CaptureReader. */
export function createCaptureReader(sink: ReaderSink, options: CaptureReaderOptions = {}): CaptureReader {
  return new Reader(sink, options);
}

/** Reads a whole in-memory file (tests, small files, the browser's File.arrayBuffer()). */
export function readCaptureBytes(bytes: Uint8Array, sink: ReaderSink, options: CaptureReaderOptions = {}): CaptureReader {
  const reader = createCaptureReader(sink, options);
  reader.push(bytes);
  reader.end();
  return reader;
}

/** What tcpdump 4.99.3 (libpcap 1.10.3) does with the same bytes. */
export interface LibpcapOutcome {
  /** Packets it prints before stopping. */
  readonly packets: number;
  /** Its error, if any, and where it reports it; null when it reads to the end. */
  readonly stop: { readonly message: string; readonly phase: LibpcapPhase } | null;
}

/**
 * For a tcpdump-compatible front end: the reader's own error, or the earlier place where
 * libpcap refuses a file the reader accepts. Call after end().
 */
export function libpcapOutcome(reader: CaptureReader): LibpcapOutcome {
  const refusal = reader.libpcapRefusal;
  if (refusal) return { packets: refusal.packetsBefore, stop: { message: refusal.message, phase: refusal.phase } };
  const error = reader.error;
  if (error) return { packets: reader.packetCount, stop: { message: error.message, phase: error.phase ?? 'loop' } };
  return { packets: reader.packetCount, stop: null };
}
