// BSD loopback link types (print-null.c): LINKTYPE_NULL (0) and LINKTYPE_LOOP (108) carrying
// the real IPv4/IPv6 SYNs of ip-packets.support.ts behind a 4-byte address family. tcpdump
// reads the family little-endian and byte-swaps it when its upper half is set, for both link
// types, so host-order and network-order headers print alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IP4_SYN, IP4_SYN_LINE, IP6_SYN, IP6_SYN_LINE } from './ip-packets.support.js';
import { concat, cutEverywhere, dissect, expectField, expectSound, expectFieldsLikeTshark, expectTcpdumpCuts, hex, line, tree } from './link-transport.support.js';

const NULL = 0;
const LOOP = 108;

// NULL, AF_INET (2) little-endian:
//   0x0000:  0200 0000 4500 003c a8c9 4000 4006 0dd4  ....E..<..@.@...  (then IP4_SYN)
const NULL_V4 = concat(hex('02000000'), IP4_SYN);
// NULL written by a big-endian host: 00000002.
const NULL_V4_BE = concat(hex('00000002'), IP4_SYN);
// The three IPv6 families (24 NetBSD/OpenBSD, 28 FreeBSD, 30 Darwin).
const NULL_V6 = [24, 28, 30].map((af) => concat(new Uint8Array([af, 0, 0, 0]), IP6_SYN));
// LOOP, AF_INET in network order, and AF_INET6 (28) in network order.
const LOOP_V4 = concat(hex('00000002'), IP4_SYN);
const LOOP_V6 = concat(hex('0000001c'), IP6_SYN);
// An address family tcpdump names but Ackline does not decode (6, NS), and one it does not name (10).
const NULL_NS = concat(hex('06000000'), IP4_SYN.subarray(0, 6));
const NULL_AF10 = concat(hex('0a000000'), IP4_SYN);

const SYN_HEX =
  '\n\t0x0000:  4500 003c a8c9 4000 4006 0dd4 c000 020a  E..<..@.@.......' +
  '\n\t0x0010:  c000 0214 dc30 0050 a40f bd92 0000 0000  .....0.P........' +
  '\n\t0x0020:  a002 faf0 5630 0000 0204 05b4 0402 080a  ....V0..........' +
  '\n\t0x0030:  f9b1 3ae8 0000 0000 0103 030a            ..:.........';

describe('NULL and LOOP summary lines', () => {
  it('hand IPv4 and the three IPv6 families to IP (tcpdump -n)', () => {
    expect(line(NULL_V4, { linktype: NULL })).toBe(IP4_SYN_LINE);
    expect(line(NULL_V4_BE, { linktype: NULL })).toBe(IP4_SYN_LINE);
    for (const f of NULL_V6) expect(line(f, { linktype: NULL })).toBe(IP6_SYN_LINE);
    expect(line(LOOP_V4, { linktype: LOOP })).toBe(IP4_SYN_LINE);
    expect(line(LOOP_V6, { linktype: LOOP })).toBe(IP6_SYN_LINE);
    // tcpdump swaps a LOOP family written in host order, too.
    expect(line(NULL_V4, { linktype: LOOP })).toBe(IP4_SYN_LINE);
  });

  it('print the family at -e', () => {
    expect(line(NULL_V4, { linktype: NULL, eflag: true })).toBe(`AF IPv4 (2), length 64: ${IP4_SYN_LINE.slice(3)}`);
    expect(line(LOOP_V6, { linktype: LOOP, eflag: true })).toBe(`AF IPv6 (28), length 84: ${IP6_SYN_LINE.slice(4)}`);
  });

  it('print an undecoded family with its bytes (none at -q)', () => {
    expect(line(NULL_AF10, { linktype: NULL })).toBe(`AF Unknown (10), length 64: ${SYN_HEX}`);
    expect(line(NULL_AF10, { linktype: NULL, eflag: true })).toBe(`AF Unknown (10), length 64: ${SYN_HEX}`);
    expect(line(NULL_AF10, { linktype: NULL, qflag: true })).toBe('AF Unknown (10), length 64: ');
    expect(line(NULL_NS, { linktype: LOOP })).toBe('AF NS (6), length 10: \n\t0x0000:  4500 003c a8c9                           E..<..');
  });

  // tcpdump decodes families 7 (isoclns_print), 16 (atalk_print) and 23 (ipx_print).
  it.todo('prints ISO, Appletalk and IPX payloads as tcpdump does (no such dissectors yet)');

  it('say [|null] for a header cut short, and [|ip] for a missing IP header', () => {
    for (const lt of [NULL, LOOP]) {
      for (let n = 1; n < 4; n++) expect(line(NULL_V4.subarray(0, n), { linktype: lt, wirelen: NULL_V4.length })).toBe(' [|null]');
      expect(line(NULL_V4.subarray(0, 4), { linktype: lt, wirelen: NULL_V4.length })).toBe(' [|ip]');
    }
  });
});

describe('NULL and LOOP tree and facts', () => {
  it('add null.family over the 4 header bytes and the IP layer after it', () => {
    const t = tree(NULL_V4_BE, { linktype: NULL });
    expect(expectField(t, 'null.family', 0, 4, 2).label).toBe('Family: IPv4 (2)');
    expectField(t, 'ip', 4, 20);
    expectField(t, 'ip.src', 16, 4, '192.0.2.10');
    expectField(tree(LOOP_V6, { linktype: LOOP }), 'null.family', 0, 4, 28);
  });

  it('record the layers, with IP columns', () => {
    const r = dissect(LOOP_V4, { linktype: LOOP });
    expect(r.facts.layers).toEqual(['loop', 'ip', 'tcp']);
    expect([r.facts.src, r.facts.dst, r.facts.sport, r.facts.dport]).toEqual(['192.0.2.10', '192.0.2.20', 56368, 80]);
    expect(dissect(NULL_V6[0]!, { linktype: NULL }).facts.layers).toEqual(['null', 'ip6', 'tcp']);
  });
  it('place every field on the bytes tshark gives it', () => {
    expectFieldsLikeTshark('bsd-null', NULL, [NULL_V4, NULL_V4_BE, ...NULL_V6]);
    expectFieldsLikeTshark('bsd-loop', LOOP, [LOOP_V4, LOOP_V6]);
  });
});

describe('NULL and LOOP frames cut at every length', () => {
  it('never fail and keep the tree inside the captured bytes', () => {
    for (const f of [NULL_V4, NULL_V4_BE, ...NULL_V6, NULL_AF10]) cutEverywhere(f, { linktype: NULL });
    for (const f of [LOOP_V4, LOOP_V6, NULL_NS]) cutEverywhere(f, { linktype: LOOP });
  });

  it('print what tcpdump prints for each truncation', () => {
    expectTcpdumpCuts('bsd-null', NULL, [NULL_V4, NULL_V4_BE, NULL_V6[2]!, NULL_AF10]);
    expectTcpdumpCuts('bsd-null', NULL, [NULL_V4, NULL_V6[0]!, NULL_AF10], ['-e']);
    expectTcpdumpCuts('bsd-loop', LOOP, [LOOP_V4, LOOP_V6, NULL_NS]);
    expectTcpdumpCuts('bsd-loop', LOOP, [LOOP_V4, NULL_NS], ['-e']);
  });
});

describe('random payloads behind a loopback header', () => {
  it('never fail', () => {
    const families = fc.constantFrom(2, 24, 28, 30, 7, 16, 23, 0, 0x02000000, 0x1c000000, 0xffffffff);
    fc.assert(
      fc.property(families, fc.uint8Array({ maxLength: 80 }), fc.constantFrom(NULL, LOOP), fc.boolean(), (af, payload, lt, eflag) => {
        const hdr = new Uint8Array(4);
        new DataView(hdr.buffer).setUint32(0, af >>> 0, true);
        const frame = concat(hdr, payload);
        expectSound(frame, { linktype: lt, eflag });
        expectSound(frame, { linktype: lt, verbose: 1, wirelen: frame.length + 20 });
      }),
      { numRuns: 300 },
    );
  });
});
