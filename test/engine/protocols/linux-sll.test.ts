// Linux cooked capture v1 (LINKTYPE_LINUX_SLL, print-sll.c sll_if_print) on frames of
// scenarios/any-mixed-sll.pcap: lines at -n and -e, the sll.* tree, facts, every truncation
// vs tcpdump, random payloads behind a valid header.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childFields, concat, cutEverywhere, dissect, expectField, expectSound, expectFieldsLikeTshark, expectTcpdumpCuts, hex, line, tree } from './link-transport.support.js';

const SLL = 113;

// scenarios/any-mixed-sll.pcap frame 1 (tcpdump -n -XX -e):
// 05:30:58.475757 Out 02:00:00:0a:00:10 ethertype ARP (0x0806), length 44: Request who-has 192.0.2.20 tell 192.0.2.10, length 28
//   0x0000:  0004 0001 0006 0200 000a 0010 0000 0806  ................
//   0x0010:  0001 0800 0604 0001 0200 000a 0010 c000  ................
//   0x0020:  020a 0000 0000 0000 c000 0214            ............
const ARP_OUT = hex(
  '0004000100060200000a00100000080600010800060400010200000a0010c000' +
  '020a000000000000c0000214',
);
// scenarios/any-mixed-sll.pcap frame 8 (tcpdump -n -XX -e):
// 05:30:58.688940  In 02:00:00:0a:00:20 ethertype IPv4 (0x0800), length 105: 192.0.2.20.53 > 192.0.2.10.49563: 36259* 1/0/1 A 192.0.2.80 (61)
//   0x0000:  0000 0001 0006 0200 000a 0020 0000 0800  ................
//   0x0010:  4500 0059 2bf6 4000 4011 8a7f c000 0214  E..Y+.@.@.......
//   0x0020:  c000 020a 0035 c19b 0045 7870 8da3 8580  .....5...Exp....
//   0x0030:  0001 0001 0000 0001 0377 7777 0765 7861  .........www.exa
//   0x0040:  6d70 6c65 0474 6573 7400 0001 0001 c00c  mple.test.......
//   0x0050:  0001 0001 0000 0000 0004 c000 0250 0000  .............P..
//   0x0060:  2904 d000 0000 0000 00                   )........
const DNS_IN = hex(
  '0000000100060200000a002000000800450000592bf6400040118a7fc0000214' +
  'c000020a0035c19b004578708da3858000010001000000010377777707657861' +
  '6d706c6504746573740000010001c00c00010001000000000004c00002500000' +
  '2904d0000000000000',
);
// scenarios/any-mixed-sll.pcap frame 9 (tcpdump -n -XX -e), captured on lo (hatype 772):
// 05:30:58.709990  In 00:00:00:00:00:00 ethertype IPv4 (0x0800), length 76: 127.0.0.1.50372 > 127.0.0.1.8000: Flags [S], seq 933129691, win 65495, options [mss 65495,sackOK,TS val 1402224609 ecr 0,nop,wscale 10], length 0
//   0x0000:  0000 0304 0006 0000 0000 0000 0000 0800  ................
//   0x0010:  4500 003c 1eb8 4000 4006 1e02 7f00 0001  E..<..@.@.......
//   0x0020:  7f00 0001 c4c4 1f40 379e 6ddb 0000 0000  .......@7.m.....
//   0x0030:  a002 ffd7 fe30 0000 0204 ffd7 0402 080a  .....0..........
//   0x0040:  5394 3fe1 0000 0000 0103 030a            S.?.........
const LO_SYN = hex(
  '000003040006000000000000000008004500003c1eb8400040061e027f000001' +
  '7f000001c4c41f40379e6ddb00000000a002ffd7fe3000000204ffd70402080a' +
  '53943fe1000000000103030a',
);
/** DNS_IN with its protocol field replaced. */
const withProtocol = (p: string): Uint8Array => concat(DNS_IN.subarray(0, 14), hex(p), DNS_IN.subarray(16));
// DNS_IN with protocol 0x1234: " In 02:00:00:0a:00:20 ethertype Unknown (0x1234), length 105: " + hex dump
const UNKNOWN = withProtocol('1234');
// DNS_IN with a 2-byte link-layer address length (halen 0): no MAC printed at -e.
const HALEN0 = concat(DNS_IN.subarray(0, 4), hex('0000'), DNS_IN.subarray(6));

const DNS_LINE = 'IP 192.0.2.20.53 > 192.0.2.10.49563: 36259* 1/0/1 A 192.0.2.80 (61)';
const DNS_HEX =
  '\n\t0x0000:  4500 0059 2bf6 4000 4011 8a7f c000 0214  E..Y+.@.@.......' +
  '\n\t0x0010:  c000 020a 0035 c19b 0045 7870 8da3 8580  .....5...Exp....' +
  '\n\t0x0020:  0001 0001 0000 0001 0377 7777 0765 7861  .........www.exa' +
  '\n\t0x0030:  6d70 6c65 0474 6573 7400 0001 0001 c00c  mple.test.......' +
  '\n\t0x0040:  0001 0001 0000 0000 0004 c000 0250 0000  .............P..' +
  '\n\t0x0050:  2904 d000 0000 0000 00                   )........';

describe('Linux cooked v1 summary line', () => {
  it('prints the payload only at -n (as in any-mixed-sll.pcap.tcpdump.txt)', () => {
    expect(line(ARP_OUT, { linktype: SLL })).toBe('ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28');
    expect(line(DNS_IN, { linktype: SLL })).toBe(DNS_LINE);
    expect(line(LO_SYN, { linktype: SLL })).toBe(
      'IP 127.0.0.1.50372 > 127.0.0.1.8000: Flags [S], seq 933129691, win 65495, options [mss 65495,sackOK,TS val 1402224609 ecr 0,nop,wscale 10], length 0',
    );
  });

  it('prints packet type, address and protocol at -e', () => {
    expect(line(ARP_OUT, { linktype: SLL, eflag: true })).toBe(
      'Out 02:00:00:0a:00:10 ethertype ARP (0x0806), length 44: Request who-has 192.0.2.20 tell 192.0.2.10, length 28',
    );
    expect(line(DNS_IN, { linktype: SLL, eflag: true })).toBe(
      ' In 02:00:00:0a:00:20 ethertype IPv4 (0x0800), length 105: 192.0.2.20.53 > 192.0.2.10.49563: 36259* 1/0/1 A 192.0.2.80 (61)',
    );
    expect(line(HALEN0, { linktype: SLL, eflag: true })).toBe(' In ethertype IPv4 (0x0800), length 105: 192.0.2.20.53 > 192.0.2.10.49563: 36259* 1/0/1 A 192.0.2.80 (61)');
    expect(line(LO_SYN, { linktype: SLL, eflag: true, qflag: true })).toBe(' In 00:00:00:00:00:00 127.0.0.1.50372 > 127.0.0.1.8000: tcp 0');
  });

  it('prints the header and the bytes for an unknown protocol', () => {
    const want = ` In 02:00:00:0a:00:20 ethertype Unknown (0x1234), length 105: ${DNS_HEX}`;
    expect(line(UNKNOWN, { linktype: SLL })).toBe(want);
    expect(line(UNKNOWN, { linktype: SLL, eflag: true })).toBe(want);
    expect(dissect(UNKNOWN, { linktype: SLL }).facts.protocol).toBe('SLL');
  });

  it('says [|sll] for a capture shorter than the 16-byte header', () => {
    for (let n = 1; n < 16; n++) expect(line(DNS_IN.subarray(0, n), { linktype: SLL, wirelen: DNS_IN.length })).toBe(' [|sll]');
  });
});

describe('Linux cooked v1 tree and facts', () => {
  it('has the sll.* fields with their bytes', () => {
    const t = tree(DNS_IN, { linktype: SLL });
    const sll = expectField(t, 'sll', 0, 16);
    expect(childFields(sll)).toEqual(['sll.pkttype', 'sll.hatype', 'sll.halen', 'sll.src.eth', 'sll.unused', 'sll.etype']);
    expect(expectField(t, 'sll.pkttype', 0, 2, 0).label).toBe('Packet type: Unicast to us (0)');
    expect(expectField(t, 'sll.unused', 12, 2).label).toBe('Unused: 0000');
    expectField(t, 'sll.hatype', 2, 2, 1);
    expectField(t, 'sll.halen', 4, 2, 6);
    expectField(t, 'sll.src.eth', 6, 6, '02:00:00:0a:00:20');
    expectField(t, 'sll.etype', 14, 2, 0x0800);
    expectField(t, 'ip', 16, 20);
    expectField(t, 'udp.srcport', 36, 2, 53);
    expect(expectField(tree(ARP_OUT, { linktype: SLL }), 'sll.pkttype', 0, 2, 4).label).toBe('Packet type: Sent by us (4)');
    expect(tree(HALEN0, { linktype: SLL }).some((n) => n.field === 'sll.src.eth')).toBe(false);
  });

  it('fills the columns from the IP layer, or the source MAC alone', () => {
    const r = dissect(DNS_IN, { linktype: SLL });
    expect(r.facts.layers).toEqual(['sll', 'ip', 'udp', 'domain']);
    expect([r.facts.src, r.facts.dst, r.facts.sport, r.facts.dport]).toEqual(['192.0.2.20', '192.0.2.10', 53, 49563]);
    const u = dissect(UNKNOWN, { linktype: SLL });
    expect([u.facts.src, u.facts.dst]).toEqual(['02:00:00:0a:00:20', '']);
  });
  it('places every field on the bytes tshark gives it', () => {
    expectFieldsLikeTshark('linux-sll', SLL, [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN, HALEN0]);
  });
});

describe('Linux cooked v1 frames cut at every length', () => {
  it('never fails and keeps the tree inside the captured bytes', () => {
    for (const f of [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN, HALEN0]) cutEverywhere(f, { linktype: SLL });
  });

  it('prints what tcpdump prints for each truncation', () => {
    expectTcpdumpCuts('linux-sll', SLL, [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN, HALEN0]);
    expectTcpdumpCuts('linux-sll', SLL, [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN, HALEN0], ['-e']);
    expectTcpdumpCuts('linux-sll', SLL, [ARP_OUT, LO_SYN, UNKNOWN], ['-e', '-q']);
  });
});

describe('random payloads behind a cooked v1 header', () => {
  it('never fail', () => {
    const protocols = fc.constantFrom(0x0800, 0x86dd, 0x0806, 0x8100, 0x0003, 0x0010, 0x05dc, 0xffff);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 8 }), protocols, fc.uint8Array({ maxLength: 100 }), fc.boolean(), (pkttype, halen, proto, payload, eflag) => {
        const hdr = concat(hex(`000${pkttype}0001000${halen}0200000a00200000`), new Uint8Array([proto >> 8, proto & 0xff]));
        const frame = concat(hdr, payload);
        expectSound(frame, { linktype: SLL, eflag });
        expectSound(frame, { linktype: SLL, eflag, verbose: 1, wirelen: frame.length + 40 });
      }),
      { numRuns: 300 },
    );
  });
});
