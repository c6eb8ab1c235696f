// Shared helpers for the link-layer, IPv4, TCP/UDP and text-protocol tests: dissect frames
// through the real registry and driver (as the packet list and the golden test do), check
// detail trees against the captured bytes, cut frames at every length, and compare cut
// frames with what tcpdump 4.99.3 printed for the very same truncated records.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { FrameDissector, type DissectResult } from '../../../electron/engine/dissect/dissect-frame.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../../../electron/engine/dissect/print-options.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { concatBytes } from '../../../electron/engine/bytes/concat-bytes.js';

export const REGISTRY = createRegistry();

export { hex } from './packet-builder.support.js';

export const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

export interface RunOptions extends Partial<PrintOptions> {
  readonly linktype?: number;
  readonly wirelen?: number;
  readonly tree?: boolean;
  readonly number?: number;
}

/** One frame through a fresh FrameDissector (no TCP state from earlier frames). */
export function dissect(data: Uint8Array, o: RunOptions = {}): DissectResult {
  const { linktype = 1, wirelen = data.length, tree = false, number = 1, ...print } = o;
  const fd = new FrameDissector(REGISTRY, { ...DEFAULT_PRINT_OPTIONS, ...print });
  return fd.dissect(data, wirelen, { number, linktype }, tree);
}

/** The summary line of one frame. */
export function line(data: Uint8Array, o: RunOptions = {}): string {
  return dissect(data, o).line;
}

/** The detail tree of one frame. */
export function tree(data: Uint8Array, o: RunOptions = {}): FieldNode[] {
  return dissect(data, { ...o, tree: true }).tree ?? [];
}

export function* walk(nodes: readonly FieldNode[]): Generator<FieldNode> {
  for (const n of nodes) {
    yield n;
    if (n.children) yield* walk(n.children);
  }
}

export function fields(nodes: readonly FieldNode[], name: string): FieldNode[] {
  return [...walk(nodes)].filter((n) => n.field === name);
}

/** The one node named `name` (fails when absent). */
export function field(nodes: readonly FieldNode[], name: string): FieldNode {
  const found = fields(nodes, name);
  expect(found.length, `field ${name}`).toBeGreaterThan(0);
  return found[0]!;
}

/** Asserts a node's byte range and (optionally) its value. */
export function expectField(nodes: readonly FieldNode[], name: string, offset: number, length: number, value?: string | number | boolean): FieldNode {
  const n = field(nodes, name);
  expect([n.offset, n.length], `${name} range`).toEqual([offset, length]);
  if (value !== undefined) expect(n.value, `${name} value`).toBe(value);
  return n;
}

/** The names of a node's children, in order. */
export function childFields(node: FieldNode): string[] {
  return (node.children ?? []).map((c) => c.field);
}

/** Fields this suite's dissectors (and the driver) add; others' fields are tested by their own suites. */
export const OUR_FIELDS = /^(frame|eth|vlan|ieee8021ad|ieee8021ah|sll|null|ip|tcp|udp|http|ssh|ipcomp|vxlan|_ws\.expert)(\.|$)/;

/**
 * Wireshark nests these outside their parent's bytes: the TCP item covers the header only
 * and "TCP payload (N bytes)" follows it.
 */
const OUTSIDE_PARENT = new Set(['tcp.payload']);

/**
 * Every node of our fields lies inside the captured bytes, and every child inside its
 * parent's range (where Wireshark nests it there).
 */
export function expectTreeWithin(nodes: readonly FieldNode[], captured: number, where = ''): void {
  const visit = (ns: readonly FieldNode[], parent: FieldNode | null): void => {
    for (const n of ns) {
      if (OUR_FIELDS.test(n.field)) {
        const ok = n.offset >= 0 && n.length >= 0 && n.offset + n.length <= captured;
        if (!ok) expect.fail(`${where} ${n.field} [${n.offset}, ${n.offset + n.length}) outside the ${captured} captured bytes`);
        if (parent && OUR_FIELDS.test(parent.field) && !OUTSIDE_PARENT.has(n.field)) {
          const inside = n.offset >= parent.offset && n.offset + n.length <= parent.offset + parent.length;
          if (!inside) expect.fail(`${where} ${n.field} [${n.offset}, ${n.offset + n.length}) outside parent ${parent.field} [${parent.offset}, ${parent.offset + parent.length})`);
        }
      }
      if (n.children) visit(n.children, n);
    }
  };
  visit(nodes, null);
}

/** A dissector bug shows up as a "dissector error" malformed expert (the driver never throws). */
export function expectNoDissectorError(r: DissectResult, where = ''): void {
  const bad = r.experts.filter((e) => e.message.includes('dissector error'));
  expect(bad, where).toEqual([]);
}

/**
 * One frame, with and without a tree: never a dissector error, the tree inside the
 * captured bytes, and building the tree never changes the line or the facts.
 */
export function expectSound(data: Uint8Array, o: RunOptions = {}, where = ''): DissectResult {
  const plain = dissect(data, { ...o, tree: false });
  const full = dissect(data, { ...o, tree: true });
  expectNoDissectorError(plain, where);
  expectNoDissectorError(full, where);
  expect(full.line, `${where} line with tree`).toBe(plain.line);
  expect(full.facts, `${where} facts with tree`).toEqual(plain.facts);
  expectTreeWithin(full.tree ?? [], data.length, where);
  return full;
}

/** Cuts the frame at every length 1..len-1 (wire length kept) at -n and -v: see expectSound. */
export function cutEverywhere(data: Uint8Array, o: RunOptions = {}): void {
  const wirelen = o.wirelen ?? data.length;
  for (let n = 1; n < data.length; n++) {
    for (const verbose of [0, 1]) expectSound(data.subarray(0, n), { ...o, verbose, wirelen }, `cut ${n} -v${verbose}`);
  }
}

export interface CutRecord {
  readonly data: Uint8Array;
  readonly wirelen: number;
}

/** Each frame cut at 1..min(len, maxCut) bytes, then whole: one record per cut, in order. */
export function cutSeries(frames: readonly Uint8Array[], maxCut = Infinity): CutRecord[] {
  const out: CutRecord[] = [];
  for (const f of frames) {
    for (let n = 1; n <= Math.min(f.length, maxCut); n++) out.push({ data: f.subarray(0, n), wirelen: f.length });
    if (maxCut < f.length) out.push({ data: f, wirelen: f.length });
  }
  return out;
}

/** A classic little-endian µs pcap file of the records (timestamps 1 s apart). */
export function pcapFile(linktype: number, records: readonly CutRecord[]): Uint8Array {
  const size = 24 + records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 262144, true);
  v.setUint32(20, linktype, true);
  let o = 24;
  records.forEach((r, i) => {
    v.setUint32(o, 1_700_000_000 + i, true);
    v.setUint32(o + 4, 0, true);
    v.setUint32(o + 8, r.data.length, true);
    v.setUint32(o + 12, r.wirelen, true);
    out.set(r.data, o + 16);
    o += 16 + r.data.length;
  });
  return out;
}

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/cuts');
const TSHARK_FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/tshark');

/** Splits `tcpdump -#` output into one text per packet (hex-dump lines stay with theirs). */
export function splitNumbered(text: string): string[] {
  const out: string[] = [];
  for (const l of text.split('\n')) {
    if (/^ {0,4}\d+ {2}/.test(l)) out.push(l.replace(/^ *\d+ {2}/, ''));
    else if (l !== '' && out.length) out[out.length - 1] += '\n' + l;
  }
  return out;
}

/** Runs the installed tcpdump on the records (regeneration only). */
function runTcpdump(linktype: number, records: readonly CutRecord[], flags: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-cuts-'));
  try {
    const file = path.join(dir, 'cuts.pcap');
    writeFileSync(file, pcapFile(linktype, records));
    // SLL2 interface names are looked up on the reading host: an empty network namespace makes
    // them host-independent (ifindex 1 is "lo", every other index "?"), as in the corpus.
    const argv = ['tcpdump', '-#', '-t', '-n', ...flags, '-r', file];
    if (linktype === 276) argv.unshift('unshare', '-n');
    const r = spawnSync(argv[0]!, argv.slice(1), { env: { ...process.env, TZ: 'UTC' }, encoding: 'latin1' });
    if (r.error) throw r.error;
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The frames cut at every length, printed by the engine, against tcpdump's output for the
 * same records. The references in fixtures/cuts/ were made once by this function with
 * `ACKLINE_REGEN_REFS=1 npx vitest run test/engine/protocols` (tcpdump 4.99.3 / libpcap
 * 1.10.3, `TZ=UTC tcpdump -# -t -n FLAGS -r cuts.pcap` over the pcapFile() of cutSeries()).
 * One FrameDissector serves the whole series, like tcpdump reading the file: TCP relative
 * sequence numbers carry over from one record to the next.
 */
export function expectTcpdumpCuts(name: string, linktype: number, frames: readonly Uint8Array[], flags: readonly string[] = [], maxCut = Infinity): void {
  const records = cutSeries(frames, maxCut);
  const ref = path.join(FIXTURES, `${name}${flags.join('')}.tcpdump.txt`);
  if (process.env.ACKLINE_REGEN_REFS) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(ref, runTcpdump(linktype, records, flags), 'latin1');
  }
  if (!existsSync(ref)) throw new Error(`missing ${ref}: regenerate with ACKLINE_REGEN_REFS=1 (needs tcpdump)`);
  const want = splitNumbered(readFileSync(ref, 'latin1'));
  const print: Partial<PrintOptions> = {
    verbose: flags.reduce((n, f) => n + (/^-v+$/.test(f) ? f.length - 1 : 0), 0),
    eflag: flags.includes('-e'),
    qflag: flags.includes('-q'),
    absoluteSeq: flags.includes('-S'),
  };
  const fd = new FrameDissector(REGISTRY, { ...DEFAULT_PRINT_OPTIONS, ...print });
  const got = records.map((r, i) => fd.dissect(r.data, r.wirelen, { number: i + 1, linktype }).line);
  expect(want.length, `${ref} packet count`).toBe(records.length);
  const diffs: string[] = [];
  got.forEach((g, i) => {
    if (g !== want[i]) diffs.push(`#${i + 1} (${records[i]!.data.length}/${records[i]!.wirelen} bytes)\n  want: ${want[i]}\n  got:  ${g}`);
  });
  expect(diffs.slice(0, 5).join('\n'), `${diffs.length} of ${records.length} lines differ from tcpdump`).toBe('');
}

/** `field pos size` of every field tshark's PDML shows for each frame (regeneration only). */
function runTshark(linktype: number, frames: readonly Uint8Array[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-pdml-'));
  try {
    const file = path.join(dir, 'frames.pcap');
    writeFileSync(file, pcapFile(linktype, frames.map((data) => ({ data, wirelen: data.length }))));
    const r = spawnSync('tshark', ['-n', '-r', file, '-T', 'pdml'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.error) throw r.error;
    let out = '';
    for (const l of r.stdout.split('\n')) {
      if (l.includes('<packet>')) out += '#frame\n';
      const name = /<field name="([^"]+)"/.exec(l)?.[1];
      const pos = /\spos="(\d+)"/.exec(l)?.[1];
      const size = /\ssize="(\d+)"/.exec(l)?.[1];
      if (name && pos !== undefined && size !== undefined && name.includes('.')) out += `${name} ${pos} ${size}\n`;
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every node of our fields whose name tshark also shows for the frame covers the same bytes
 * as one of tshark's occurrences of that field. The references in fixtures/tshark/ come from
 * `tshark -n -T pdml` (TShark 4.0.17) over pcapFile() of the frames, regenerated with
 * ACKLINE_REGEN_REFS=1. `except` lists fields Ackline places differently on purpose.
 */
export function expectFieldsLikeTshark(name: string, linktype: number, frames: readonly Uint8Array[], except: readonly string[] = []): void {
  const ref = path.join(TSHARK_FIXTURES, `${name}.pdml-fields.txt`);
  if (process.env.ACKLINE_REGEN_REFS) {
    mkdirSync(TSHARK_FIXTURES, { recursive: true });
    writeFileSync(ref, runTshark(linktype, frames));
  }
  if (!existsSync(ref)) throw new Error(`missing ${ref}: regenerate with ACKLINE_REGEN_REFS=1 (needs tshark)`);
  const perFrame = readFileSync(ref, 'utf8').split('#frame\n').slice(1);
  expect(perFrame.length, `${ref} frame count`).toBe(frames.length);
  const problems: string[] = [];
  frames.forEach((frame, i) => {
    const theirs = new Map<string, string[]>();
    for (const l of perFrame[i]!.split('\n')) {
      const [f, pos, size] = l.split(' ');
      if (f && pos && size) theirs.set(f, [...(theirs.get(f) ?? []), `${pos}+${size}`]);
    }
    const seen = new Set<string>();
    for (const n of walk(tree(frame, { linktype }))) {
      if (!OUR_FIELDS.test(n.field) || except.includes(n.field)) continue;
      const want = theirs.get(n.field);
      if (!want) continue;
      seen.add(n.field);
      if (!want.includes(`${n.offset}+${n.length}`)) problems.push(`frame ${i + 1} ${n.field}: ours ${n.offset}+${n.length}, tshark ${want.join(' | ')}`);
    }
    if (seen.size < 3) problems.push(`frame ${i + 1}: only ${seen.size} fields in common with tshark`);
  });
  expect(problems.join('\n')).toBe('');
}
