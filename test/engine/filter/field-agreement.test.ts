// The display-filter agreement check against tshark 4.0 (-Y semantics), on a list of our
// own: every field that the scenario captures' reference `-T fields` outputs name (plus
// tcp.time_delta / tcp.time_relative), each with presence, ==, !=, contains, a value range,
// a byte slice and a set, built from values tshark itself prints for that capture. tshark
// runs with tcp.calculate_timestamps on (the semantics Ackline has). Where tshark rejects a
// filter we must reject it too; where it accepts one we must keep the same frames.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { capturePath, haveCaptures } from '../../support/captures.js';
import { loadCapture, runFilter } from './run-filter.js';
import { fieldValues, TsharkBatch, type Verdict } from './tshark-batch.js';
import { haveTshark, TsharkOracle } from './tshark-oracle.js';

const OPTIONS = ['-o', 'tcp.calculate_timestamps:TRUE'];
const DIR = haveCaptures ? capturePath('scenarios') : '';
// The bulk capture (112k packets) is left out: its trees alone take more memory than the suite has.
const CAPTURES = haveCaptures ? readdirSync(DIR).filter((f) => f.endsWith('.pcap') && f !== 'tcp-bulk-http.pcap') : [];

/** Every field named by a reference `-T fields` header of the scenarios (columns are not fields). */
function referenceFields(): string[] {
  const names = new Set<string>();
  for (const f of readdirSync(DIR).filter((n) => /\.tshark(-analysis)?\.tsv$/.test(n))) {
    const header = readFileSync(`${DIR}/${f}`, 'utf8').split('\n', 1)[0]!;
    for (const n of header.split('\t')) if (n && !n.startsWith('_ws.col.')) names.add(n);
  }
  return [...names, 'tcp.time_delta', 'tcp.time_relative'];
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const HEXBYTES = /^[\da-f]{2}(:[\da-f]{2})+$/i;
const ipv4Num = (s: string): number => s.split('.').reduce((n, p) => n * 256 + Number(p), 0);

/** A value as a filter literal: numbers, addresses and byte strings bare, anything else quoted. */
function literal(v: string): string {
  return NUMBER.test(v) || IPV4.test(v) || HEXBYTES.test(v) ? v : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The first bytes of a value, as a byte string, for slices and `contains` (undefined when it has none we can name). */
function leadingBytes(v: string, n: number): string | undefined {
  if (HEXBYTES.test(v)) return v.split(':').slice(0, n).join(':');
  if (IPV4.test(v)) return v.split('.').slice(0, n).map((p) => Number(p).toString(16).padStart(2, '0')).join(':');
  return undefined;
}

/** Filters for one field over one capture, from the values tshark prints for it there. */
function filtersFor(field: string, values: readonly string[]): string[] {
  const out = [field, `!${field}`];
  if (!values.length) return [...out, `${field} == 1`, `${field} contains 1`];
  const v1 = values[0]!;
  const v2 = values[Math.floor(values.length / 2)]!;
  out.push(`${field} == ${literal(v1)}`, `${field} != ${literal(v1)}`, `${field} in {${literal(v1)}, ${literal(v2)}}`, `${field} not in {${literal(v1)}, ${literal(v2)}}`);
  // contains: a part of a string, the first bytes of an address, or (rejected) a number.
  const bytes = leadingBytes(v1, 2);
  if (bytes) out.push(`${field} contains ${bytes}`);
  else if (NUMBER.test(v1)) out.push(`${field} contains ${v1.split('.')[0]}`);
  else out.push(`${field} contains ${literal([...v1].slice(0, 2).join(''))}`);
  // A value range and the comparisons that bound it.
  const order = (a: string, b: string): [string, string] => {
    if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) <= Number(b) ? [a, b] : [b, a];
    if (IPV4.test(a) && IPV4.test(b)) return ipv4Num(a) <= ipv4Num(b) ? [a, b] : [b, a];
    return a <= b ? [a, b] : [b, a];
  };
  const [lo, hi] = order(v1, v2);
  out.push(`${field} in {${literal(lo)}..${literal(hi)}}`, `${field} > ${literal(lo)}`, `${field} <= ${literal(hi)}`);
  // A byte slice.
  const first = leadingBytes(v1, 1);
  if (first) out.push(`${field}[0] == ${first}`, `${field}[0:2] == ${leadingBytes(v1, 2)}`);
  return out;
}

/**
 * Where we and tshark differ on purpose or for a known reason, by "capture<TAB>filter" or
 * by "*<TAB>filter" (every capture). These are checked too: the test fails when one starts
 * to agree, so the list stays true.
 */
const FF_IS_A_PROTOCOL = 'tshark reads a bare `ff` as its FOUNDATION Fieldbus protocol (absent), not as the byte 0xff; we read the byte';
const KNOWN: Readonly<Record<string, string>> = {
  '*\teth.dst[0] == ff': FF_IS_A_PROTOCOL,
  '*\tip.dst[0] == ff': FF_IS_A_PROTOCOL,
};

/** Reference fields Ackline's filter does not know yet: every filter naming one is rejected. */
const MISSING_FIELDS: Readonly<Record<string, string>> = {
  'tcp.seq': 'relative sequence numbers (Wireshark\'s base per direction) are not indexed yet; tcp.seq_raw is',
  'tcp.ack': 'relative acknowledgment numbers are not indexed yet; tcp.ack_raw is',
  'tcp.flags.str': 'the flags string is a generated node of Wireshark\'s TCP tree, which ours does not have yet',
  'tcp.analysis.initial_rtt': 'the iRTT is computed per connection for the ladder, not yet per packet for the filter',
  'tcp.completeness': 'the completeness bit set (SYN, SYN-ACK, ACK, data, FIN, RST seen) is not computed yet',
};

const listed = (rel: string, filter: string): string | undefined => KNOWN[`${rel}\t${filter}`] ?? KNOWN[`*\t${filter}`];
const missingField = (filter: string): string | undefined => MISSING_FIELDS[/^!?([\w.]+)/.exec(filter)?.[1] ?? ''];

const version = haveTshark ? new TsharkOracle().version : 'none';
const batch = new TsharkBatch(version, OPTIONS);
afterAll(() => batch.save());

describe.skipIf(!haveTshark || !haveCaptures)(`display filters agree with tshark ${version} on every reference field`, () => {
  const fields = haveCaptures ? referenceFields() : [];
  for (const name of CAPTURES) {
    it(name, () => {
      const file = `${DIR}/${name}`;
      const values = fieldValues(file, fields, OPTIONS);
      const filters = fields.flatMap((f, k) => filtersFor(f, [...new Set(values.flatMap((row) => row[k] ?? []))]));
      const want = batch.verdicts(file, name, filters);
      const cap = loadCapture(file);
      const problems: string[] = [];
      const stale: string[] = [];
      for (const filter of filters) {
        const w: Verdict = want.get(filter)!;
        const c = compileFilter(filter);
        const got: Verdict = c.ok ? runFilter(cap, c.filter).frames : new Error(c.error.message);
        const agree = w instanceof Error || got instanceof Error ? w instanceof Error && got instanceof Error : w.join(' ') === got.join(' ');
        const known = listed(name, filter);
        if (known && agree) stale.push(`${filter}  (listed: ${known})`);
        // A filter on a field we lack is rejected: it agrees only where tshark rejects it too.
        if (!known && !agree && !missingField(filter)) {
          const show = (v: Verdict): string => (v instanceof Error ? `rejected: ${v.message}` : `[${v.join(' ')}]`);
          problems.push(`${filter}\n    tshark: ${show(w)}\n    ours:   ${show(got)}`);
        }
      }
      expect(stale, 'known differences that now agree: remove them from KNOWN').toEqual([]);
      expect(problems.join('\n'), `${problems.length} of ${filters.length} filters disagree`).toBe('');
    });
  }

  it('the batch (one tap filter per display filter) says what `tshark -Y` says', () => {
    const name = 'tcp-http-curl.pcap';
    const file = `${DIR}/${name}`;
    const sample = ['ip.src', 'eth.dst', 'tcp.srcport', 'tcp.analysis.flags', 'tcp.stream'].flatMap((f) => filtersFor(f, f === 'tcp.stream' ? ['0'] : f === 'tcp.srcport' ? ['80', '56368'] : f === 'ip.src' ? ['192.0.2.10', '192.0.2.20'] : f === 'eth.dst' ? ['ff:ff:ff:ff:ff:ff'] : []));
    const viaTaps = new TsharkBatch(version).verdicts(file, name, sample);
    const viaY = new TsharkOracle();
    for (const f of sample) {
      const y = viaY.frames(file, `scenarios/${name}`, f);
      const t = viaTaps.get(f)!;
      expect(t instanceof Error ? 'rejected' : t.join(' '), f).toBe(y instanceof Error ? 'rejected' : y.join(' '));
    }
    viaY.save();
  });
});
