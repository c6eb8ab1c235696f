// parseTcpdumpFlags (summary/tcpdump-flags.ts): the tcpdump output flags Ackline honours, as the
// TESTLIST golden cases and the CLI pass them, and the ones it must refuse.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINE_OPTIONS } from '../../../electron/engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';

describe('parseTcpdumpFlags', () => {
  it('keeps the defaults for no flags, "-" and -n/-nn', () => {
    const { opts, unknown } = parseTcpdumpFlags(['-', '', '-n', '-nn']);
    expect(unknown).toEqual([]);
    expect(opts).toEqual(DEFAULT_LINE_OPTIONS);
  });

  it('maps every time flag to its format', () => {
    const time = (f: string): string => parseTcpdumpFlags([f]).opts.time;
    expect(['-t', '-tt', '-ttt', '-tttt', '-ttttt'].map(time)).toEqual(['none', 'epoch', 'delta', 'date', 'since-first']);
    expect(parseTcpdumpFlags(['-tt', '-tttt']).opts.time).toBe('date');
  });

  it('adds up -v counts and sets -e, -q, -S and -#', () => {
    const { opts } = parseTcpdumpFlags(['-v', '-vv', '-e', '-q', '-S', '-#']);
    expect(opts.print).toEqual({ verbose: 3, eflag: true, qflag: true, absoluteSeq: true });
    expect(opts.numbered).toBe(true);
    expect(parseTcpdumpFlags(['-vvv']).opts.print.verbose).toBe(3);
  });

  it('starts from the base options it is given', () => {
    const base = { ...DEFAULT_LINE_OPTIONS, tz: utcOffset, print: { ...DEFAULT_LINE_OPTIONS.print, verbose: 1 } };
    const { opts } = parseTcpdumpFlags(['-v'], base);
    expect(opts.print.verbose).toBe(2);
    expect(opts.tz).toBe(utcOffset);
  });

  it('returns the flags it does not honour, in order', () => {
    expect(parseTcpdumpFlags(['-x', '-v', '-X', '-tttttt', '-A', '--number', '-vx']).unknown).toEqual(['-x', '-X', '-tttttt', '-A', '--number', '-vx']);
  });
});
