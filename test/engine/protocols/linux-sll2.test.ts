// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, print-sll.c sll2_if_print) on frames of
// scenarios/any-mixed-sll2.pcap. tcpdump names the interface by looking the ifindex up on
// the reading host; the references were made in an empty network namespace (ifindex 1 = lo,
// others "?"), which is also what Ackline prints unless the host supplies names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDissector } from '../../../electron/engine/dissect/dissect-frame.js';
import { DEFAULT_PRINT_OPTIONS } from '../../../electron/engine/dissect/print-options.js';
import { defaultInterfaceName } from '../../../electron/engine/protocols/linux-sll2.js';
import { REGISTRY, childFields, concat, cutEverywhere, dissect, expectField, expectSound, expectFieldsLikeTshark, expectTcpdumpCuts, hex, line, tree } from './link-transport.support.js';

const SLL2 = 276;

// scenarios/any-mixed-sll2.pcap frame 1 (tcpdump -n -XX -e; ifindex 2 was "?" in the empty namespace):
// 05:31:02.857279 ?     Out ifindex 2 02:00:00:0a:00:10 ethertype ARP (0x0806), length 48: Request who-has 192.0.2.20 tell 192.0.2.10, length 28
//   0x0000:  0806 0000 0000 0002 0001 0406 0200 000a  ................
//   0x0010:  0010 0000 0001 0800 0604 0001 0200 000a  ................
//   0x0020:  0010 c000 020a 0000 0000 0000 c000 0214  ................
const ARP_OUT = hex(
  '0806000000000002000104060200000a0010000000010800060400010200000a' +
  '0010c000020a000000000000c0000214',
);
// scenarios/any-mixed-sll2.pcap frame 8 (tcpdump -n -XX -e):
// 05:31:03.072628 ?     In  ifindex 2 02:00:00:0a:00:20 ethertype IPv4 (0x0800), length 109: 192.0.2.20.53 > 192.0.2.10.33598: 41000* 1/0/1 A 192.0.2.80 (61)
//   0x0000:  0800 0000 0000 0002 0001 0006 0200 000a  ................
//   0x0010:  0020 0000 4500 0059 e5e4 4000 4011 d090  ....E..Y..@.@...
//   0x0020:  c000 0214 c000 020a 0035 833e 0045 a448  .........5.>.E.H
//   0x0030:  a028 8580 0001 0001 0000 0001 0377 7777  .(...........www
//   0x0040:  0765 7861 6d70 6c65 0474 6573 7400 0001  .example.test...
//   0x0050:  0001 c00c 0001 0001 0000 0000 0004 c000  ................
//   0x0060:  0250 0000 2904 d000 0000 0000 00         .P..)........
const DNS_IN = hex(
  '0800000000000002000100060200000a0020000045000059e5e440004011d090' +
  'c0000214c000020a0035833e0045a448a0288580000100010000000103777777' +
  '076578616d706c6504746573740000010001c00c00010001000000000004c000' +
  '025000002904d0000000000000',
);
// scenarios/any-mixed-sll2.pcap frame 9 (tcpdump -n -XX -e), on lo (ifindex 1, hatype 772):
// 05:31:03.093146 lo    In  ifindex 1 00:00:00:00:00:00 ethertype IPv4 (0x0800), length 80: 127.0.0.1.50388 > 127.0.0.1.8000: Flags [S], seq 3818874360, win 65495, options [mss 65495,sackOK,TS val 4023016985 ecr 0,nop,wscale 10], length 0
//   0x0000:  0800 0000 0000 0001 0304 0006 0000 0000  ................
//   0x0010:  0000 0000 4500 003c cb8e 4000 4006 712b  ....E..<..@.@.q+
//   0x0020:  7f00 0001 7f00 0001 c4d4 1f40 e39f 65f8  ...........@..e.
//   0x0030:  0000 0000 a002 ffd7 fe30 0000 0204 ffd7  .........0......
//   0x0040:  0402 080a efca 5e19 0000 0000 0103 030a  ......^.........
const LO_SYN = hex(
  '08000000000000010304000600000000000000004500003ccb8e40004006712b' +
  '7f0000017f000001c4d41f40e39f65f800000000a002ffd7fe3000000204ffd7' +
  '0402080aefca5e19000000000103030a',
);
// DNS_IN with protocol 0x1234:
// ?     In  ifindex 2 02:00:00:0a:00:20 ethertype Unknown (0x1234), length 109: + hex dump
const UNKNOWN = concat(hex('1234'), DNS_IN.subarray(2));
// DNS_IN with packet type 7 (not in tcpdump's table): "?     ?   IP 192.0.2.20.53 > ..."
const PKTTYPE7 = concat(DNS_IN.subarray(0, 10), hex('07'), DNS_IN.subarray(11));

const DNS_TAIL = '192.0.2.20.53 > 192.0.2.10.33598: 41000* 1/0/1 A 192.0.2.80 (61)';

describe('Linux cooked v2 summary line', () => {
  it('prints interface and direction before the payload (any-mixed-sll2.pcap.tcpdump.txt)', () => {
    expect(line(ARP_OUT, { linktype: SLL2 })).toBe('?     Out ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28');
    expect(line(DNS_IN, { linktype: SLL2 })).toBe(`?     In  IP ${DNS_TAIL}`);
    expect(line(LO_SYN, { linktype: SLL2 })).toBe(
      'lo    In  IP 127.0.0.1.50388 > 127.0.0.1.8000: Flags [S], seq 3818874360, win 65495, options [mss 65495,sackOK,TS val 4023016985 ecr 0,nop,wscale 10], length 0',
    );
    expect(line(PKTTYPE7, { linktype: SLL2 })).toBe(`?     ?   IP ${DNS_TAIL}`);
  });

  it('prints ifindex, address and protocol at -e, and drops protocol and length at -q', () => {
    expect(line(DNS_IN, { linktype: SLL2, eflag: true })).toBe(`?     In  ifindex 2 02:00:00:0a:00:20 ethertype IPv4 (0x0800), length 109: ${DNS_TAIL}`);
    expect(line(LO_SYN, { linktype: SLL2, eflag: true, qflag: true })).toBe('lo    In  ifindex 1 00:00:00:00:00:00 127.0.0.1.50388 > 127.0.0.1.8000: tcp 0');
    expect(line(UNKNOWN, { linktype: SLL2, eflag: true, qflag: true })).toBe('?     In  ifindex 2 02:00:00:0a:00:20 ');
    expect(line(UNKNOWN, { linktype: SLL2 }).split('\n')[0]).toBe('?     In  ifindex 2 02:00:00:0a:00:20 ethertype Unknown (0x1234), length 109: ');
  });

  it('uses the host-supplied interface names when given', () => {
    const fd = new FrameDissector(REGISTRY, DEFAULT_PRINT_OPTIONS);
    const names = (i: number): string => (i === 2 ? 'veth-client' : defaultInterfaceName(i));
    expect(fd.dissect(DNS_IN, DNS_IN.length, { number: 1, linktype: SLL2, interfaceName: names }).line).toBe(`veth-client In  IP ${DNS_TAIL}`);
    expect([defaultInterfaceName(1), defaultInterfaceName(2), defaultInterfaceName(0)]).toEqual(['lo', '?', '?']);
  });

  it('says [|sll2] for a capture shorter than the 20-byte header', () => {
    for (let n = 1; n < 20; n++) expect(line(DNS_IN.subarray(0, n), { linktype: SLL2, wirelen: DNS_IN.length })).toBe(' [|sll2]');
  });
});

describe('Linux cooked v2 tree and facts', () => {
  it('has the sll.* fields with their bytes', () => {
    const t = tree(DNS_IN, { linktype: SLL2 });
    const sll = expectField(t, 'sll', 0, 20);
    expect(sll.label).toBe('Linux cooked capture v2');
    expect(childFields(sll)).toEqual(['sll.etype', 'sll.ifindex', 'sll.hatype', 'sll.pkttype', 'sll.halen', 'sll.src.eth', 'sll.unused']);
    expectField(t, 'sll.etype', 0, 2, 0x0800);
    expectField(t, 'sll.ifindex', 4, 4, 2);
    expectField(t, 'sll.hatype', 8, 2, 1);
    expect(expectField(t, 'sll.pkttype', 10, 1, 0).label).toBe('Packet type: Unicast to us (0)');
    expectField(t, 'sll.halen', 11, 1, 6);
    expectField(t, 'sll.src.eth', 12, 6, '02:00:00:0a:00:20');
    expectField(t, 'ip', 20, 20);
    expectField(tree(LO_SYN, { linktype: SLL2 }), 'sll.hatype', 8, 2, 772);
  });

  it('records the layers and IP columns', () => {
    const r = dissect(DNS_IN, { linktype: SLL2 });
    expect(r.facts.layers).toEqual(['sll2', 'ip', 'udp', 'domain']);
    expect([r.facts.src, r.facts.dst, r.facts.sport, r.facts.dport]).toEqual(['192.0.2.20', '192.0.2.10', 53, 33598]);
    expect(dissect(UNKNOWN, { linktype: SLL2 }).facts.protocol).toBe('SLL2');
  });
  it('places every field on the bytes tshark gives it', () => {
    expectFieldsLikeTshark('linux-sll2', SLL2, [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN]);
  });
});

describe('Linux cooked v2 frames cut at every length', () => {
  it('never fails and keeps the tree inside the captured bytes', () => {
    for (const f of [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN, PKTTYPE7]) cutEverywhere(f, { linktype: SLL2 });
  });

  it('prints what tcpdump prints (in an empty network namespace) for each truncation', () => {
    expectTcpdumpCuts('linux-sll2', SLL2, [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN]);
    expectTcpdumpCuts('linux-sll2', SLL2, [ARP_OUT, DNS_IN, LO_SYN, UNKNOWN], ['-e']);
    expectTcpdumpCuts('linux-sll2', SLL2, [LO_SYN, UNKNOWN], ['-e', '-q']);
  });
});

describe('random payloads behind a cooked v2 header', () => {
  it('never fail', () => {
    const protocols = fc.constantFrom(0x0800, 0x86dd, 0x0806, 0x8100, 0x0003, 0x0010, 0x05dc, 0xffff);
    fc.assert(
      fc.property(protocols, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 8 }), fc.uint8Array({ maxLength: 100 }), fc.boolean(),
        (proto, ifindex, pkttype, halen, payload, eflag) => {
          const hdr = concat(new Uint8Array([proto >> 8, proto & 0xff]), hex(`0000000000${ifindex.toString(16).padStart(2, '0')}00010${pkttype}0${halen}0200000a00200000`));
          const frame = concat(hdr, payload);
          expectSound(frame, { linktype: SLL2, eflag });
          expectSound(frame, { linktype: SLL2, eflag, verbose: 1, wirelen: frame.length + 40 });
        }),
      { numRuns: 300 },
    );
  });
});
