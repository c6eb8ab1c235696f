// IPv4 options as tcpdump -v prints them (print-ip.c ip_optprint, ip_printroute, ip_printts):
// the two option crash reproducers of the tcpdump suite, and every option kind on the real
// echo request of scenarios/icmp-ping.pcap with the options inserted into its header.
import { describe, expect, it } from 'vitest';
import { concat, cutEverywhere, dissect, expectField, expectTcpdumpCuts, hex, line, tree } from './link-transport.support.js';
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
// tcpdump-suite/ip_printroute_asan.pcap frame 1: 60 of 262144 bytes (tcpdump -n -XX -v):
// 11:22:39.003332 IP (tos 0x0, ttl 254, id 25615, offset 65480, flags [DF, rsvd], proto UDP (17), length 32768, options (LSRR [bad length 25] [bad ptr 15] 103.103.103.0, 0.172.0.116, 0.16.36.36, 16.0.36.2 14.9.36.4 [truncated-option]))
//     251.73.86.0 > 0.172.128.5:  [|ip]
//   0x0000:  a9a9 9d00 007f ffc1 8000 0000 0800 4f00  ..............O.
//   0x0010:  8000 640f dff9 fe11 8e15 fb49 5600 00ac  ..d........IV...
//   0x0020:  8005 8319 0f67 6767 0000 ac00 7400 1024  .....ggg....t..$
//   0x0030:  2410 0024 020e 0924 0401 efff            $..$...$....
const PRINTROUTE_ASAN = hex('a9a99d00007fffc18000000008004f008000640fdff9fe118e15fb49560000ac800583190f6767670000ac007400102424100024020e09240401efff');
// tcpdump-suite/ip_ts_opts_asan.pcap frame 1: 50 of 262144 bytes (tcpdump -n -XX -v):
// 06:29:34.131840 IP (tos 0xe2,ECT(0), id 32, offset 0, flags [+, DF, rsvd], proto ICMP (1), length 65319, options (timestamp TS{[bad length 14]TS+ADDR ^ 1229070338@0.0.52.112 [truncated-option]), bad cksum a09b (->90a7)!)
//     149.8.33.81 > 95.18.83.227:  [|ip]
//   0x0000:  000c fff9 00ff c075 c08e 999d 0800 49e2  .......u......I.
//   0x0010:  ff27 0020 e000 0001 a09b 9508 2151 5f12  .'..........!Q_.
//   0x0020:  53e3 440e 0501 0000 3470 4942 2002 0105  S.D.....4pIB....
//   0x0030:  f513                                     ..
const TS_OPTS_ASAN = hex('000cfff900ffc075c08e999d080049e2ff270020e0000001a09b950821515f1253e3440e050100003470494220020105f513');
const ASAN_WIRE = 262144;

/** ECHO with `opts` (a multiple of 4 bytes) after its 20-byte IP header; lengths and checksum fixed. */
function withOptions(opts: string): Uint8Array {
  const o = hex(opts);
  const f = concat(ECHO.subarray(0, 34), o, ECHO.subarray(34));
  f[14] = 0x40 | ((20 + o.length) / 4);
  const total = f.length - 14;
  f[16] = total >> 8;
  f[17] = total & 0xff;
  f[24] = f[25] = 0;
  const s = checksum(f.subarray(14, 34 + o.length));
  f[24] = s >> 8;
  f[25] = s & 0xff;
  return f;
}

// Each option list and the `options (...)` text tcpdump 4.99.3 -v printed for it.
const CASES: readonly (readonly [string, string])[] = [
  ['070b08c00002010000000001', 'RR 192.0.2.1, 0.0.0.0,NOP'],
  ['440c0900aaaaaaaabbbbbbbb', 'timestamp TS{TSONLY 2863311530@ ^ 3149642683@}'],
  ['44140d01c000020a00000064c0000214000000c8', 'timestamp TS{TS+ADDR 100@192.0.2.10 ^ 200@192.0.2.20}'],
  ['440c0503c000021400000000', 'timestamp TS{PRESPEC ^ 0@192.0.2.20}'],
  ['44080521000000ff', 'timestamp TS{[bad length 8]TS+ADDR ^ 134259809@0.0.0.255 [2 hops not recorded]} '],
  ['44080502000000ff', 'timestamp TS{[bad length 8][bad ts type 2]}'],
  ['94040000', 'RA'],
  ['94040001', 'RA value 1'],
  ['830704c000021401', 'LSRR 192.0.2.20,NOP'],
  ['890b08c0000214c000021501', 'SSRR 192.0.2.20, 192.0.2.21,NOP'],
  ['820b00000000000000000001', 'security,NOP'],
  ['99040102', 'unknown 153'],
  ['00010203', 'EOL'],
  ['01010101', 'NOP,NOP,NOP,NOP'],
  ['07010000', 'RR [bad length 1]'],
  ['07280000', 'RR [bad length 40]'],
  ['520c00000000000000000001', 'traceroute'],
];
const FRAMES = CASES.map(([o]) => withOptions(o));
const ECHO_TAIL = '192.0.2.10 > 192.0.2.20: ICMP echo request, id 32380, seq 1, length 64';

describe('IPv4 options at -v', () => {
  it.each(CASES.map(([o, text], i) => [o, text, i] as const))('%s prints "%s"', (_o, text, i) => {
    const f = FRAMES[i]!;
    const total = f.length - 14;
    expect(line(f, { verbose: 1 })).toBe(`IP (tos 0x0, ttl 64, id 37982, offset 0, flags [DF], proto ICMP (1), length ${total}, options (${text}))\n    ${ECHO_TAIL}`);
  });

  it('are not printed at -n, and do not disturb the upper layer', () => {
    for (const f of FRAMES) expect(line(f)).toBe(`IP ${ECHO_TAIL}`);
  });

  it('print the crash reproducers of the tcpdump suite as tcpdump 4.99.3 does', () => {
    expect(line(PRINTROUTE_ASAN, { verbose: 1, wirelen: ASAN_WIRE })).toBe(
      'IP (tos 0x0, ttl 254, id 25615, offset 65480, flags [DF, rsvd], proto UDP (17), length 32768, options (LSRR [bad length 25] [bad ptr 15] 103.103.103.0, 0.172.0.116, 0.16.36.36, 16.0.36.2 14.9.36.4 [truncated-option]))\n    251.73.86.0 > 0.172.128.5:  [|ip]',
    );
    expect(line(TS_OPTS_ASAN, { verbose: 1, wirelen: ASAN_WIRE })).toBe(
      'IP (tos 0xe2,ECT(0), id 32, offset 0, flags [+, DF, rsvd], proto ICMP (1), length 65319, options (timestamp TS{[bad length 14]TS+ADDR ^ 1229070338@0.0.52.112 [truncated-option]), bad cksum a09b (->90a7)!)\n    149.8.33.81 > 95.18.83.227:  [|ip]',
    );
    // Without -v the options are skipped (the suite's generic .tcpdump.txt lines).
    expect(line(PRINTROUTE_ASAN, { wirelen: ASAN_WIRE })).toBe('IP 251.73.86.0 > 0.172.128.5: ip-proto-17');
    expect(line(TS_OPTS_ASAN, { wirelen: ASAN_WIRE })).toBe('IP 149.8.33.81 > 95.18.83.227:  [|icmp]');
    expect(dissect(TS_OPTS_ASAN, { verbose: 1, wirelen: ASAN_WIRE }).facts.truncated).toBe(true);
  });
});

describe('IPv4 options in the tree', () => {
  it('span the bytes between the fixed header and the payload', () => {
    const t = tree(FRAMES[0]!);
    expectField(t, 'ip', 14, 32);
    expectField(t, 'ip.hdr_len', 14, 1, 32);
    expectField(t, 'ip.options', 34, 12);
    expect(tree(FRAMES[0]!).find((n) => n.field === 'icmp')?.offset).toBe(46);
  });

  it('are cut to the captured bytes and marked truncated when the capture ends inside them', () => {
    const t = tree(PRINTROUTE_ASAN, { wirelen: ASAN_WIRE });
    const ip = expectField(t, 'ip', 14, 46);
    expect(ip.truncated).toBe(true);
    const opts = expectField(t, 'ip.options', 34, 26);
    expect(opts.truncated).toBe(true);
  });
});

describe('IPv4 options cut at every length', () => {
  it('never fail and keep the tree inside the captured bytes', () => {
    for (const f of FRAMES) cutEverywhere(f.subarray(0, 70), { wirelen: f.length });
    cutEverywhere(PRINTROUTE_ASAN, { wirelen: ASAN_WIRE });
    cutEverywhere(TS_OPTS_ASAN, { wirelen: ASAN_WIRE });
  });

  it('print what tcpdump -v prints for each truncation', () => {
    expectTcpdumpCuts('ipv4-options', 1, FRAMES, ['-v'], 62);
  });
});
