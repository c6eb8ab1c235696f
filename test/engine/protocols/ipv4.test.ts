// IPv4 (print-ip.c ip_print) on real frames: the summary line at -n and -v, the ip.* tree,
// the network-layer facts handed to upper layers, the malformed-header forms, every truncation
// vs tcpdump and random bytes behind a valid header.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childFields, concat, cutEverywhere, dissect, expectField, expectFieldsLikeTshark, expectSound, expectTcpdumpCuts, field, hex, line, tree } from './link-transport.support.js';
import { checksum } from './packet-builder.support.js';

// scenarios/icmp-ping.pcap frame 3 (tcpdump -n -XX -v):
// 05:30:05.767733 IP (tos 0x0, ttl 64, id 37982, offset 0, flags [DF], proto ICMP (1), length 84)
//     192.0.2.10 > 192.0.2.20: ICMP echo request, id 32380, seq 1, length 64
//   0x0000:  0200 000a 0020 0200 000a 0010 0800 4500  ..............E.
//   0x0010:  0054 945e 4000 4001 222c c000 020a c000  .T.^@.@.",......
//   0x0020:  0214 0800 a461 7e7c 0001 5d2c 016b 0000  .....a~|..],.k..
//   0x0030:  0000 acb6 0b00 0000 0000 1011 1213 1415  ................
//   0x0040:  1617 1819 1a1b 1c1d 1e1f 2021 2223 2425  ...........!"#$%
//   0x0050:  2627 2829 2a2b 2c2d 2e2f 3031 3233 3435  &'()*+,-./012345
//   0x0060:  3637                                     67
const ECHO = hex(
  '0200000a00200200000a0010080045000054945e40004001222cc000020ac000' +
  '02140800a4617e7c00015d2c016b00000000acb60b0000000000101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '3637',
);
// scenarios/icmp-ping.pcap frame 11, the first 96 of its 1514 bytes (as a snaplen-96 capture keeps it):
// 05:30:06.381076 IP (tos 0x0, ttl 64, id 38087, offset 0, flags [+], proto ICMP (1), length 1500)
//     192.0.2.10 > 192.0.2.20: ICMP echo request, id 32381, seq 1, length 1480
//   0x0000:  0200 000a 0020 0200 000a 0010 0800 4500  ..............E.
//   0x0010:  05dc 94c7 2000 4001 3c3b c000 020a c000  ......@.<;......
//   0x0020:  0214 0800 ac6b 7e7d 0001 5e2c 016b 0000  .....k~}..^,.k..
//   0x0030:  0000 88d0 0500 0000 0000 1011 1213 1415  ................
//   0x0040:  1617 1819 1a1b 1c1d 1e1f 2021 2223 2425  ...........!"#$%
//   0x0050:  2627 2829 2a2b 2c2d 2e2f 3031 3233 3435  &'()*+,-./012345
const FIRST_FRAG = hex(
  '0200000a00200200000a00100800450005dc94c7200040013c3bc000020ac000' +
  '02140800ac6b7e7d00015e2c016b0000000088d0050000000000101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435',
);
const FIRST_FRAG_WIRE = 1514;
// scenarios/icmp-ping.pcap frame 13 (tcpdump -n -XX -v):
// 05:30:06.381102 IP (tos 0x0, ttl 64, id 38087, offset 2960, flags [none], proto ICMP (1), length 68)
//     192.0.2.10 > 192.0.2.20: ip-proto-1
//   0x0000:  0200 000a 0020 0200 000a 0010 0800 4500  ..............E.
//   0x0010:  0044 94c7 0172 4001 6061 c000 020a c000  .D...r@.`a......
//   0x0020:  0214 8889 8a8b 8c8d 8e8f 9091 9293 9495  ................
//   0x0030:  9697 9899 9a9b 9c9d 9e9f a0a1 a2a3 a4a5  ................
//   0x0040:  a6a7 a8a9 aaab acad aeaf b0b1 b2b3 b4b5  ................
//   0x0050:  b6b7                                     ..
const LAST_FRAG = hex(
  '0200000a00200200000a001008004500004494c7017240016061c000020ac000' +
  '021488898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5' +
  'a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7',
);
// tcpdump-suite/ipv4_invalid_length.pcap frame 1 (tcpdump -n -XX): 33 bytes, total length 84
// 14:57:25.640485 IP  [|ip]
//   0x0000:  c0d6 8236 032b f04d a23d 5da3 0800 4500  ...6.+.M.=]...E.
//   0x0010:  0054 fc35 0000 4011 3b05 8cd3 09ce 2d21  .T.5..@.;.....-!
//   0x0020:  7f                                       .
const INVALID_LENGTH = hex('c0d68236032bf04da23d5da3080045000054fc35000040113b058cd309ce2d217f');
// tcpdump-suite/ipv4_invalid_total_length.pcap frame 1 (tcpdump -n -XX -v):
// 08:57:44.621711 IP truncated-ip - 1 bytes missing! (tos 0x0, ttl 64, id 61862, offset 0, flags [none], proto UDP (17), length 85)
//     140.211.9.206.39095 > 45.33.127.156.53: 37546+ [1au] A? www.tcpdump.org. (56)
//   0x0000:  c0d6 8236 032b f04d a23d 5da3 0800 4500  ...6.+.M.=]...E.
//   0x0010:  0055 f1a6 0000 4011 4593 8cd3 09ce 2d21  .U....@.E.....-!
//   0x0020:  7f9c 98b7 0035 0040 6ecb 92aa 0120 0001  .....5.@n.......
//   0x0030:  0000 0000 0001 0377 7777 0774 6370 6475  .......www.tcpdu
//   0x0040:  6d70 036f 7267 0000 0100 0100 0029 04d0  mp.org.......)..
//   0x0050:  0000 0000 000c 000a 0008 8bc0 e5f5 3e71  ..............>q
//   0x0060:  3bbd                                     ;.
const INVALID_TOTAL_LENGTH = hex(
  'c0d68236032bf04da23d5da3080045000055f1a60000401145938cd309ce2d21' +
  '7f9c98b7003500406ecb92aa0120000100000000000103777777077463706475' +
  '6d70036f7267000001000100002904d000000000000c000a00088bc0e5f53e71' +
  '3bbd',
);
// scenarios/tcp-http-curl-ipv6.pcap frame 3 with its ethertype set to 0x0800 (IPv6 where IPv4 belongs).
const V6_IN_V4 = hex(
  '0200000a00200200000a00100800600e10410028064020010db8000a00000000' +
  '00000000001020010db8000a00000000000000000020c8c800504ed7e5fb0000' +
  '0000a002fd2062680000020405a00402080adb64b381000000000103030a',
);
// scenarios/tcp-http-curl.pcap frame 3 (see ethernet.test.ts), the SYN carried inside IPv4 below.
const SYN_IP = hex('4500003ca8c9400040060dd4c000020ac0000214dc300050a40fbd9200000000a002faf056300000020405b40402080af9b13ae8000000000103030a');

/** ECHO with bytes of its IP header replaced at `off`, the header checksum recomputed unless told not to. */
function patched(frame: Uint8Array, off: number, bytes: string, fixSum = true): Uint8Array {
  const f = new Uint8Array(frame);
  f.set(hex(bytes), 14 + off);
  const hl = (f[14]! & 15) * 4;
  if (fixSum && hl >= 20) {
    f[24] = f[25] = 0;
    const s = checksum(f.subarray(14, 14 + hl));
    f[24] = s >> 8;
    f[25] = s & 0xff;
  }
  return f;
}
const V5 = patched(ECHO, 0, '55', false);
const BAD_HLEN = patched(ECHO, 0, '44');
const BAD_LEN = patched(ECHO, 2, '0010');
const LONGER_THAN_WIRE = patched(ECHO, 2, '0060');
const SHORTER_THAN_FRAME = patched(ECHO, 2, '0040');
const PROTO_253 = patched(ECHO, 9, 'fd');
const PROTO_59 = patched(ECHO, 9, '3b');
const TOS_CE = patched(ECHO, 1, 'bb');
const TTL_0 = patched(ECHO, 8, '00');
const BAD_SUM = patched(ECHO, 10, '1234', false);
const MF_RSVD = patched(ECHO, 6, 'a000');
// IPv4-in-IPv4: ECHO's header with protocol 4 and total length 80, then the SYN's IP packet.
const IPIP = patched(patched(concat(ECHO.subarray(0, 34), SYN_IP), 2, '0050', false), 9, '04');

const ECHO_TAIL = '192.0.2.10 > 192.0.2.20: ICMP echo request, id 32380, seq 1, length 64';

describe('IPv4 summary line', () => {
  it('prints the addresses before an upper layer that does not (tcpdump -n and -v)', () => {
    expect(line(ECHO)).toBe(`IP ${ECHO_TAIL}`);
    expect(line(ECHO, { verbose: 1 })).toBe(`IP (tos 0x0, ttl 64, id 37982, offset 0, flags [DF], proto ICMP (1), length 84)\n    ${ECHO_TAIL}`);
    expect(line(ECHO, { eflag: true })).toBe(`02:00:00:0a:00:10 > 02:00:00:0a:00:20, ethertype IPv4 (0x0800), length 98: ${ECHO_TAIL}`);
  });

  it('prints fragments: the first decoded, the others as ip-proto-N', () => {
    expect(line(FIRST_FRAG, { wirelen: FIRST_FRAG_WIRE })).toBe('IP 192.0.2.10 > 192.0.2.20: ICMP echo request, id 32381, seq 1, length 1480');
    expect(line(FIRST_FRAG, { wirelen: FIRST_FRAG_WIRE, verbose: 1 })).toBe(
      'IP (tos 0x0, ttl 64, id 38087, offset 0, flags [+], proto ICMP (1), length 1500)\n    192.0.2.10 > 192.0.2.20: ICMP echo request, id 32381, seq 1, length 1480',
    );
    expect(line(LAST_FRAG)).toBe('IP 192.0.2.10 > 192.0.2.20: ip-proto-1');
    expect(line(LAST_FRAG, { verbose: 1 })).toBe('IP (tos 0x0, ttl 64, id 38087, offset 2960, flags [none], proto ICMP (1), length 68)\n    192.0.2.10 > 192.0.2.20: ip-proto-1');
  });

  it('prints the -v header fields: ECN, missing TTL, bad checksum, flags', () => {
    expect(line(TOS_CE, { verbose: 1 }).split('\n')[0]).toBe('IP (tos 0xbb,CE, ttl 64, id 37982, offset 0, flags [DF], proto ICMP (1), length 84)');
    expect(line(TTL_0, { verbose: 1 }).split('\n')[0]).toBe('IP (tos 0x0, id 37982, offset 0, flags [DF], proto ICMP (1), length 84)');
    expect(line(BAD_SUM, { verbose: 1 }).split('\n')[0]).toBe('IP (tos 0x0, ttl 64, id 37982, offset 0, flags [DF], proto ICMP (1), length 84, bad cksum 1234 (->222c)!)');
    expect(line(MF_RSVD, { verbose: 1 }).split('\n')[0]).toBe('IP (tos 0x0, ttl 64, id 37982, offset 0, flags [+, rsvd], proto ICMP (1), length 84)');
    expect(line(PROTO_253, { verbose: 1 })).toBe('IP (tos 0x0, ttl 64, id 37982, offset 0, flags [DF], proto unknown (253), length 84)\n    192.0.2.10 > 192.0.2.20:  ip-proto-253 64');
  });

  it('prints protocols it does not decode as tcpdump does', () => {
    expect(line(PROTO_253)).toBe('IP 192.0.2.10 > 192.0.2.20:  ip-proto-253 64');
    expect(line(PROTO_59)).toBe('IP 192.0.2.10 > 192.0.2.20: no next header');
  });

  it('prints IPv4-in-IPv4 with both headers', () => {
    expect(line(IPIP)).toBe(
      'IP 192.0.2.10 > 192.0.2.20: IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [S], seq 2752494994, win 64240, options [mss 1460,sackOK,TS val 4189141736 ecr 0,nop,wscale 10], length 0',
    );
    expect(line(IPIP, { verbose: 1 })).toBe(
      'IP (tos 0x0, ttl 64, id 37982, offset 0, flags [DF], proto IPIP (4), length 80)\n    192.0.2.10 > 192.0.2.20: IP (tos 0x0, ttl 64, id 43209, offset 0, flags [DF], proto TCP (6), length 60)\n    192.0.2.10.56368 > 192.0.2.20.80: Flags [S], cksum 0x5630 (correct), seq 2752494994, win 64240, options [mss 1460,sackOK,TS val 4189141736 ecr 0,nop,wscale 10], length 0',
    );
  });
});

describe('IPv4 malformed and truncated headers', () => {
  it('names a wrong version, a short header length and a short total length', () => {
    expect(line(V6_IN_V4)).toBe('IP6, wrong link-layer encapsulation (invalid)');
    expect(line(V5)).toBe('IP5 (invalid)');
    expect(line(BAD_HLEN)).toBe('IP bad-hlen 16');
    expect(line(BAD_LEN)).toBe('IP bad-len 16');
    for (const f of [V6_IN_V4, V5, BAD_HLEN, BAD_LEN]) {
      const r = dissect(f);
      expect(r.facts.malformed).toBe(true);
      expect(r.experts.some((e) => e.group === 'malformed')).toBe(true);
    }
  });

  it('says how many bytes a total length claims beyond the frame, and trims to a shorter one', () => {
    expect(line(LONGER_THAN_WIRE)).toBe('IP truncated-ip - 12 bytes missing! 192.0.2.10 > 192.0.2.20: ICMP echo request, id 32380, seq 1, length 76');
    expect(line(SHORTER_THAN_FRAME)).toBe('IP 192.0.2.10 > 192.0.2.20: ICMP echo request, id 32380, seq 1, length 44');
    // tcpdump-suite ipv4_invalid_total_length / ipv4_invalid_length (the golden files' lines).
    expect(line(INVALID_TOTAL_LENGTH)).toBe('IP truncated-ip - 1 bytes missing! 140.211.9.206.39095 > 45.33.127.156.53: 37546+ [1au] A? www.tcpdump.org. (56)');
    expect(line(INVALID_LENGTH)).toBe('IP  [|ip]');
    const r = dissect(INVALID_LENGTH);
    expect([r.facts.truncated, r.facts.malformed]).toEqual([true, false]);
  });
});

describe('IPv4 facts handed to upper layers', () => {
  it('records the outermost layer for columns and flows', () => {
    const r = dissect(ECHO);
    expect(r.facts.protocol).toBe('ICMP');
    expect([r.facts.src, r.facts.dst]).toEqual(['192.0.2.10', '192.0.2.20']);
    const ip = r.facts.ip!;
    expect({ version: ip.version, offset: ip.offset, proto: ip.proto, ttl: ip.ttl, fragmented: ip.fragmented, payloadLength: ip.payloadLength }).toEqual({
      version: 4,
      offset: 14,
      proto: 1,
      ttl: 64,
      fragmented: false,
      payloadLength: 64,
    });
    expect([...ip.srcBytes]).toEqual([192, 0, 2, 10]);
    expect([...ip.dstBytes]).toEqual([192, 0, 2, 20]);
  });

  it('marks both kinds of fragment and keeps the outer header of a tunnel', () => {
    expect(dissect(FIRST_FRAG, { wirelen: FIRST_FRAG_WIRE }).facts.ip?.fragmented).toBe(true);
    expect(dissect(LAST_FRAG).facts.ip?.fragmented).toBe(true);
    expect(dissect(LAST_FRAG).facts.ip?.payloadLength).toBe(48);
    const r = dissect(IPIP);
    expect(r.facts.ip?.proto).toBe(4);
    expect(r.facts.layers).toEqual(['ether', 'ip', 'ip', 'tcp']);
    expect([r.facts.sport, r.facts.dport, r.facts.tcp?.offset]).toEqual([56368, 80, 54]);
  });
});

describe('IPv4 detail tree', () => {
  it('has the ip.* fields on their bytes with their values', () => {
    const t = tree(ECHO);
    const ip = expectField(t, 'ip', 14, 20);
    expect(ip.label).toBe('Internet Protocol Version 4, Src: 192.0.2.10, Dst: 192.0.2.20');
    expect(childFields(ip)).toEqual([
      'ip.version', 'ip.hdr_len', 'ip.dsfield', 'ip.len', 'ip.id', 'ip.flags', 'ip.frag_offset', 'ip.ttl', 'ip.proto', 'ip.checksum', 'ip.src', 'ip.dst',
    ]);
    expectField(t, 'ip.version', 14, 1, 4);
    expectField(t, 'ip.hdr_len', 14, 1, 20);
    expectField(t, 'ip.dsfield', 15, 1, 0);
    expectField(t, 'ip.len', 16, 2, 84);
    expectField(t, 'ip.id', 18, 2, 37982);
    const flags = expectField(t, 'ip.flags', 20, 1, 2);
    expect(childFields(flags)).toEqual(['ip.flags.rb', 'ip.flags.df', 'ip.flags.mf']);
    expectField(t, 'ip.flags.rb', 20, 1, false);
    expectField(t, 'ip.flags.df', 20, 1, true);
    expectField(t, 'ip.flags.mf', 20, 1, false);
    expectField(t, 'ip.frag_offset', 20, 2, 0);
    expectField(t, 'ip.ttl', 22, 1, 64);
    expect(expectField(t, 'ip.proto', 23, 1, 1).label).toBe('Protocol: ICMP (1)');
    expect(expectField(t, 'ip.checksum', 24, 2, 0x222c).label).toBe('Header Checksum: 0x222c [correct]');
    expectField(t, 'ip.src', 26, 4, '192.0.2.10');
    expectField(t, 'ip.dst', 30, 4, '192.0.2.20');
    expect(field(tree(BAD_SUM), 'ip.checksum').label).toBe('Header Checksum: 0x1234 [incorrect]');
  });

  it('shows fragment flags and offsets, and the unreassembled payload of a later fragment', () => {
    const t = tree(LAST_FRAG);
    // The field's value is in 8-byte units (Wireshark 4.0); the label gives bytes.
    expect(expectField(t, 'ip.frag_offset', 20, 2, 370).label).toBe('Fragment Offset: 2960');
    expectField(t, 'ip.flags.mf', 20, 1, false);
    expectField(t, 'ip.fragment', 34, 48);
    const first = tree(FIRST_FRAG, { wirelen: FIRST_FRAG_WIRE });
    expectField(first, 'ip.flags.mf', 20, 1, true);
    expectField(first, 'ip.len', 16, 2, 1500);
  });

  it('places every field on the bytes tshark gives it', () => {
    expectFieldsLikeTshark('ipv4', 1, [ECHO, LAST_FRAG, TOS_CE, BAD_SUM, MF_RSVD, IPIP, INVALID_TOTAL_LENGTH]);
  });
});

describe('IPv4 frames cut at every length', () => {
  const frames = [ECHO, LAST_FRAG, BAD_HLEN, BAD_LEN, LONGER_THAN_WIRE, PROTO_253, IPIP, INVALID_TOTAL_LENGTH, V6_IN_V4];
  it('never fail and keep the tree inside the captured bytes', () => {
    for (const f of frames) cutEverywhere(f);
    cutEverywhere(FIRST_FRAG, { wirelen: FIRST_FRAG_WIRE });
  });

  it('print what tcpdump prints for each truncation, at -n and -v', () => {
    const all = [...frames, V5, SHORTER_THAN_FRAME, PROTO_59, TOS_CE, TTL_0, BAD_SUM, MF_RSVD];
    expectTcpdumpCuts('ipv4', 1, all, [], 60);
    expectTcpdumpCuts('ipv4', 1, all, ['-v'], 60);
  });
});

describe('random bytes behind an IPv4 header', () => {
  it('never fail, whatever the header says', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.uint8Array({ maxLength: 80 }), fc.integer({ min: 0, max: 2 }), (hdr, payload, verbose) => {
        const ip = new Uint8Array(hdr);
        ip[0] = 0x40 | (ip[0]! & 15);
        const frame = concat(ECHO.subarray(0, 14), ip, payload);
        expectSound(frame, { verbose });
        expectSound(frame, { verbose, wirelen: frame.length + 100 });
      }),
      { numRuns: 400 },
    );
  });

  it('never fail with a sane header and a random protocol and payload', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 4, 6, 17, 41, 58, 108, 59, 0, 255), fc.uint8Array({ maxLength: 80 }), fc.integer({ min: 0, max: 3 }), (proto, payload, verbose) => {
        const ip = patched(ECHO, 9, proto.toString(16).padStart(2, '0')).subarray(14, 34);
        const frame = concat(ECHO.subarray(0, 14), ip, payload);
        frame[16] = (20 + payload.length) >> 8;
        frame[17] = (20 + payload.length) & 0xff;
        expectSound(frame, { verbose });
      }),
      { numRuns: 400 },
    );
  });
});
