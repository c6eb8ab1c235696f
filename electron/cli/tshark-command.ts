// `ackline tshark -r FILE [-n] [-Y FILTER] [-c N] [-q] [-z STAT]... [-T fields|json -e FIELD... -E OPT=V]`:
// the engine's tshark-compatible views over a capture file, printed byte for byte as
// `tshark -n -r FILE ...` (tshark 4.0) prints them.
import { caretLine } from '../engine/filter/filter-error.js';
import { compileFilter, type CompiledFilter } from '../engine/filter/compile-filter.js';
import { createCaptureReader } from '../capfile/capture-reader.js';
import { ProtocolHierarchyTap } from '../engine/tshark/protocol-hierarchy.js';
import { createTaps, StatSpecError } from '../engine/tshark/stat-spec.js';
import type { Tap, TapPacket } from '../engine/tshark/tap.js';
import { COLUMNS, DEFAULT_FIELDS_OPTIONS, FieldsPrinter, invalidFields, setFieldsOption, type FieldsOptions, type LocalZone } from '../engine/tshark/tshark-fields.js';
import { JsonPrinter } from '../engine/tshark/tshark-json.js';
import { tapMatches } from '../engine/tshark/tap.js';
import { TsharkPass } from '../engine/tshark/tshark-pass.js';
import { summaryLine, timeDigits } from '../engine/tshark/ws-summary.js';
import { TreeTextPrinter } from '../engine/tshark/ws-tree-text.js';
import type { CaptureInterface } from '../capfile/types.js';
import { MacNames } from '../engine/names/mac-names.js';
import { anyNames, parseNameFlags } from '../engine/names/name-flags.js';
import { NameResolver } from '../engine/names/name-resolver.js';
import { loadOuiTable } from '../node-platform/oui-table.js';
import { CliError, type CliIo } from './cli-io.js';
import { parseTsharkArgs, type TsharkArgs } from './tshark-args.js';

export async function runTshark(argv: readonly string[], io: CliIo): Promise<number> {
  const a = parseTsharkArgs(argv);
  const display = a.displayFilter === undefined ? null : compileDisplayFilter(a.displayFilter);
  let taps: Tap[];
  try {
    taps = createTaps(a.stats);
  } catch (e) {
    if (e instanceof StatSpecError) throw new CliError(`tshark: ${e.message}`, 2);
    throw e;
  }
  // tshark's tree holds the frame protocol when a filter names a frame field or a tree is printed.
  const filters = [display, ...taps.map((t) => ('filter' in t ? (t.filter as CompiledFilter | null) : null))];
  const frameInTree = a.verbose || a.format === 'fields' || a.format === 'json' || filters.some((f) => f?.fields.some((n) => n === 'frame' || n.startsWith('frame.')));
  const fullTree = a.verbose || a.format === 'fields' || a.format === 'json';
  for (const t of taps) {
    if (!(t instanceof ProtocolHierarchyTap)) continue;
    t.withFrame = frameInTree;
    t.fullTree = fullTree;
  }
  const digits = new Map<number, number>();
  const interfaces = new Map<number, CaptureInterface>();
  const flags = parseNameFlags(a.names);
  if (anyNames(flags) && (a.verbose || a.format === 'json')) throw new CliError('tshark: -N with -V or -T json is not supported yet (names show in the summary line and _ws.col.Info)', 2);
  const names = anyNames(flags) ? new NameResolver(flags, new MacNames(loadOuiTable)) : undefined;
  const printer = packetPrinter(a, io, (p) => digits.get(p.rec.interfaceId) ?? 6, (id) => interfaces.get(id), names);
  const out = (s: string): void => io.out(utf8Binary(s));
  const pass = new TsharkPass(taps, a.fields.some((f) => COLUMNS.has(f)) || printer?.columns === true, names);
  let stop = false;
  if (printer?.header) out(printer.header);
  const reader = createCaptureReader({
    onInterface: (iface) => {
      pass.addInterface(iface);
      digits.set(iface.id, timeDigits(iface.tsUnitsPerSecond));
      interfaces.set(iface.id, iface);
    },
    onPacket: (rec, data) => {
      if (stop) return;
      const p = pass.add(rec, data);
      if (printer && (!display || tapMatches(display, p))) out(printer.line(p));
      if (a.count !== undefined && pass.packets >= a.count) stop = true;
    },
  });
  await io.readChunks(a.file, (chunk) => {
    if (!stop) reader.push(chunk);
  });
  reader.end();
  if (printer) out(printer.end());
  // tshark draws the views in the reverse of the order they were asked for.
  for (let k = taps.length - 1; k >= 0; k--) taps[k]!.draw({ elapsed: pass.elapsed }, out);
  if (reader.error && !stop) {
    const e = reader.error;
    io.err(`ackline: tshark: ${a.file}: ${e.message} (at byte offset ${e.offset})\n`);
    return 2;
  }
  return 0;
}

interface PacketPrinter {
  readonly header: string;
  /** It prints Wireshark's Protocol and Info columns (the pass must compute them). */
  readonly columns?: boolean;
  line(p: TapPacket): string;
  /** Written after the last packet (JSON's closing bracket). */
  end(): string;
}

/**
 * What prints each displayed packet: -T fields and json (-q does not silence them, as in
 * tshark), else the one-line summary (silenced by -q).
 */
function packetPrinter(a: TsharkArgs, io: CliIo, digitsOf: (p: TapPacket) => number, interfaceOf: (id: number) => CaptureInterface | undefined, names?: NameResolver): PacketPrinter | null {
  const zone: LocalZone = (sec) => ({ offset: io.tzOffset(sec), name: zoneName(sec, io.tzOffset(sec)) });
  if (a.format === 'json') {
    if (!a.fields.length) throw new CliError('tshark: -T json prints the fields given with -e (the whole tree is not supported yet)', 2);
    const bad = invalidFields(a.fields);
    if (bad.length) throw new CliError(`tshark: Some fields aren't valid:\n${bad.map((f) => `\t${f}`).join('\n')}`, 1);
    const json = new JsonPrinter(a.fields, zone);
    return { header: '', line: (p) => json.packet(p), end: () => json.end() };
  }
  if (a.format !== 'fields') {
    if (a.quiet) return null;
    if (a.verbose) {
      const tree = new TreeTextPrinter(zone, interfaceOf);
      return { header: '', line: (p) => tree.packet(p), end: () => '' };
    }
    return { header: '', columns: true, line: (p) => summaryLine(p, digitsOf(p), names), end: () => '' };
  }
  let opts: FieldsOptions = DEFAULT_FIELDS_OPTIONS;
  for (const [name, value] of a.fieldOptions) {
    const r = setFieldsOption(opts, name, value);
    if (typeof r === 'string') throw new CliError(`tshark: ${r}`, 1);
    opts = r;
  }
  const bad = invalidFields(a.fields);
  if (bad.length) throw new CliError(`tshark: Some fields aren't valid:\n${bad.map((f) => `\t${f}\n`).join('')}`.trimEnd(), 1);
  const fields = new FieldsPrinter(a.fields, opts, zone);
  return { header: opts.header ? fields.header() : '', line: (p) => fields.line(p), end: () => '' };
}

/** The local zone's abbreviation for frame.time ("UTC" when the offset is 0). */
function zoneName(sec: number, offset: number): string {
  if (offset === 0) return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date(sec * 1000)).find((x) => x.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

function compileDisplayFilter(text: string): CompiledFilter {
  const c = compileFilter(text);
  if (c.ok) return c.filter;
  throw new CliError(`tshark: invalid display filter: ${c.error.message}\n${caretLine(text, c.error.position, c.error.length)}`, 2);
}

/** The CLI writes bytes as latin1 code units: encode the text as UTF-8 first (tshark's "→"). */
function utf8Binary(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(s)) return s;
  const b = new TextEncoder().encode(s);
  let r = '';
  for (let k = 0; k < b.length; k += 8192) r += String.fromCharCode(...b.subarray(k, k + 8192));
  return r;
}
