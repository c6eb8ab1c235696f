// VXLAN (vxlan.ts), the protocol CONTRIBUTING.md's steps added: fixtures/vxlan.pcap is real
// traffic between two network namespaces (fixtures/vxlan-record.sh: VNI 42 over IPv4, VNI 7
// over IPv6 with the Group Policy extension; ARP, ND/MLD, ICMP echo, UDP and HTTP inside),
// printed byte for byte as `TZ=UTC tcpdump -n [-v|-e] -r vxlan.pcap` (tcpdump 4.99.3);
// frames cut at every length and crafted invalid ones against tcpdump too; the tree where
// tshark puts each field; display filters against tshark; random bytes behind the header.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { LINKTYPE_ETHERNET } from '../../../electron/capfile/linktypes.js';
import { printCaptureBytes } from '../../../electron/engine/summary/print-capture.js';
import { DEFAULT_LINE_OPTIONS } from '../../../electron/engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';
import { loadCapture, runFilter } from '../filter/run-filter.js';
import { haveTshark, TsharkOracle } from '../filter/tshark-oracle.js';
import { concat, expectField, expectFieldsLikeTshark, expectSound, expectTcpdumpCuts, field, fields, tree } from './link-transport.support.js';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const FILE = path.join(dir, 'vxlan.pcap');
const capture = new Uint8Array(readFileSync(FILE));

function framesOf(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  readCaptureBytes(bytes, { onInterface: () => {}, onPacket: (_rec, data) => void out.push(data.slice()) });
  return out;
}
const frames = framesOf(capture);
/** #3 IPv6 outer with GBP (flags 0x88), #25 ARP, #27 ICMP echo, #45 HTTP GET (frame numbers of vxlan.pcap). */
const [GBP_MLD, ARP, ECHO, HTTP_GET] = [3, 25, 27, 45].map((n) => frames[n - 1]!) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];

/** Frame 27 with its UDP length (bytes 38..39) and the VXLAN flags byte (42) replaced. */
function edited(udpLength: number, flags = 0x08): Uint8Array {
  const f = ECHO.slice();
  f[38] = udpLength >> 8;
  f[39] = udpLength & 255;
  f[42] = flags;
  return f;
}
// Crafted: a UDP payload shorter than the VXLAN header (tcpdump: `VXLAN (invalid)`), the I
// flag clear (`flags [invalid]`), and a UDP length that ends the inner frame before the
// captured bytes do (ether_print's `[length N < caplen M] (invalid)`); checksums left wrong.
const CRAFTED = [edited(12), edited(ECHO.length - 34, 0x00), edited(ECHO.length - 34 - 10)];

describe('vxlan.pcap vs tcpdump 4.99.3', () => {
  for (const flag of ['', '-v', '-e']) {
    it(`tcpdump -n ${flag}`, () => {
      const { opts } = parseTcpdumpFlags(flag ? [flag] : [], { ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
      const ours = printCaptureBytes(capture, opts).lines.join('\n').split('\n');
      const want = readFileSync(path.join(dir, `vxlan.pcap${flag}.tcpdump.txt`), 'latin1').split('\n');
      if (want[want.length - 1] === '') want.pop();
      for (let i = 0; i < Math.max(ours.length, want.length); i++) expect(ours[i], `line ${i + 1}`).toBe(want[i]);
    });
  }
});

describe('VXLAN frames cut at every length, and crafted invalid ones, vs tcpdump', () => {
  it('tcpdump -n', () => expectTcpdumpCuts('vxlan', LINKTYPE_ETHERNET, [GBP_MLD, ARP, ECHO, HTTP_GET, ...CRAFTED]));
  it('tcpdump -n -v', () => expectTcpdumpCuts('vxlan', LINKTYPE_ETHERNET, [GBP_MLD, ARP, ECHO, HTTP_GET, ...CRAFTED], ['-v']));
  it('tcpdump -n -e', () => expectTcpdumpCuts('vxlan', LINKTYPE_ETHERNET, [ARP, ECHO, ...CRAFTED], ['-e']));
});

describe('VXLAN tree', () => {
  it('has Wireshark’s fields on their bytes, labelled from the declarations', () => {
    const t = tree(GBP_MLD);
    const v = expectField(t, 'vxlan', 62, 8);
    expect(v.label).toBe('Virtual eXtensible Local Area Network');
    expect(expectField(t, 'vxlan.flags', 62, 2, 0x8800).label).toBe('Flags: 0x8800, GBP Extension, VXLAN Network ID (VNI)');
    expect(expectField(t, 'vxlan.flag_g', 62, 2, true).label).toBe('1... .... .... .... = GBP Extension: Defined');
    expect(expectField(t, 'vxlan.flag_i', 62, 2, true).label).toBe('.... 1... .... .... = VXLAN Network ID (VNI): True');
    expect(expectField(t, 'vxlan.flags_reserved', 62, 2, 0).label).toBe('.000 .000 0.00 .000 = Reserved(R): 0x0000');
    expect(expectField(t, 'vxlan.vni', 66, 3, 7).label).toBe('VXLAN Network Identifier (VNI): 7');
    // The inner frame follows as protocols of their own, as in Wireshark.
    expect(fields(t, 'eth').map((n) => n.offset)).toEqual([0, 70]);
    expect(field(t, 'icmpv6').offset).toBeGreaterThan(70);
  });

  it('places every field where tshark does, outer and inner layers alike', () => {
    expectFieldsLikeTshark('vxlan', LINKTYPE_ETHERNET, [GBP_MLD, ARP, ECHO, HTTP_GET]);
  });

  it('never fails on random bytes after the VXLAN header, or on a frame cut anywhere', () => {
    const head = ECHO.subarray(0, 50);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (tail) => {
        const f = concat(head, tail);
        // Keep the IP and UDP lengths true to the frame so the random bytes reach VXLAN's payload.
        f[16] = (f.length - 14) >> 8;
        f[17] = (f.length - 14) & 255;
        f[38] = (f.length - 34) >> 8;
        f[39] = (f.length - 34) & 255;
        for (const verbose of [0, 1]) expectSound(f, { verbose });
      }),
      { numRuns: 300 },
    );
    for (const f of [GBP_MLD, HTTP_GET, ...CRAFTED]) for (let n = 1; n < f.length; n++) expectSound(f.subarray(0, n), { wirelen: f.length });
  });
});

describe('display filters on vxlan.pcap', () => {
  const FILTERS = [
    'vxlan',
    'vxlan.vni == 7',
    'vxlan.vni == 42 && icmp',
    'vxlan.flag_g == 1',
    'vxlan.gbp == 0',
    'tcp',
    'tcp.port == 8080 && tcp.flags.syn == 1',
    'arp',
    'icmp.type == 8',
    'ip.src == 192.168.42.1',
    'ip.addr == 10.99.0.2',
    'ipv6.src == fd00:99::1',
    'udp.port == 5555',
    'eth.src == 02:42:00:00:00:02',
    'icmpv6',
    '!vxlan',
  ];
  const cap = loadCapture(FILE);
  const oracle = new TsharkOracle();

  it('never has the index contradict the tree (a tunnelled packet goes to the tree)', () => {
    for (const f of FILTERS) expect(runFilter(cap, f).inconsistent, f).toEqual([]);
    // The index knows a VXLAN packet's outer UDP, not what the tunnel carries.
    const c = compileFilter('tcp');
    if (!c.ok) throw new Error(c.error.message);
    const idx = new CaptureIndex();
    readCaptureBytes(capture, { onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void idx.add(rec, data) });
    expect(c.filter.matchIndex(idx, 44)).toBeUndefined();
  });

  it.skipIf(!haveTshark)('keeps the frames tshark keeps', () => {
    try {
      for (const f of FILTERS) {
        const want = oracle.frames(FILE, 'protocols/fixtures/vxlan.pcap', f);
        if (want instanceof Error) throw new Error(`tshark rejects ${f}: ${want.message}`);
        expect(runFilter(cap, f).frames.join(' '), f).toBe(want.join(' '));
      }
    } finally {
      oracle.save();
    }
  });
});

describe('VXLAN behind a frame that is not VXLAN', () => {
  it('is only dispatched on UDP port 4789', () => {
    const f = ECHO.slice();
    f[36] = 0x13;
    f[37] = 0x88; // destination port 5000
    expect(fields(tree(f), 'vxlan')).toEqual([]);
  });
});
