import type { LineOptions } from './line-printer.js';
import { DEFAULT_LINE_OPTIONS } from './line-printer.js';
import type { TimeFormat } from './timestamp.js';

const TIME_FLAGS: Record<string, TimeFormat> = {
  '-t': 'none',
  '-tt': 'epoch',
  '-ttt': 'delta',
  '-tttt': 'date',
  '-ttttt': 'since-first',
};

/**
 * Reads the tcpdump output flags Ackline honours (-v.., -e, -q, -S, -t.., -#, -n) into
 * line options. Returns the unknown flags too, so a caller can refuse them.
 */
export function parseTcpdumpFlags(args: readonly string[], base: LineOptions = DEFAULT_LINE_OPTIONS): { opts: LineOptions; unknown: string[] } {
  let verbose = base.print.verbose;
  let eflag = base.print.eflag;
  let qflag = base.print.qflag;
  let absoluteSeq = base.print.absoluteSeq;
  let time = base.time;
  let numbered = base.numbered;
  const unknown: string[] = [];
  for (const a of args) {
    if (a === '-' || a === '') continue;
    const t = TIME_FLAGS[a];
    if (t) {
      time = t;
      continue;
    }
    if (/^-v+$/.test(a)) {
      verbose += a.length - 1;
      continue;
    }
    switch (a) {
      case '-e':
        eflag = true;
        break;
      case '-q':
        qflag = true;
        break;
      case '-S':
        absoluteSeq = true;
        break;
      case '-#':
        numbered = true;
        break;
      case '-n':
      case '-nn':
        break;
      default:
        unknown.push(a);
    }
  }
  return { opts: { ...base, print: { verbose, eflag, qflag, absoluteSeq }, time, numbered }, unknown };
}
