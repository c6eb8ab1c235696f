// The Node implementation of CliIo: buffered stdout, input read in chunks (node-input.ts).
import { writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { LineBuffer } from '../engine/summary/line-buffer.js';
import { CliError, type CliIo } from './cli-io.js';
import { errnoText, readInput } from './node-input.js';

let singleton: CliIo | null = null;

export function nodeIo(): CliIo {
  if (singleton) return singleton;
  // Output is encoded straight into one reused buffer (latin1: tcpdump writes bytes), which
  // `read` also writes its lines into as bytes.
  const OUT = 1 << 17;
  const stdout = new LineBuffer((b, n) => writeAll(1, b, n), OUT);
  const flushOut = (): void => stdout.flush();
  singleton = {
    stdout,
    out(s) {
      if (s.length > OUT) {
        flushOut();
        const b = Buffer.from(s, 'latin1');
        writeAll(1, b, b.length);
        return;
      }
      stdout.latin1(s);
    },
    err(s) {
      flushOut();
      const b = Buffer.from(s, 'latin1');
      writeAll(2, b, b.length);
    },
    readChunks(path, onChunk) {
      // Output is flushed after each chunk read: lines of a FIFO or stdin appear as packets arrive.
      return readInput(path, onChunk, flushOut);
    },
    async openSource(path) {
      const fh = await open(path, 'r').catch((e: unknown) => {
        throw new CliError(`${path}: ${errnoText(e)}`);
      });
      const st = await fh.stat();
      return {
        size: st.size,
        async read(offset: number, length: number) {
          const b = new Uint8Array(length);
          const { bytesRead } = await fh.read(b, 0, length, offset);
          return b.subarray(0, bytesRead);
        },
        close: () => fh.close(),
      };
    },
    tzOffset(epochSec) {
      return -new Date(epochSec * 1000).getTimezoneOffset() * 60;
    },
    async flush() {
      flushOut();
    },
  };
  return singleton;
}

function writeAll(fd: number, b: Uint8Array, n: number): void {
  let off = 0;
  while (off < n) {
    try {
      off += writeSync(fd, b, off, n - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') process.exit(0);
      throw e;
    }
  }
}
