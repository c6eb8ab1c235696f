// The CLI's view of its host: output streams and file access, so commands are testable
// without a process (tests pass an in-memory CliIo).
import type { RandomAccessSource } from '../capfile/types.js';
import type { LineBuffer } from '../engine/summary/line-buffer.js';

export interface CliIo {
  out(s: string): void;
  /**
   * Standard output as bytes, when the host has it: `out` writes through the same buffer,
   * so the two keep their order. `read` writes its lines here without building strings.
   */
  readonly stdout?: LineBuffer;
  err(s: string): void;
  /**
   * Feeds the file (`-` is stdin) to `onChunk` in order, as it arrives (at most 1 MiB at a
   * time; the array is reused after the call). Resolves at end of file, or as soon as
   * `onChunk` returns false (the reader has its verdict: the rest is not read). Rejects with
   * a CliError naming the path when the input cannot be read.
   */
  readChunks(path: string, onChunk: (chunk: Uint8Array) => boolean | void): Promise<void>;
  openSource(path: string): Promise<RandomAccessSource & { close(): Promise<void> }>;
  /** Offset of local time from UTC at `epochSec`, in seconds (tcpdump prints local time). */
  tzOffset(epochSec: number): number;
  flush(): Promise<void>;
}

/** A failure the user can act on: printed as `ackline: message`, exit with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
