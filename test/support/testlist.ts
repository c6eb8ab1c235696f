// Reads test/fixtures/TESTLIST (tcpdump-style golden cases over ../shared/captures).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { capturePath, repoRoot } from './captures.js';

export interface GoldenCase {
  readonly name: string;
  readonly capture: string;
  readonly expected: string;
  readonly tz: string;
  readonly flags: string[];
  /** 'in' = must match now; 'verbose' = a -v form; 'misc' = obscure printers, out of scope. */
  readonly scope: 'in' | 'verbose' | 'misc';
}

export function readTestlist(): GoldenCase[] {
  const text = readFileSync(path.join(repoRoot, 'test/fixtures/TESTLIST'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [name = '', capture = '', expected = '', tz = 'UTC', flags = '-', scope = 'in'] = l.split('\t');
      return { name, capture, expected, tz, flags: flags === '-' ? [] : flags.split(' '), scope: scope as GoldenCase['scope'] };
    });
}

/** The reference output as lines (gunzipped when needed), without tcpdump's EXIT CODE trailer. */
export function readExpected(rel: string): { lines: string[]; exitCode: number } {
  let buf = readFileSync(capturePath(rel));
  if (rel.endsWith('.gz')) buf = gunzipSync(buf);
  const lines = buf.toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let exitCode = 0;
  const last = lines[lines.length - 1];
  const m = last ? /^EXIT CODE ([0-9a-f]+)/.exec(last) : null;
  if (m) {
    exitCode = parseInt(m[1]!, 16);
    lines.pop();
  }
  return { lines, exitCode };
}

/** Exit status recorded in F.tcpdump.err (0 when there is none). */
export function readErrStatus(captureRel: string): { status: number; message: string | null } {
  try {
    const t = readFileSync(capturePath(captureRel + '.tcpdump.err'), 'utf8');
    const m = /exit status: (\d+)/.exec(t);
    const msg = t.split('\n').find((l) => l.startsWith('tcpdump: '));
    return { status: m ? Number(m[1]) : 0, message: msg ? msg.replace(/^tcpdump: (pcap_loop: )?/, '') : null };
  } catch {
    return { status: 0, message: null };
  }
}
