// ICMP for IPv4 (print-icmp.c) on real frames and on hand-made messages of every type,
// with the lines tcpdump 4.99.3 prints for them (default and -v), truncation and random bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allFields, cutEverywhere, dissect, expectCuts, expectNoDissectorError, findField, hex, line } from './arp-icmp-bootp.support.js';

// scenarios/icmp-router-errors.pcap frame 3
// IP 192.0.2.130 > 192.0.2.194: ICMP echo request, id 672, seq 1, length 64
//  0x0000:  0200 000a 0001 0200 000a 0010 0800 4500  ..............E.
//  0x0010:  0054 5d7f 4000 4001 57e5 c000 0282 c000  .T].@.@.W.......
//  0x0020:  02c2 0800 09fe 02a0 0001 652c 016b 0000  ..........e,.k..
//  0x0030:  0000 bbf6 0a00 0000 0000 1011 1213 1415  ................
//  0x0040:  1617 1819 1a1b 1c1d 1e1f 2021 2223 2425  ...........!"#$%
//  0x0050:  2627 2829 2a2b 2c2d 2e2f 3031 3233 3435  &'()*+,-./012345
//  0x0060:  3637                                     67
const ICMP_ECHO_REQUEST =
  '0200000a00010200000a00100800450000545d7f4000400157e5c0000282c00002c2080009fe02a00001652c016b00000000bbf60a0000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637';
// frame 12: IP 192.0.2.129 > 192.0.2.130: ICMP time exceeded in-transit, length 58
//  0x0000:  0200 000a 0010 0200 000a 0001 0800 45c0  ..............E.
//  0x0010:  004e f428 0000 4001 00c3 c000 0281 c000  .N.(..@.........
//  0x0020:  0282 0b00 7a74 0000 0000 4500 0032 2033  ....zt....E..2.3
//  0x0030:  4000 0111 d443 c000 0282 c000 02c2 8c8a  @....C..........
//  0x0040:  829a 001e 84ce 7472 6163 6572 6f75 7465  ......traceroute
//  0x0050:  2070 726f 6265 2074 746c 3d31            .probe.ttl=1
const ICMP_TIME_EXCEEDED =
  '0200000a00100200000a0001080045c0004ef4280000400100c3c0000281c00002820b007a740000000045000032203340000111d443c0000282c00002c28c8a829a001e84ce7472616365726f7574652070726f62652074746c3d31';
// frame 14: IP 192.0.2.194 > 192.0.2.130: ICMP 192.0.2.194 udp port 33435 unreachable, length 58
//  0x0000:  0200 000a 0010 0200 000a 0001 0800 45c0  ..............E.
//  0x0010:  004e b1e3 0000 3f01 43c7 c000 02c2 c000  .N....?.C.......
//  0x0020:  0282 0303 8271 0000 0000 4500 0032 2059  .....q....E..2.Y
//  0x0030:  4000 0111 d41d c000 0282 c000 02c2 e11a  @...............
//  0x0040:  829b 001e 303c 7472 6163 6572 6f75 7465  ....0<traceroute
//  0x0050:  2070 726f 6265 2074 746c 3d32            .probe.ttl=2
const ICMP_PORT_UNREACH =
  '0200000a00100200000a0001080045c0004eb1e300003f0143c7c00002c2c0000282030382710000000045000032205940000111d41dc0000282c00002c2e11a829b001e303c7472616365726f7574652070726f62652074746c3d32';

/**
 * Hand-made messages 10.0.0.1 > 10.0.0.2 (quoting 10.0.0.2.40000 > 192.0.2.9.33434 UDP where
 * the type quotes a datagram): [name, frame, tcpdump -n line, tcpdump -n -v line].
 */
const CASES: readonly (readonly [string, string, string, string])[] = [
  ['TS_REPLY', '0200000a00020200000a000108004500002800070000400166cc0a0000010a0000020e00bdbb000100020038cefc05265bff000003e7', 'IP 10.0.0.1 > 10.0.0.2: ICMP time stamp reply id 1 seq 2: org 01:02:03.004, recv 23:59:59.999, xmit 00:00:00.999, length 20', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 40)\n    10.0.0.1 > 10.0.0.2: ICMP time stamp reply id 1 seq 2: org 01:02:03.004, recv 23:59:59.999, xmit 00:00:00.999, length 20'],
  ['TS_REQUEST', '0200000a00020200000a000108004500002800070000400166cc0a0000010a0000020d00f2ef00070009000000000000000000000000', 'IP 10.0.0.1 > 10.0.0.2: ICMP time stamp query id 7 seq 9, length 20', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 40)\n    10.0.0.1 > 10.0.0.2: ICMP time stamp query id 7 seq 9, length 20'],
  ['ROUTER_ADV', '0200000a00020200000a000108004500002c00070000400166c80a0000010a0000020900d9e6020207080a000001000000050a000009ffffffff', 'IP 10.0.0.1 > 10.0.0.2: ICMP router advertisement lifetime 30:00 2: {10.0.0.1 5} {10.0.0.9 4294967295}, length 24', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 44)\n    10.0.0.1 > 10.0.0.2: ICMP router advertisement lifetime 30:00 2: {10.0.0.1 5} {10.0.0.9 4294967295}, length 24'],
  ['ROUTER_SOL', '0200000a00020200000a000108004500001c00070000400166d80a0000010a0000020a00f5ff00000000', 'IP 10.0.0.1 > 10.0.0.2: ICMP router solicitation, length 8', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 28)\n    10.0.0.1 > 10.0.0.2: ICMP router solicitation, length 8'],
  ['REDIRECT_HOST', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020501d1070a0000fe45000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP redirect 192.0.2.9 to host 10.0.0.254, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP redirect 192.0.2.9 to host 10.0.0.254, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['REDIRECT_99', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020563d0a50a0000fe45000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP redirect-#99 192.0.2.9 to 10.0.0.254, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP redirect-#99 192.0.2.9 to 10.0.0.254, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['PARAM_PROB', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020c00c1061400000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP parameter problem - octet 20, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP parameter problem - octet 20, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['PARAM_CODE', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020c01d5050000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP parameter problem - code 1, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP parameter problem - code 1, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['NET_UNREACH', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020300de060000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP net 192.0.2.9 unreachable, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP net 192.0.2.9 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['PROTO_UNREACH', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020302de040000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 protocol 17 unreachable, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 protocol 17 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['TCP_PORT_UNREACH', '0200000a00020200000a000108004500003800070000400166bc0a0000010a00000203035c840000000045000028000700004006aebe0a000002c00002099c400050000003e8', 'IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 tcp port 80 unreachable, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 tcp port 80 unreachable, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto TCP (6), length 40)\n    10.0.0.2.40000 > 192.0.2.9.80:  [|tcp]'],
  ['FILTER_UNREACH', '0200000a00020200000a000108004500003800070000400166bc0a0000010a000002030dddf90000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP host 192.0.2.9 unreachable - admin prohibited filter, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP host 192.0.2.9 unreachable - admin prohibited filter, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['CODE_99_UNREACH', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020363dda30000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 unreachable - #99, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 unreachable - #99, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['NEED_FRAG_NO_MTU', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020304de020000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 unreachable - need to frag, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP 192.0.2.9 unreachable - need to frag, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['REASS_EXCEEDED', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020b01d6050000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP ip reassembly time exceeded, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP ip reassembly time exceeded, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['MASK_REPLY', '0200000a00020200000a000108004500002000070000400166d40a0000010a0000021200eefe00000000ffffff00', 'IP 10.0.0.1 > 10.0.0.2: ICMP address mask is 0xffffff00, length 12', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 32)\n    10.0.0.1 > 10.0.0.2: ICMP address mask is 0xffffff00, length 12'],
  ['SOURCE_QUENCH', '0200000a00020200000a000108004500003800070000400166bc0a0000010a0000020400dd060000000045000032000700004011aea90a000002c00002099c40829a001e0000', 'IP 10.0.0.1 > 10.0.0.2: ICMP source quench, length 36', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n    10.0.0.1 > 10.0.0.2: ICMP source quench, length 36\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22'],
  ['BAD_CKSUM_ECHO', '0200000a00020200000a000108004500002400070000400166d00a0000010a0000020800e5c9000100010000000000000000', 'IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 16', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 36)\n    10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 16 (wrong icmp cksum e5c9 (->f7fd)!)'],
  ['MPLS_EXT', '0200000a00020200000a00010800450000a8000700004001664c0a0000010a0000020b00d5e60020000045000032000700004011aea90a000002c00002099c40829a001e0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000cf100008010103e80bfe', 'IP 10.0.0.1 > 10.0.0.2: ICMP time exceeded in-transit, length 148', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 168)\n    10.0.0.1 > 10.0.0.2: ICMP time exceeded in-transit, length 148\n\tIP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 50)\n    10.0.0.2.40000 > 192.0.2.9.33434: UDP, length 22\n\tICMP Multi-Part extension v2, checksum 0xcf10 (correct), length 12\n\t  MPLS Stack Entry Object (1), Class-Type: 1, length 8\n\t    label 16000, tc 5, [S], ttl 254'],
  ['FRAG_ECHO', '0200000a00020200000a000108004500002c00072000400146c80a0000010a0000020800e5cc0003000400000000000000000000000000000000', 'IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3, seq 4, length 24', 'IP (tos 0x0, ttl 64, id 7, offset 0, flags [+], proto ICMP (1), length 44)\n    10.0.0.1 > 10.0.0.2: ICMP echo request, id 3, seq 4, length 24'],
];

describe('ICMP summary line', () => {
  it('prints the real frames', () => {
    expect(line(ICMP_ECHO_REQUEST)).toBe('IP 192.0.2.130 > 192.0.2.194: ICMP echo request, id 672, seq 1, length 64');
    expect(line(ICMP_TIME_EXCEEDED)).toBe('IP 192.0.2.129 > 192.0.2.130: ICMP time exceeded in-transit, length 58');
    expect(line(ICMP_PORT_UNREACH)).toBe('IP 192.0.2.194 > 192.0.2.130: ICMP 192.0.2.194 udp port 33435 unreachable, length 58');
  });

  it('re-prints the quoted datagram at -v', () => {
    expect(line(ICMP_TIME_EXCEEDED, { verbose: 1 })).toBe(
      'IP (tos 0xc0, ttl 64, id 62504, offset 0, flags [none], proto ICMP (1), length 78)\n' +
        '    192.0.2.129 > 192.0.2.130: ICMP time exceeded in-transit, length 58\n' +
        '\tIP (tos 0x0, ttl 1, id 8243, offset 0, flags [DF], proto UDP (17), length 50)\n' +
        '    192.0.2.130.35978 > 192.0.2.194.33434: UDP, length 22',
    );
  });

  it.each(CASES)('%s', (_name, frame, want, wantV) => {
    expect(line(frame)).toBe(want);
    expect(line(frame, { verbose: 1 })).toBe(wantV);
  });

  it('ends cut frames where tcpdump does', () => {
    expectCuts(hex(ICMP_PORT_UNREACH), {}, [
      [1, ' [|ether]'],
      [14, ' [|ip]'],
      [15, 'IP  [|ip]'],
      [34, 'IP 192.0.2.194 > 192.0.2.130:  [|icmp]'],
      [66, 'IP 192.0.2.194 > 192.0.2.130: ICMP 192.0.2.194 udp port 33435 unreachable, length 58'],
    ]);
    const head = 'IP (tos 0xc0, ttl 63, id 45539, offset 0, flags [none], proto ICMP (1), length 78)\n    192.0.2.194 > 192.0.2.130: ';
    const quoted = 'ICMP 192.0.2.194 udp port 33435 unreachable, length 58\n\tIP (tos 0x0, ttl 1, id 8281, offset 0, flags [DF], proto UDP (17), length 50)\n    192.0.2.130.57626 > 192.0.2.194.33435: ';
    expectCuts(hex(ICMP_PORT_UNREACH), { verbose: 1 }, [
      [34, head + ' [|icmp]'],
      [66, head + quoted + ' [|udp]'],
      [70, head + quoted + 'UDP, length 22'],
    ]);
  });

  it('ends the line with [|icmp] when the quoted ip_len is under 4 (tcpdump re-reads it)', () => {
    // Port unreachable quoting an IPv4 header whose total length is 0.
    const f = 'ffffffffffff02000000000108004500003800070000400166bc0a0000010a0000020303fd180000000045000000000700004011aebf0a000002c00002090000000000000000';
    expect(line(f, { verbose: 1 }).endsWith('ICMP 192.0.2.9 udp port 0 unreachable, length 36\n\t [|icmp]')).toBe(true);
  });
});

describe('ICMP tree and facts', () => {
  it('builds Wireshark fields', () => {
    const r = dissect(hex(ICMP_ECHO_REQUEST), {}, true);
    const t = r.tree!;
    expect(findField(t, 'icmp.type')).toMatchObject({ value: 8, offset: 34, length: 1 });
    expect(findField(t, 'icmp.code')?.value).toBe(0);
    expect(findField(t, 'icmp.checksum')?.label).toBe('Checksum: 0x09fe [correct]');
    expect(findField(t, 'icmp.ident')?.value).toBe(672);
    expect(findField(t, 'icmp.seq')?.value).toBe(1);
    expect(r.facts.protocol).toBe('ICMP');
    expect(r.facts.icmp).toEqual({ type: 8, code: 0, id: 672, seq: 1 });
  });

  it('puts the quoted datagram under the ICMP node without changing the columns', () => {
    for (const verbose of [0, 1]) {
      const r = dissect(hex(ICMP_PORT_UNREACH), { verbose }, true);
      const icmp = findField(r.tree!, 'icmp')!;
      expect(findField([icmp], 'icmp.original_datagram')).toBeUndefined();
      // As Wireshark's: the quoted IP and UDP headers are children of the ICMP node.
      expect(icmp.children!.map((n) => n.field)).toEqual(expect.arrayContaining(['ip', 'udp']));
      expect(findField([icmp], 'udp.dstport')?.value).toBe(33435);
      expect(allFields(r.tree!, 'ip.src').map((n) => n.value)).toEqual(['192.0.2.194', '192.0.2.130']);
      expect(r.facts.protocol).toBe('ICMP');
      expect(r.facts.sport).toBe(-1);
      expect(r.facts.icmp).toEqual({ type: 3, code: 3 });
    }
    // Without -v the quoted datagram is decoded for the tree only, not printed.
    expect(dissect(hex(ICMP_PORT_UNREACH), {}, true).line).toBe(line(ICMP_PORT_UNREACH));
  });

  it('records the next-hop MTU', () => {
    const needFrag = CASES.find((c) => c[0] === 'NEED_FRAG_NO_MTU')![1];
    expect(findField(dissect(hex(needFrag), {}, true).tree!, 'icmp.mtu')?.value).toBe(0);
  });
});

describe('ICMP robustness', () => {
  it('never fails on any cut of the fixtures', () => {
    const all = [ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED, ICMP_PORT_UNREACH, ...CASES.map((c) => c[1])];
    for (const h of all) cutEverywhere(hex(h));
  });

  it('never fails on random ICMP messages', () => {
    const ipHeader = (len: number): Uint8Array =>
      hex(`0200000a00020200000a0001080045000000000700004001${'0000'}0a0000010a000002`).map((b, i) => (i === 16 ? len >> 8 : i === 17 ? len & 0xff : b));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 18 }), (b, verbose, type) => {
        if (b.length > 0) b[0] = type;
        const h = ipHeader(20 + b.length);
        const frame = new Uint8Array(h.length + b.length);
        frame.set(h);
        frame.set(b, h.length);
        expectNoDissectorError(dissect(frame, { verbose }, true));
      }),
      { numRuns: 1000 },
    );
  });
});
