// Golden test in tcpdump's style: every case of test/fixtures/TESTLIST is printed by the
// engine and compared byte-for-byte with tcpdump's own output for the same capture.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printCaptureBytes } from '../../../electron/engine/summary/print-capture.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';
import { DEFAULT_LINE_OPTIONS } from '../../../electron/engine/summary/line-printer.js';
import { haveCaptures, readCapture, repoRoot } from '../../support/captures.js';
import { readErrStatus, readExpected, readTestlist } from '../../support/testlist.js';

const cases = haveCaptures ? readTestlist() : [];
const report: string[] = [];
let matched = 0;
let inScope = 0;
let verboseMatched = 0;
let verboseTotal = 0;
let miscMatched = 0;
let miscTotal = 0;

function firstDiff(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe.skipIf(!haveCaptures)('tcpdump -n golden lines', () => {
  for (const c of cases) {
    const verbose = c.scope === 'verbose';
    it(`${c.name}${verbose ? ' (-v)' : c.scope === 'misc' ? ' (misc, out of scope)' : ''}`, () => {
      const { opts } = parseTcpdumpFlags(c.flags, { ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
      const printed = printCaptureBytes(readCapture(c.capture), opts);
      const ours = printed.lines.join('\n').split('\n');
      if (ours.length === 1 && ours[0] === '') ours.pop();
      const expected = readExpected(c.expected).lines;
      const err = readErrStatus(c.capture);
      // Where libpcap gave up on a file (damage, or a pcapng it refuses that tshark reads),
      // tcpdump's output is the packets before that point: ours must start with exactly those.
      const prefixOnly = err.status !== 0 || readExpected(c.expected).exitCode !== 0;
      const mine = prefixOnly ? ours.slice(0, expected.length) : ours;
      const d = firstDiff(mine, expected);
      if (c.scope === 'misc') {
        miscTotal++;
        if (d < 0) miscMatched++;
      } else if (verbose) {
        verboseTotal++;
        if (d < 0) verboseMatched++;
      } else {
        inScope++;
        if (d < 0) matched++;
      }
      if (d >= 0) {
        report.push(`${c.name} [${c.flags.join(' ')}] line ${d + 1}\n  want: ${expected[d] ?? '<none>'}\n  got:  ${mine[d] ?? '<none>'}`);
      }
      if (c.scope !== 'misc') expect(mine).toEqual(expected);
    });
  }
});

afterAll(() => {
  if (!haveCaptures) return;
  const dir = path.join(repoRoot, 'test/.artifacts');
  mkdirSync(dir, { recursive: true });
  const summary = `tcpdump -n golden: ${matched}/${inScope} cases byte-identical; -v forms: ${verboseMatched}/${verboseTotal}; misc (out of scope): ${miscMatched}/${miscTotal}`;
  writeFileSync(path.join(dir, 'golden-report.txt'), summary + '\n\n' + report.join('\n') + '\n');
  console.log(summary + `  (details: test/.artifacts/golden-report.txt)`);
});
