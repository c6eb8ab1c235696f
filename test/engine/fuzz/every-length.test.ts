// Every decoder fed its input cut at every length, found systematically: from every valid
// capture of the corpus, the smallest packet of each distinct set of protocol families in
// its -vvv detail tree (eth, vlan, sll, ip, ipv6.routing, ipv6.fraghdr, icmpv6.nd, icmpv6.rpl,
// dns.qry, dhcp.option, tcp.options, http...; 90-odd sets), cut at every length (up to
// 1600 bytes, then every 97th, then whole) with its wire length kept, at -n, -v -e and -vvv.
// The per-protocol suites (test/engine/protocols) compare hand-made cuts with tcpdump; this
// one reaches every printer the corpus reaches, sub-printers included, and asks of each cut:
// no exception inside a dissector (the driver would report "dissector error"), the same line
// and facts with and without the detail tree, and every tree node inside the captured bytes.

import { describe, expect, it } from 'vitest';
import { FrameDissector, type DissectResult } from '../../../electron/engine/dissect/dissect-frame.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../../../electron/engine/dissect/print-options.js';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { haveCorpus, listCaptures, loadCapture } from '../../capfile/corpus.js';

const registry = createRegistry();
const EVERY_UP_TO = 1600;
const STRIDE = 97;

interface Sample {
  readonly name: string;
  readonly linktype: number;
  readonly data: Uint8Array;
  readonly wirelen: number;
}

function* walk(nodes: readonly FieldNode[]): Generator<FieldNode> {
  for (const n of nodes) {
    yield n;
    if (n.children) yield* walk(n.children);
  }
}

/** The protocol families of a tree: the first two parts of every field name. */
function families(tree: readonly FieldNode[]): string {
  const out = new Set<string>();
  for (const n of walk(tree)) out.add(n.field.split('.').slice(0, 2).join('.'));
  return [...out].sort().join(' ');
}

/** The smallest packet of each set of protocol families in the corpus. */
function samples(): Sample[] {
  const files = listCaptures(
    'scenarios',
    'tcpdump-suite',
    'formats',
    'pcapng-suite/libpcap',
    'pcapng-suite/pcapng-test-generator/le',
    'pcapng-suite/pcapng-test-generator/be',
  ).filter((f) => !f.includes('tcp-bulk-http'));
  const bySet = new Map<string, Sample>();
  for (const file of files) {
    const dissector = new FrameDissector(registry, { ...DEFAULT_PRINT_OPTIONS, verbose: 3 });
    const linktypes = new Map<number, number>();
    readCaptureBytes(loadCapture(file), {
      onInterface: (i) => linktypes.set(i.id, i.linktype),
      onPacket: (rec, data) => {
        const linktype = linktypes.get(rec.interfaceId) ?? -1;
        const r = dissector.dissect(data, rec.wirelen, { number: rec.number, linktype }, true);
        const key = families(r.tree ?? []);
        const had = bySet.get(key);
        if (!had || data.length < had.data.length) bySet.set(key, { name: `${file} #${rec.number}`, linktype, data: data.slice(), wirelen: rec.wirelen });
      },
    });
  }
  return [...bySet.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function cuts(length: number): number[] {
  const out: number[] = [];
  for (let n = 0; n <= Math.min(length, EVERY_UP_TO); n++) out.push(n);
  for (let n = EVERY_UP_TO + STRIDE; n < length; n += STRIDE) out.push(n);
  if (length > EVERY_UP_TO) out.push(length);
  return out;
}

function dissect(s: Sample, n: number, opts: PrintOptions, tree: boolean): DissectResult {
  // A fresh dissector per cut: no state from other frames (relative TCP sequence numbers).
  return new FrameDissector(registry, opts).dissect(s.data.subarray(0, n), s.wirelen, { number: 1, linktype: s.linktype }, tree);
}

const SAMPLES = haveCorpus ? samples() : [];
const OPTIONS: readonly PrintOptions[] = [
  DEFAULT_PRINT_OPTIONS,
  { ...DEFAULT_PRINT_OPTIONS, verbose: 1, eflag: true },
  { ...DEFAULT_PRINT_OPTIONS, verbose: 3 },
];

describe.skipIf(!haveCorpus)('every decoder cut at every length (one packet per set of protocol families in the corpus)', () => {
  it('finds the protocol families of the corpus', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(80);
    const all = new Set(SAMPLES.flatMap((s) => families(dissect(s, s.data.length, OPTIONS[2]!, true).tree ?? []).split(' ')));
    for (const f of ['eth.', 'vlan.', 'sll.', 'arp.', 'ip.', 'ipv6.routing', 'ipv6.fraghdr', 'icmp.', 'icmpv6.nd', 'udp.', 'tcp.options', 'dns.qry', 'dhcp.option', 'http']) {
      expect([...all].some((x) => x.startsWith(f)), f).toBe(true);
    }
  });

  it.each(SAMPLES.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    for (const n of cuts(s.data.length)) {
      for (const opts of OPTIONS) {
        const plain = dissect(s, n, opts, false);
        const full = dissect(s, n, opts, true);
        const where = `cut at ${n} of ${s.data.length}, -v${opts.verbose}${opts.eflag ? ' -e' : ''}`;
        const bug = full.experts.find((e) => e.message.includes('] dissector error: ')) ?? plain.experts.find((e) => e.message.includes('] dissector error: '));
        if (bug) expect.fail(`${where}: ${bug.message}`);
        if (full.line !== plain.line) expect(full.line, `${where}: line with the tree`).toBe(plain.line);
        if (JSON.stringify(full.facts) !== JSON.stringify(plain.facts)) expect(full.facts, `${where}: facts with the tree`).toEqual(plain.facts);
        for (const node of walk(full.tree ?? [])) {
          if (node.offset < 0 || node.length < 0 || node.offset + node.length > n) expect.fail(`${where}: ${node.field} [${node.offset}, ${node.offset + node.length}) outside the ${n} captured bytes`);
        }
      }
    }
  });
});
