// The CLI's Node input (readInput) under main(), in-process so the time measured is the
// read's own: inputs that never end, or are huge and not captures, stop at the first chunk.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../electron/cli/node-input.js';
import { repoRoot } from '../support/captures.js';
import { runCli } from './run-cli.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; ms: number; chunks: number }> {
  let chunks = 0;
  const t0 = performance.now();
  const r = await runCli(argv, (p, onChunk) =>
    readInput(p, (c) => {
      chunks++;
      return onChunk(c);
    }),
  );
  return { ...r, ms: performance.now() - t0, chunks };
}

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-node-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInput under ackline read', () => {
  it('/dev/zero: unknown file format after one chunk, in well under a second', async () => {
    const r = await run(['read', '/dev/zero']);
    expect(r).toMatchObject({ code: 1, out: '', err: 'ackline: /dev/zero: unknown file format\n', chunks: 1 });
    expect(r.ms).toBeLessThan(1000);
  });

  it('/dev/urandom: the same', async () => {
    const r = await run(['read', '/dev/urandom']);
    expect(r).toMatchObject({ code: 1, err: 'ackline: /dev/urandom: unknown file format\n', chunks: 1 });
    expect(r.ms).toBeLessThan(1000);
  });

  it('a 4 GiB sparse file: one chunk read, under a second', async () => {
    const f = path.join(dir, 'sparse');
    writeFileSync(f, '');
    truncateSync(f, 4 * 1024 ** 3);
    for (const cmd of [['read', f], ['flows', f], ['ladder', f, '--flow', '0']]) {
      const r = await run(cmd);
      expect(r).toMatchObject({ code: 1, out: '', err: `ackline: ${f}: unknown file format\n`, chunks: 1 });
      expect(r.ms).toBeLessThan(1000);
    }
  });

  it('a folder is refused before any read, with no stack trace', async () => {
    const r = await run(['read', dir]);
    expect(r).toMatchObject({ code: 1, err: `ackline: ${dir}: error reading dump file: Is a directory\n`, chunks: 0 });
  });

  it('a gzip of 64 MiB of zeros stops at the first inflated piece', async () => {
    const f = path.join(dir, 'zeros.gz');
    const r0 = spawnSync('sh', ['-c', `head -c 67108864 /dev/zero | gzip -1 > '${f}'`]);
    expect(r0.status).toBe(0);
    const r = await run(['read', f]);
    expect(r).toMatchObject({ code: 1, out: '', err: `ackline: ${f}: unknown file format\n` });
    expect(r.ms).toBeLessThan(1000);
  });
});

describe('readInput on a regular file (read one chunk ahead)', () => {
  const f = path.join(dir, 'pattern.bin');
  const bytes = Uint8Array.from({ length: 2.5 * 2 ** 20 + 7 }, (_, i) => (i * 31 + (i >> 11)) & 0xff);

  it('hands over every byte in order, although the next read is under way during each call', async () => {
    writeFileSync(f, bytes);
    const got: Uint8Array[] = [];
    await readInput(f, (c) => {
      got.push(c.slice());
    });
    expect(got.map((c) => c.length)).toEqual([2 ** 20, 2 ** 20, 2 ** 19 + 7]);
    expect(Buffer.concat(got).equals(Buffer.from(bytes))).toBe(true);
  });

  it('stops after the chunk whose handler says so', async () => {
    writeFileSync(f, bytes);
    let chunks = 0;
    await readInput(f, () => {
      chunks++;
      return false;
    });
    expect(chunks).toBe(1);
  });
});

const cli = path.join(repoRoot, 'electron/cli/ackline.mjs');
const haveScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!existsSync(path.join(repoRoot, 'out/cli/ackline.mjs')) || !haveScript)('stdin that is a terminal', () => {
  it('is refused at once, as gzip refuses to read compressed data from a terminal', () => {
    // script(1) runs the command with a pseudo-terminal as its stdin.
    const r = spawnSync('script', ['-qec', `'${process.execPath}' '${cli}' read -`, '/dev/null'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.stdout.replace(/\r/g, '')).toBe('ackline: -: standard input is a terminal: pipe a capture into it (ackline read - < FILE)\n');
    expect(r.status).toBe(1);
  });
});
