// The CLI's input under Node: a path or `-` (stdin), read in order as the bytes arrive, so a
// regular file, a FIFO, a pipe and a device all stream the same way. What cannot be read is
// refused with one line naming the path, in tcpdump's words where it has them
// ("error reading dump file: Is a directory", "Permission denied").
import { fstat, read } from 'node:fs';
import { open } from 'node:fs/promises';
import { isatty } from 'node:tty';
import { CliError } from './cli-io.js';

const CHUNK = 1 << 20;

interface Input {
  readonly fd: number;
  read(buf: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

/**
 * Feeds `path` to `onChunk` until end of input or until `onChunk` returns false; `afterChunk`
 * runs after each chunk (the CLI flushes its output there, so lines appear as packets arrive).
 */
export async function readInput(path: string, onChunk: (chunk: Uint8Array) => boolean | void, afterChunk?: () => void): Promise<void> {
  const input = await openInput(path);
  try {
    const st = await new Promise<{ isDirectory(): boolean; isFile(): boolean }>((resolve, reject) => fstat(input.fd, (e, s) => (e ? reject(new CliError(`${path}: ${errnoText(e)}`)) : resolve(s))));
    if (st.isDirectory()) throw new CliError(`${path}: error reading dump file: Is a directory`);
    // Like gzip, which will not read compressed data from a terminal: nobody types a capture.
    if (isatty(input.fd)) throw new CliError(path === '-' ? '-: standard input is a terminal: pipe a capture into it (ackline read - < FILE)' : `${path}: is a terminal, not a capture file`);
    const buf = new Uint8Array(CHUNK);
    // A regular file is read one chunk ahead: the next read runs on libuv's thread pool while
    // this chunk's packets are printed. (Never a pipe or FIFO: a read ahead there could wait
    // for input the verdict no longer needs.)
    const spare = st.isFile() ? new Uint8Array(CHUNK) : null;
    let cur = buf;
    let next = readSome(input, cur, path);
    for (;;) {
      const n = await next;
      if (n === 0) return;
      const chunk = cur;
      if (spare) {
        cur = cur === buf ? spare : buf;
        next = readSome(input, cur, path);
      }
      const more = onChunk(chunk.subarray(0, n));
      afterChunk?.();
      if (more === false) {
        // Let the read in flight finish before the file is closed (its error is of no interest).
        await next.catch(() => 0);
        return;
      }
      if (!spare) next = readSome(input, cur, path);
    }
  } finally {
    await input.close();
  }
}

async function openInput(path: string): Promise<Input> {
  if (path === '-') {
    // Not process.stdin: that would switch a pipe to non-blocking and buffer it in a stream.
    return {
      fd: 0,
      read: (buf) => new Promise((resolve, reject) => read(0, buf, 0, buf.length, null, (e, n) => (e ? reject(e) : resolve(n)))),
      close: async () => {},
    };
  }
  try {
    const fh = await open(path, 'r');
    return {
      fd: fh.fd,
      // Position null: read on from where the last read stopped (FIFOs and devices have no offsets).
      read: async (buf) => (await fh.read(buf, 0, buf.length, null)).bytesRead,
      close: () => fh.close(),
    };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new CliError(`${path}: error reading dump file: Is a directory`);
    throw new CliError(`${path}: ${errnoText(e)}`);
  }
}

/** One read; waits out EAGAIN (a non-blocking pipe handed over by the parent). */
async function readSome(input: Input, buf: Uint8Array, path: string): Promise<number> {
  for (;;) {
    try {
      return await input.read(buf);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      throw new CliError(`${path}: error reading dump file: ${errnoText(e)}`);
    }
  }
}

/** strerror()'s words for the errors a user can meet, as tcpdump prints them. */
const STRERROR: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
  ENODEV: 'No such device',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  EINVAL: 'Invalid argument',
  ETXTBSY: 'Text file busy',
  EBUSY: 'Device or resource busy',
  EBADF: 'Bad file descriptor',
};

export function errnoText(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && STRERROR[code]) return STRERROR[code];
  return e instanceof Error ? e.message : String(e);
}
