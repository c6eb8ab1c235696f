// The contract between the chunk-managing capture reader and a format parser (pcap or
// pcapng). Parsers fill their one reused record with packet-record.ts.
//
// A parser never sees a whole file: it is handed a window [pos, end) of some buffer (a
// pushed chunk, or the reader's small buffer holding an incomplete unit plus the bytes that
// complete it) and consumes only whole units (file header, record, block). It then says,
// in `need`, how many bytes the next unit takes from where it stopped, so the caller can
// gather exactly that much before calling again. `need` is always capped (a record by the
// link type's maximum packet size, a block by libpcap's 16 MiB limit) before it is set, so
// a hostile length field can never make the reader wait for, or buffer, gigabytes.

import type { CaptureInterface, LibpcapPhase, LibpcapRefusal, ReadError } from './types.js';

export interface FormatParser {
  /**
   * Consumes complete units from buf[pos, end); `base` is the file offset of buf[0] and
   * `view` a DataView over the same bytes as `buf` (same offset). Returns the position after
   * the last consumed unit; stops early on error (then `error` is set).
   */
  parse(buf: Uint8Array, view: DataView, pos: number, end: number, base: number): number;
  /** Bytes the next unit needs, counted from the position parse() returned. */
  readonly need: number;
  /** End of input with buf[pos, end) left over (an incomplete unit, maybe empty). */
  finish(buf: Uint8Array, view: DataView, pos: number, end: number, base: number): void;
  readonly error: ReadError | null;
  /** The first place libpcap would stop on an otherwise valid file, if any. */
  readonly refusal: LibpcapRefusal | null;
  readonly packets: number;
  readonly interfaces: readonly CaptureInterface[];
}

export function readError(
  kind: ReadError['kind'],
  message: string,
  offset: number,
  phase: LibpcapPhase,
): ReadError {
  return { kind, message, offset, phase };
}
