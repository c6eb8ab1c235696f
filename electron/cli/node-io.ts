// The Node implementation of CliIo: buffered stdout, files read in chunks.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { CliError, type CliIo } from './cli-io.js';

const CHUNK = 1 << 20;
let singleton: CliIo | null = null;

export function nodeIo(): CliIo {
  if (singleton) return singleton;
  let buf: string[] = [];
  let size = 0;
  const flushOut = (): void => {
    if (!buf.length) return;
    const s = buf.join('');
    buf = [];
    size = 0;
    writeAll(1, s);
  };
  singleton = {
    out(s) {
      buf.push(s);
      size += s.length;
      if (size > 1 << 16) flushOut();
    },
    err(s) {
      flushOut();
      writeAll(2, s);
    },
    async readChunks(path, onChunk) {
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch (e) {
        throw new CliError(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`);
      }
      try {
        const chunk = new Uint8Array(CHUNK);
        for (;;) {
          const n = readSync(fd, chunk, 0, CHUNK, null);
          if (n <= 0) break;
          onChunk(chunk.subarray(0, n));
        }
      } finally {
        closeSync(fd);
      }
    },
    async openSource(path) {
      const fh = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`${path}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`);
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

function writeAll(fd: number, s: string): void {
  const b = Buffer.from(s, 'latin1');
  let off = 0;
  while (off < b.length) {
    try {
      off += writeSync(fd, b, off, b.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') process.exit(0);
      throw e;
    }
  }
}
