// ICMPv6 dissector tests: real neighbour discovery packets (scenarios/icmpv6-ping6.pcap),
// the facts and tree fields, and a differential regression against tcpdump 4.99.3:
// fixtures/ipv6-icmpv6.pcap holds every ICMPv6 type/code and option form the printer
// knows (node information, MLDv1/v2, router renumbering, RPL, HA discovery, ND options,
// extension-header chains, jumbo payloads) plus random mutations of those and of real
// IPv6 packets, made by ipv6-icmpv6-gen.py and kept by ipv6-icmpv6-filter.py (only packets
// whose whole line comes from the IPv6/ICMPv6 printers); the expected files are
// `TZ=UTC tcpdump -n [-v|-vv|-vvv] -r ipv6-icmpv6.pcap`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FrameDissector } from '../../../electron/engine/dissect/dissect-frame.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { DEFAULT_PRINT_OPTIONS } from '../../../electron/engine/dissect/print-options.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { printCaptureBytes } from '../../../electron/engine/summary/print-capture.js';
import { DEFAULT_LINE_OPTIONS } from '../../../electron/engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';
import { hex } from './packet-builder.support.js';


const registry = createRegistry();
function run(data: Uint8Array, verbose = 0, tree = false) {
  const d = new FrameDissector(registry, { ...DEFAULT_PRINT_OPTIONS, verbose });
  return d.dissect(data, data.length, { number: 1, linktype: 1 }, tree);
}
function field(nodes: readonly FieldNode[] | null, name: string): FieldNode | undefined {
  for (const n of nodes ?? []) {
    if (n.field === name) return n;
    const c = field(n.children ?? null, name);
    if (c) return c;
  }
  return undefined;
}

// 05:30:09.719991 IP6 2001:db8:a::10 > ff02::1:ff00:20: ICMP6, neighbor solicitation, who has 2001:db8:a::20, length 32
//   0x0000:  3333 ff00 0020 0200 000a 0010 86dd 6000  33............`.
//   0x0010:  0000 0020 3aff 2001 0db8 000a 0000 0000  ....:...........
//   0x0020:  0000 0000 0010 ff02 0000 0000 0000 0000  ................
//   0x0030:  0001 ff00 0020 8700 1baf 0000 0000 2001  ................
//   0x0040:  0db8 000a 0000 0000 0000 0000 0020 0101  ................
//   0x0050:  0200 000a 0010                           ......
const NS = hex(`3333 ff00 0020 0200 000a 0010 86dd 6000 0000 0020 3aff 2001 0db8 000a 0000 0000
  0000 0000 0010 ff02 0000 0000 0000 0000 0001 ff00 0020 8700 1baf 0000 0000 2001
  0db8 000a 0000 0000 0000 0000 0020 0101 0200 000a 0010`);

// 05:30:09.720048 IP6 2001:db8:a::20 > 2001:db8:a::10: ICMP6, neighbor advertisement, tgt is 2001:db8:a::20, length 32
//   0x0000:  0200 000a 0010 0200 000a 0020 86dd 6000  ..............`.
//   0x0010:  0000 0020 3aff 2001 0db8 000a 0000 0000  ....:...........
//   0x0020:  0000 0000 0020 2001 0db8 000a 0000 0000  ................
//   0x0030:  0000 0000 0010 8800 89e0 6000 0000 2001  ..........`.....
//   0x0040:  0db8 000a 0000 0000 0000 0000 0020 0201  ................
//   0x0050:  0200 000a 0020                           ......
const NA = hex(`0200 000a 0010 0200 000a 0020 86dd 6000 0000 0020 3aff 2001 0db8 000a 0000 0000
  0000 0000 0020 2001 0db8 000a 0000 0000 0000 0000 0010 8800 89e0 6000 0000 2001
  0db8 000a 0000 0000 0000 0000 0020 0201 0200 000a 0020`);

describe('icmpv6 (real packets)', () => {
  it('prints neighbour discovery at -n and -v', () => {
    expect(run(NS).line).toBe('IP6 2001:db8:a::10 > ff02::1:ff00:20: ICMP6, neighbor solicitation, who has 2001:db8:a::20, length 32');
    expect(run(NS, 1).line).toBe(
      'IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) 2001:db8:a::10 > ff02::1:ff00:20: [icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has 2001:db8:a::20\n\t  source link-address option (1), length 8 (1): 02:00:00:0a:00:10',
    );
    expect(run(NA, 1).line).toContain('tgt is 2001:db8:a::20, Flags [solicited, override]\n\t  destination link-address option (2), length 8 (1): 02:00:00:0a:00:20');
  });

  it('reports a bad checksum with the value it should have', () => {
    const bad = NA.slice();
    bad[56] = 0x8a;
    expect(run(bad, 1).line).toContain('[bad icmp6 cksum 0x8ae0 -> 0x89e0!] ICMP6, neighbor advertisement');
  });

  it('fills facts and the Wireshark fields', () => {
    const r = run(NS, 0, true);
    expect(r.facts.protocol).toBe('ICMPv6');
    expect(r.facts.icmp6).toEqual({ type: 135, code: 0 });
    expect(field(r.tree, 'icmpv6.type')?.value).toBe(135);
    expect(field(r.tree, 'icmpv6.checksum')?.value).toBe(0x1baf);
    expect(field(r.tree, 'icmpv6.nd.ns.target_address')).toMatchObject({ value: '2001:db8:a::20', offset: 62, length: 16 });
    const na = run(NA, 1, true);
    expect(field(na.tree, 'icmpv6.nd.na.target_address')?.value).toBe('2001:db8:a::20');
    expect(field(na.tree, 'icmpv6.opt.target_linkaddr')?.value).toBe('02:00:00:0a:00:20');
  });

  it('never throws when cut at every length', () => {
    for (const p of [NS, NA]) {
      for (let n = 0; n <= p.length; n++) {
        for (const v of [0, 1, 2]) {
          const r = run(p.subarray(0, n), v, true);
          expect(r.experts.some((e) => e.message.includes('dissector error'))).toBe(false);
        }
      }
    }
  });
});

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

describe('ipv6-icmpv6.pcap vs tcpdump 4.99.3', () => {
  const capture = new Uint8Array(readFileSync(path.join(dir, 'ipv6-icmpv6.pcap')));
  for (const flag of ['', '-v', '-vv', '-vvv']) {
    it(`tcpdump -n ${flag}`, () => {
      const { opts } = parseTcpdumpFlags(flag ? [flag] : [], { ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
      const ours = printCaptureBytes(capture, opts).lines.join('\n').split('\n');
      const want = readFileSync(path.join(dir, `ipv6-icmpv6.pcap${flag}.tcpdump.txt`), 'latin1').split('\n');
      if (want[want.length - 1] === '') want.pop();
      for (let i = 0; i < Math.max(ours.length, want.length); i++) expect(ours[i], `line ${i + 1}`).toBe(want[i]);
    });
  }
});
