// tcpdump's hex_and_ascii_print and hex_print (summary/hexdump.ts) against tcpdump's own -XX and
// -xx dumps of the SYN of scenarios/tcp-http-curl.pcap cut to lengths around the 16-byte line
// and 2-byte group boundaries (tcpdump dumps every captured byte with those same functions).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Frame } from '../../../electron/engine/bytes/frame.js';
import { DissectContext } from '../../../electron/engine/dissect/dissect-context.js';
import { DEFAULT_PRINT_OPTIONS } from '../../../electron/engine/dissect/print-options.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { hexAndAsciiPrint, hexPrint } from '../../../electron/engine/summary/hexdump.js';
import { SYN } from '../protocols/tcp-conversation.support.js';
import { pcapFile, splitNumbered } from '../protocols/link-transport.support.js';

const LENGTHS = [1, 2, 3, 15, 16, 17, 31, 32, 33, 47, 73, 74];
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/hexdump');

/**
 * tcpdump's dumps of SYN cut to each length (wire length = captured length). Made once with
 * `tcpdump -# -t -n -XX` / `-xx` over pcapFile() of the frames (tcpdump 4.99.3); regenerate on
 * purpose with ACKLINE_REGEN_REFS=1. Returns the dump of each frame: its lines after the summary.
 */
function dumps(flag: '-XX' | '-xx'): string[] {
  const file = path.join(FIXTURE, `syn${flag}.tcpdump.txt`);
  if (process.env.ACKLINE_REGEN_REFS) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ackline-hex-'));
    try {
      const input = path.join(dir, 'frames.pcap');
      writeFileSync(input, pcapFile(1, LENGTHS.map((n) => ({ data: SYN.subarray(0, n), wirelen: n }))));
      const r = spawnSync('tcpdump', ['-#', '-t', '-n', flag, '-r', input], { encoding: 'latin1' });
      if (r.error) throw r.error;
      mkdirSync(FIXTURE, { recursive: true });
      writeFileSync(file, r.stdout, 'latin1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!existsSync(file)) throw new Error(`missing ${file}: regenerate with ACKLINE_REGEN_REFS=1 (needs tcpdump)`);
  return splitNumbered(readFileSync(file, 'latin1')).map((t) => t.slice(t.indexOf('\n')));
}

function context(data: Uint8Array): DissectContext {
  return new DissectContext(new Frame(data), { number: 1, linktype: 1 }, createRegistry(), DEFAULT_PRINT_OPTIONS, new Map(), null);
}

describe('hex dumps vs tcpdump', () => {
  it('hexAndAsciiPrint prints what tcpdump -XX prints', () => {
    const want = dumps('-XX');
    LENGTHS.forEach((n, i) => {
      const ctx = context(SYN.subarray(0, n));
      hexAndAsciiPrint(ctx, '\n\t', 0, n);
      expect(ctx.out, `${n} bytes`).toBe(want[i]);
    });
  });

  it('hexPrint prints what tcpdump -xx prints', () => {
    const want = dumps('-xx');
    LENGTHS.forEach((n, i) => {
      const ctx = context(SYN.subarray(0, n));
      hexPrint(ctx, '\n\t', 0, n);
      expect(ctx.out, `${n} bytes`).toBe(want[i]);
    });
  });
});

describe('hex dumps of part of a frame', () => {
  it('start at an offset, number lines from oset and keep the ASCII column', () => {
    const ctx = context(SYN);
    hexAndAsciiPrint(ctx, '\n\t', 54, 20, 0x100);
    expect(ctx.out).toBe('\n\t0x0100:  0204 05b4 0402 080a f9b1 3ae8 0000 0000  ..........:.....\n\t0x0110:  0103 030a                                ....');
    const h = context(SYN);
    hexPrint(h, ' ', 54, 3);
    expect(h.out).toBe(' 0x0000:  0204 05');
  });

  it('dump what was captured and end with [|proto] when asked for more', () => {
    const ctx = context(SYN.subarray(0, 20));
    ctx.protocol = 'ether';
    hexAndAsciiPrint(ctx, '\n\t', 14, 40);
    expect(ctx.out).toBe('\n\t0x0000:  4500 003c a8c9                           E..<.. [|ether]');
    expect(ctx.facts.truncated).toBe(true);
    const h = context(SYN.subarray(0, 17));
    h.protocol = 'x';
    hexPrint(h, '\n\t', 14, 10);
    expect(h.out).toBe('\n\t0x0000:  4500 00 [|x]');
  });

  it('print nothing for no bytes', () => {
    const ctx = context(SYN);
    hexAndAsciiPrint(ctx, '\n\t', 10, 0);
    hexPrint(ctx, '\n\t', 10, 0);
    expect(ctx.out).toBe('');
  });
});
