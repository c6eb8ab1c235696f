// The CLI's view of its host: output streams and file access, so commands are testable
// without a process (tests pass an in-memory CliIo).
import type { RandomAccessSource } from '../engine/io/types.js';

export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  /** Feeds the file to `onChunk` in order (1 MiB chunks); resolves at end of file. */
  readChunks(path: string, onChunk: (chunk: Uint8Array) => void): Promise<void>;
  /** The file's size, when the host can tell (the index sizes its table from it). */
  fileSize?(path: string): number | undefined;
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
