// Raw IP link types (print-raw.c raw_if_print, ipN_print): LINKTYPE_RAW 101, DLT_RAW 12 (most
// systems) and 14 (OpenBSD), LINKTYPE_IPV4 228 and LINKTYPE_IPV6 229, carrying the real SYNs of
// ip-packets.support.ts. The version nibble picks the printer on every one of them.
// tcpdump on Linux refuses link type 14 ("unknown data link type 14"); tshark reads it as raw
// IP, and so does Ackline, printing it like 12.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IP4_SYN, IP4_SYN_LINE, IP6_SYN, IP6_SYN_LINE } from './ip-packets.support.js';
import { concat, cutEverywhere, dissect, expectField, expectSound, expectFieldsLikeTshark, expectTcpdumpCuts, hex, line, tree } from './link-transport.support.js';

const RAW_TYPES = [101, 12, 14, 228, 229];

describe('raw IP summary lines', () => {
  it.each(RAW_TYPES)('link type %i prints IPv4 and IPv6 by their version nibble', (lt) => {
    expect(line(IP4_SYN, { linktype: lt })).toBe(IP4_SYN_LINE);
    expect(line(IP6_SYN, { linktype: lt })).toBe(IP6_SYN_LINE);
    expect(line(IP4_SYN, { linktype: lt, eflag: true })).toBe(`ip: ${IP4_SYN_LINE.slice(3)}`);
    expect(line(IP6_SYN, { linktype: lt, eflag: true })).toBe(`ip: ${IP6_SYN_LINE.slice(4)}`);
  });

  it.each(RAW_TYPES)('link type %i names other versions and cut headers as tcpdump does', (lt) => {
    expect(line(hex('50aabb'), { linktype: lt })).toBe('unknown ip 5');
    expect(line(hex('00'), { linktype: lt })).toBe('unknown ip 0');
    expect(line(IP4_SYN.subarray(0, 1), { linktype: lt, wirelen: IP4_SYN.length })).toBe('IP  [|ip]');
    expect(line(IP6_SYN.subarray(0, 1), { linktype: lt, wirelen: IP6_SYN.length })).toBe(' [|ip6]');
  });
});

describe('raw IP tree and facts', () => {
  it('starts the tree with the IP layer at offset 0', () => {
    const t = tree(IP4_SYN, { linktype: 101 });
    expect(t.map((n) => n.field)).toEqual(['frame', 'ip', 'tcp']);
    expectField(t, 'ip', 0, 20);
    expectField(t, 'ip.dst', 16, 4, '192.0.2.20');
    expectField(t, 'tcp.srcport', 20, 2, 56368);
    expect(tree(IP6_SYN, { linktype: 228 }).map((n) => n.field)).toEqual(['frame', 'ipv6', 'tcp']);
  });

  it('records the link layer and the IP columns', () => {
    const r = dissect(IP6_SYN, { linktype: 229 });
    expect(r.facts.layers).toEqual(['ipv6-link', 'ip6', 'tcp']);
    expect([r.facts.src, r.facts.dst, r.facts.sport, r.facts.dport]).toEqual(['2001:db8:a::10', '2001:db8:a::20', 51400, 80]);
    expect(dissect(IP4_SYN, { linktype: 101 }).facts.layers).toEqual(['raw', 'ip', 'tcp']);
  });
  it('places every field on the bytes tshark gives it', () => {
    expectFieldsLikeTshark('raw-ip', 101, [IP4_SYN, IP6_SYN]);
  });
});

describe('raw IP frames cut at every length', () => {
  it('never fail and keep the tree inside the captured bytes', () => {
    for (const lt of RAW_TYPES) for (const f of [IP4_SYN, IP6_SYN]) cutEverywhere(f, { linktype: lt });
  });

  it('print what tcpdump prints for each truncation', () => {
    for (const lt of [101, 12, 228, 229]) expectTcpdumpCuts(`raw-ip-${lt}`, lt, [IP4_SYN, IP6_SYN, hex('50aabb')]);
    expectTcpdumpCuts('raw-ip-101', 101, [IP4_SYN, IP6_SYN], ['-e']);
    expectTcpdumpCuts('raw-ip-101', 101, [IP4_SYN, IP6_SYN], ['-v']);
  });
});

describe('random bytes on a raw IP link', () => {
  it('never fail, whatever the version nibble', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RAW_TYPES), fc.integer({ min: 0, max: 15 }), fc.uint8Array({ maxLength: 80 }), fc.boolean(), (lt, version, rest, eflag) => {
        const frame = concat(new Uint8Array([(version << 4) | (rest[0] ?? 5) & 15]), rest);
        expectSound(frame, { linktype: lt, eflag });
        expectSound(frame, { linktype: lt, verbose: 2, wirelen: frame.length + 30 });
      }),
      { numRuns: 300 },
    );
  });
});
