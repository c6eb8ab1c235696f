// UDP (print-udp.c udp_print) on real datagrams of udp-exchange.pcap (IPv4 and IPv6) and
// dns-queries.pcap, length and checksum variants of them, the tcpdump suite's crash reproducer,
// the udp.* tree, every truncation vs tcpdump and random bytes behind a valid IPv4 header.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childFields, concat, cutEverywhere, dissect, expectField, expectFieldsLikeTshark, expectSound, expectTcpdumpCuts, fields, hex, line, tree } from './link-transport.support.js';

// scenarios/udp-exchange.pcap frame 3 (tcpdump -n -XX -v):
// 05:30:23.114643 IP (tos 0x0, ttl 64, id 65040, offset 0, flags [DF], proto UDP (17), length 92)
//     192.0.2.10.49680 > 192.0.2.20.40001: UDP, length 64
//   0x0000:  0200 000a 0020 0200 000a 0010 0800 4500  ..............E.
//   0x0010:  005c fe10 4000 4011 b861 c000 020a c000  .\..@.@..a......
//   0x0020:  0214 c210 9c41 0048 fd0e 7564 7020 6461  .....A.H..udp.da
//   0x0030:  7461 6772 616d 2030 3030 3030 202e 2e2e  tagram.00000....
//   0x0040:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x0050:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x0060:  2e2e 2e2e 2e2e 2e2e 2e2e                 ..........
const UDP4 = hex(
  '0200000a00200200000a001008004500005cfe1040004011b861c000020ac000' +
  '0214c2109c410048fd0e75647020646174616772616d203030303030202e2e2e' +
  '2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e' +
  '2e2e2e2e2e2e2e2e2e2e',
);
// scenarios/udp-exchange.pcap frame 25 (tcpdump -n -XX -v):
// 05:30:23.755929 IP6 (flowlabel 0x322b7, hlim 64, next-header UDP (17) payload length: 208) 2001:db8:a::10.40049 > 2001:db8:a::20.40001: [udp sum ok] UDP, length 200
//   0x0000:  0200 000a 0020 0200 000a 0010 86dd 6003  ..............`.
//   0x0010:  22b7 00d0 1140 2001 0db8 000a 0000 0000  "....@..........
//   0x0020:  0000 0000 0010 2001 0db8 000a 0000 0000  ................
//   0x0030:  0000 0000 0020 9c71 9c41 00d0 05c3 7564  .......q.A....ud
//   0x0040:  7020 6461 7461 6772 616d 2030 3030 3030  p.datagram.00000
//   0x0050:  202e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x0060:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x0070:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x0080:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x0090:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x00a0:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x00b0:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x00c0:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x00d0:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x00e0:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x00f0:  2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e 2e2e  ................
//   0x0100:  2e2e 2e2e 2e2e                           ......
const UDP6 = hex(
  '0200000a00200200000a001086dd600322b700d0114020010db8000a00000000' +
  '00000000001020010db8000a000000000000000000209c719c4100d005c37564' +
  '7020646174616772616d203030303030202e2e2e2e2e2e2e2e2e2e2e2e2e2e2e' +
  '2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e' +
  '2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e' +
  '2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e' +
  '2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e' +
  '2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e' +
  '2e2e2e2e2e2e',
);
// tcpdump-suite/udp-length-heapoverflow.pcap frame 1 (tcpdump -n -XX -v):
// 05:27:12.1010580 IP (tos 0x30, ttl 48, id 12336, offset 0, flags [none], proto UDP (17), length 12336, bad cksum 3030 (->699d)!)
//     48.48.48.48.12336 > 48.48.48.48.12336:  [|udp]
//   0x0000:  3030 3030 3030 3030 3030 3030 0800 4530  000000000000..E0
//   0x0010:  3030 3030 0000 3011 3030 3030 3030 3030  0000..0.00000000
//   0x0020:  3030 3030 3030                           000000
const UDP_OVERFLOW = hex(
  '3030303030303030303030300800453030303030000030113030303030303030' +
  '303030303030',
);
// scenarios/dns-queries.pcap frame 3 (tcpdump -n -XX -v):
// 05:30:02.213845 IP (tos 0x0, ttl 64, id 33295, offset 0, flags [none], proto UDP (17), length 85)
//     192.0.2.10.37326 > 192.0.2.20.53: 41128+ [1au] A? www.example.test. (57)
//   0x0000:  0200 000a 0020 0200 000a 0010 0800 4500  ..............E.
//   0x0010:  0055 820f 0000 4011 746a c000 020a c000  .U....@.tj......
//   0x0020:  0214 91ce 0035 0041 408b a0a8 0120 0001  .....5.A@.......
//   0x0030:  0000 0000 0001 0377 7777 0765 7861 6d70  .......www.examp
//   0x0040:  6c65 0474 6573 7400 0001 0001 0000 2904  le.test.......).
//   0x0050:  d000 0000 0000 0c00 0a00 0857 d6a0 e0ae  ...........W....
//   0x0060:  9ed2 e7                                  ...
const DNS_Q = hex(
  '0200000a00200200000a0010080045000055820f00004011746ac000020ac000' +
  '021491ce00350041408ba0a80120000100000000000103777777076578616d70' +
  '6c650474657374000001000100002904d000000000000c000a000857d6a0e0ae' +
  '9ed2e7',
);

/** UDP4 with bytes of its UDP header replaced at `off` (from the UDP header start). */
function udpPatched(off: number, bytes: string): Uint8Array {
  const f = new Uint8Array(UDP4);
  f.set(hex(bytes), 34 + off);
  return f;
}
// Checksum 0 (none computed): -vv says [no cksum].
const NO_SUM = udpPatched(6, '0000');
// A wrong checksum: -vv says what it should be.
const BAD_SUM = udpPatched(6, '1234');
// Length field 4 (< 8): truncated-udplength.
const SHORT_ULEN = udpPatched(4, '0004');
// Length field 200 (beyond the IP payload of 72): bad length.
const LONG_ULEN = udpPatched(4, '00c8');
// Length field 20 (inside the IP payload): the datagram ends there.
const TRIMMED_ULEN = udpPatched(4, '0014');
// IP total length 26: only 6 bytes of UDP are inside the IP packet.
const SHORT_IP = (() => {
  const f = new Uint8Array(UDP4.subarray(0, 40));
  f[16] = 0;
  f[17] = 26;
  return f;
})();

const UDP4_LINE = 'IP 192.0.2.10.49680 > 192.0.2.20.40001: UDP, length 64';
const UDP6_LINE = 'IP6 2001:db8:a::10.40049 > 2001:db8:a::20.40001: UDP, length 200';

describe('UDP summary line', () => {
  it('prints ports and length over IPv4 and IPv6 (udp-exchange.pcap)', () => {
    expect(line(UDP4)).toBe(UDP4_LINE);
    expect(line(UDP6)).toBe(UDP6_LINE);
    expect(line(UDP4, { qflag: true })).toBe(UDP4_LINE);
  });

  it('hands a port it knows to its dissector', () => {
    expect(line(DNS_Q)).toBe('IP 192.0.2.10.37326 > 192.0.2.20.53: 41128+ [1au] A? www.example.test. (57)');
    expect(line(DNS_Q, { qflag: true })).toBe('IP 192.0.2.10.37326 > 192.0.2.20.53: UDP, length 57');
  });

  it('verifies the checksum at -vv over IPv4 and at -v over IPv6', () => {
    expect(line(UDP4, { verbose: 1 })).toBe(`IP (tos 0x0, ttl 64, id 65040, offset 0, flags [DF], proto UDP (17), length 92)\n    ${UDP4_LINE.slice(3)}`);
    expect(line(UDP4, { verbose: 2 }).split('\n')[1]).toBe('    192.0.2.10.49680 > 192.0.2.20.40001: [udp sum ok] UDP, length 64');
    expect(line(NO_SUM, { verbose: 2 }).split('\n')[1]).toBe('    192.0.2.10.49680 > 192.0.2.20.40001: [no cksum] UDP, length 64');
    expect(line(BAD_SUM, { verbose: 2 }).split('\n')[1]).toBe('    192.0.2.10.49680 > 192.0.2.20.40001: [bad udp cksum 0x1234 -> 0xfd0e!] UDP, length 64');
    expect(line(UDP6, { verbose: 1 })).toBe(
      'IP6 (flowlabel 0x322b7, hlim 64, next-header UDP (17) payload length: 208) 2001:db8:a::10.40049 > 2001:db8:a::20.40001: [udp sum ok] UDP, length 200',
    );
  });

  it('names bad lengths as tcpdump does', () => {
    expect(line(SHORT_ULEN)).toBe('IP 192.0.2.10.49680 > 192.0.2.20.40001: truncated-udplength 4');
    expect(line(LONG_ULEN)).toBe('IP 192.0.2.10.49680 > 192.0.2.20.40001: UDP, bad length 192 > 64');
    expect(line(TRIMMED_ULEN)).toBe('IP 192.0.2.10.49680 > 192.0.2.20.40001: UDP, length 12');
    expect(line(SHORT_IP)).toBe('IP 192.0.2.10.49680 > 192.0.2.20.40001: truncated-udp 6');
    for (const f of [SHORT_ULEN, SHORT_IP]) expect(dissect(f).facts.malformed).toBe(true);
  });

  it('prints the tcpdump-suite crash reproducer as tcpdump 4.99.3 does', () => {
    expect(line(UDP_OVERFLOW, { wirelen: 262144 })).toBe('IP 48.48.48.48.12336 > 48.48.48.48.12336:  [|udp]');
    expect(line(UDP_OVERFLOW, { wirelen: 262144, verbose: 2 })).toBe(
      'IP (tos 0x30, ttl 48, id 12336, offset 0, flags [none], proto UDP (17), length 12336, bad cksum 3030 (->699d)!)\n    48.48.48.48.12336 > 48.48.48.48.12336:  [|udp]',
    );
  });
});

describe('UDP facts and tree', () => {
  it('records the protocol and the ports', () => {
    const r = dissect(UDP4);
    expect([r.facts.protocol, r.facts.sport, r.facts.dport, r.facts.src, r.facts.dst]).toEqual(['UDP', 49680, 40001, '192.0.2.10', '192.0.2.20']);
    expect(r.facts.layers).toEqual(['ether', 'ip', 'udp']);
    expect(dissect(DNS_Q).facts.protocol).toBe('DNS');
    expect(dissect(UDP6).facts.layers).toEqual(['ether', 'ip6', 'udp']);
  });

  it('has the udp.* fields on their bytes', () => {
    const t = tree(UDP4);
    const udp = expectField(t, 'udp', 34, 8);
    expect(udp.label).toBe('User Datagram Protocol, Src Port: 49680, Dst Port: 40001');
    expect(childFields(udp)).toEqual(['udp.srcport', 'udp.dstport', 'udp.port', 'udp.port', 'udp.length', 'udp.checksum']);
    expectField(t, 'udp.srcport', 34, 2, 49680);
    expectField(t, 'udp.dstport', 36, 2, 40001);
    expect(expectField(t, 'udp.length', 38, 2, 72).label).toBe('Length: 72');
    expect(expectField(t, 'udp.checksum', 40, 2, 0xfd0e).label).toBe('Checksum: 0xfd0e [unverified]');
    expectField(tree(UDP6), 'udp.srcport', 54, 2, 40049);
  });

  it('keeps the header node inside a capture that ends inside it', () => {
    const t = tree(UDP4.subarray(0, 40), { wirelen: UDP4.length });
    expectField(t, 'udp', 34, 6);
    expect(fields(t, 'udp.checksum')).toEqual([]);
  });

  it('places every field on the bytes tshark gives it', () => {
    expectFieldsLikeTshark('udp', 1, [UDP4, UDP6, DNS_Q, NO_SUM, LONG_ULEN]);
  });
});

describe('UDP datagrams cut at every length', () => {
  const frames = [UDP4, UDP6, DNS_Q, NO_SUM, BAD_SUM, SHORT_ULEN, LONG_ULEN, TRIMMED_ULEN, SHORT_IP];
  it('never fail and keep the tree inside the captured bytes', () => {
    for (const f of frames) cutEverywhere(f.subarray(0, 90), { wirelen: f.length });
    cutEverywhere(UDP_OVERFLOW, { wirelen: 262144 });
  });

  it('print what tcpdump prints for each truncation, at -n, -v and -vv', () => {
    expectTcpdumpCuts('udp', 1, frames, [], 90);
    expectTcpdumpCuts('udp', 1, frames, ['-vv'], 90);
    expectTcpdumpCuts('udp', 1, [UDP6, NO_SUM], ['-v'], 90);
  });
});

describe('random bytes behind a valid IPv4 header (protocol 17)', () => {
  it('never fail, whatever the ports and lengths say', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.constantFrom(53, 67, 68, 5353, 40001, 0), fc.integer({ min: 0, max: 3 }), (seg, port, verbose) => {
        const u = new Uint8Array(seg);
        if (u.length >= 4) {
          u[2] = port >> 8;
          u[3] = port & 0xff;
        }
        const frame = concat(UDP4.subarray(0, 34), u);
        frame[16] = (20 + u.length) >> 8;
        frame[17] = (20 + u.length) & 0xff;
        expectSound(frame, { verbose });
        expectSound(frame, { verbose, wirelen: frame.length + 50 });
      }),
      { numRuns: 400 },
    );
  });
});
