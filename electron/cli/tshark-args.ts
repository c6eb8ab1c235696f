// `ackline tshark` options, read as tshark reads them (getopt: `-nr FILE`, `-qz conv,tcp`
// and `-r FILE -n` are the same).
import { parseNameFlags } from '../engine/names/name-flags.js';
import { CliError } from './cli-io.js';

export interface TsharkArgs {
  file: string;
  /** -Y: which packets are printed (the -z views see every packet, as in tshark). */
  displayFilter?: string;
  /** -c: stop after reading this many packets. */
  count?: number;
  quiet: boolean;
  verbose: boolean;
  /** -T; undefined = the default one-line summary. */
  format?: 'fields' | 'json' | 'text';
  fields: string[];
  /** -E options, in order. */
  fieldOptions: [string, string][];
  stats: string[];
  /** -N letters (the last given; -n clears them): which names are resolved. */
  names: string;
}

/** Options that take an argument; the others are flags. */
const WITH_ARG = new Set(['r', 'Y', 'c', 'T', 'e', 'E', 'z', 'N']);
const FLAGS = new Set(['n', 'q', 'V']);

export function parseTsharkArgs(argv: readonly string[]): TsharkArgs {
  const a: TsharkArgs = { file: '', quiet: false, verbose: false, fields: [], fieldOptions: [], stats: [], names: '' };
  let file: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (!arg.startsWith('-') || arg === '-') throw new CliError(`tshark: unexpected argument '${arg}' (a capture filter is not supported; use -Y)`, 2);
    for (let j = 1; j < arg.length; j++) {
      const o = arg[j]!;
      if (FLAGS.has(o)) {
        if (o === 'q') a.quiet = true;
        if (o === 'V') a.verbose = true;
        if (o === 'n') a.names = '';
        continue;
      }
      if (!WITH_ARG.has(o)) throw new CliError(`tshark: option -${o} is not supported (supported: -r -n -N -Y -c -T -e -E -q -z -V)`, 2);
      const v = j + 1 < arg.length ? arg.slice(j + 1) : argv[++k];
      if (v === undefined) throw new CliError(`tshark: option -${o} needs an argument`, 2);
      set(a, o, v);
      if (o === 'r') file = v;
      break;
    }
  }
  if (!file) throw new CliError('tshark: no capture file given (-r FILE); live capture is `ackline capture`', 2);
  a.file = file;
  if (a.format === 'fields' && a.fields.length === 0) throw new CliError('tshark: "-T fields" was specified, but no fields were specified with "-e"', 2);
  if (a.fields.length && a.format !== 'fields' && a.format !== 'json') throw new CliError('tshark: "-e" was specified, but "-T fields" or "-T json" was not', 2);
  return a;
}

function set(a: TsharkArgs, o: string, v: string): void {
  switch (o) {
    case 'Y':
      a.displayFilter = v;
      break;
    case 'c':
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`tshark: the packet count "${v}" is not a positive number`, 2);
      a.count = Number(v);
      break;
    case 'T':
      if (v !== 'fields' && v !== 'json' && v !== 'text') throw new CliError(`tshark: invalid -T parameter "${v}" (supported: fields, json, text)`, 2);
      a.format = v;
      break;
    case 'e':
      a.fields.push(v);
      break;
    case 'E': {
      const eq = v.indexOf('=');
      if (eq < 1) throw new CliError(`tshark: invalid -E parameter "${v}" (NAME=VALUE)`, 2);
      a.fieldOptions.push([v.slice(0, eq), v.slice(eq + 1)]);
      break;
    }
    case 'z':
      a.stats.push(v);
      break;
    case 'N':
      try {
        parseNameFlags(v);
      } catch (e) {
        throw new CliError(`tshark: ${(e as Error).message}`, 2);
      }
      a.names = v;
      break;
  }
}
