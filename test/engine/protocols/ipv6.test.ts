// IPv6 dissector unit tests on real packets (scenarios/icmpv6-ping6.pcap and the tcpdump
// suite's ipv6-routing-header.pcap), the network-layer facts handed to upper layers, the
// detail tree, ipv6String against tcpdump's addrtostr6, cuts at every length and random bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDissector } from '../../../electron/engine/dissect/dissect-frame.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { DEFAULT_PRINT_OPTIONS } from '../../../electron/engine/dissect/print-options.js';
import { ipv6String } from '../../../electron/engine/format/addresses.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { hex, findAll } from './packet-builder.support.js';


const registry = createRegistry();
function run(data: Uint8Array, verbose = 0, tree = false, wirelen = data.length) {
  const d = new FrameDissector(registry, { ...DEFAULT_PRINT_OPTIONS, verbose });
  return d.dissect(data, wirelen, { number: 1, linktype: 1 }, tree);
}


// 05:30:09.720052 IP6 2001:db8:a::10 > 2001:db8:a::20: ICMP6, echo request, id 32454, seq 1, length 64
//   0x0000:  0200 000a 0020 0200 000a 0010 86dd 6003  ..............`.
//   0x0010:  a62c 0040 3a40 2001 0db8 000a 0000 0000  .,.@:@..........
//   0x0020:  0000 0000 0010 2001 0db8 000a 0000 0000  ................
//   0x0030:  0000 0000 0020 8000 1ea1 7ec6 0001 612c  ..........~...a,
//   0x0040:  016b 0000 0000 5afc 0a00 0000 0000 1011  .k....Z.........
//   0x0050:  1213 1415 1617 1819 1a1b 1c1d 1e1f 2021  ...............!
//   0x0060:  2223 2425 2627 2829 2a2b 2c2d 2e2f 3031  "#$%&'()*+,-./01
//   0x0070:  3233 3435 3637                           234567
const ECHO = hex(`0200 000a 0020 0200 000a 0010 86dd 6003 a62c 0040 3a40 2001 0db8 000a 0000 0000
  0000 0000 0010 2001 0db8 000a 0000 0000 0000 0000 0020 8000 1ea1 7ec6 0001 612c
  016b 0000 0000 5afc 0a00 0000 0000 1011 1213 1415 1617 1819 1a1b 1c1d 1e1f 2021
  2223 2425 2627 2829 2a2b 2c2d 2e2f 3031 3233 3435 3637`);

// 05:30:10.338384 IP6 2001:db8:a::10 > 2001:db8:a::20: frag (1448|1448)  (first 64 bytes)
//   0x0000:  0200 000a 0020 0200 000a 0010 86dd 6003  ..............`.
//   0x0010:  a62c 05b0 2c40 2001 0db8 000a 0000 0000  .,..,@..........
//   0x0020:  0000 0000 0010 2001 0db8 000a 0000 0000  ................
//   0x0030:  0000 0000 0020 3a00 05a9 a98d 563e a0a1  ......:.....V>..
const FRAG_LATER = hex(`0200 000a 0020 0200 000a 0010 86dd 6003 a62c 05b0 2c40 2001 0db8 000a 0000 0000
  0000 0000 0010 2001 0db8 000a 0000 0000 0000 0000 0020 3a00 05a9 a98d 563e a0a1`);

// 16:51:31.766766 IP6 2200::244:212:3fff:feae:22f7 > 2200::240:2:0:0:4: RT6 (len=2, type=0 [Deprecated],
//   segleft=1, [0]2200::210:2:0:0:4) ICMP6, echo request, id 0, seq 0, length 8
//   0x0000:  0013 c4c7 84f0 0012 3fae 22f7 86dd 6000  ........?."...`.
//   0x0010:  0000 0020 2b04 2200 0000 0000 0244 0212  ....+."......D..
//   0x0020:  3fff feae 22f7 2200 0000 0000 0240 0002  ?..."."......@..
//   0x0030:  0000 0000 0004 3a02 0001 0000 0000 2200  ......:.......".
//   0x0040:  0000 0000 0210 0002 0000 0000 0004 8000  ................
//   0x0050:  d3ab 0000 0000                           ......
const ROUTED = hex(`0013 c4c7 84f0 0012 3fae 22f7 86dd 6000 0000 0020 2b04 2200 0000 0000 0244 0212
  3fff feae 22f7 2200 0000 0000 0240 0002 0000 0000 0004 3a02 0001 0000 0000 2200
  0000 0000 0210 0002 0000 0000 0004 8000 d3ab 0000 0000`);

describe('ipv6 (real packets)', () => {
  it('prints the echo request like tcpdump at -n and -v', () => {
    expect(run(ECHO).line).toBe('IP6 2001:db8:a::10 > 2001:db8:a::20: ICMP6, echo request, id 32454, seq 1, length 64');
    expect(run(ECHO, 1).line).toBe(
      'IP6 (flowlabel 0x3a62c, hlim 64, next-header ICMPv6 (58) payload length: 64) 2001:db8:a::10 > 2001:db8:a::20: [icmp6 sum ok] ICMP6, echo request, id 32454, seq 1',
    );
  });

  it('records the outermost IP layer and the columns', () => {
    const r = run(ECHO);
    expect(r.facts.protocol).toBe('ICMPv6');
    expect(r.facts.src).toBe('2001:db8:a::10');
    expect(r.facts.dst).toBe('2001:db8:a::20');
    expect(r.facts.ip).toMatchObject({ version: 6, offset: 14, proto: 58, ttl: 64, payloadLength: 64, fragmented: false });
    expect(r.facts.icmp6).toEqual({ type: 128, code: 0, id: 32454, seq: 1 });
  });

  it('prints a later fragment without decoding its payload', () => {
    const r = run(FRAG_LATER, 0, true, 1510);
    expect(r.line).toBe('IP6 2001:db8:a::10 > 2001:db8:a::20: frag (1448|1448)');
    expect(r.facts.ip?.fragmented).toBe(true);
    expect(run(FRAG_LATER, 1, false, 1510).line).toContain('frag (0xa98d563e:1448|1448)');
    expect(findAll(r.tree, 'ipv6.fraghdr.offset')[0]?.value).toBe(181);
    expect(findAll(r.tree, 'ipv6.fraghdr.ident')[0]?.value).toBe(0xa98d563e);
  });

  it('prints a type 0 routing header and checks ICMPv6 against the final destination', () => {
    expect(run(ROUTED).line).toBe(
      'IP6 2200::244:212:3fff:feae:22f7 > 2200::240:2:0:0:4: RT6 (len=2, type=0 [Deprecated], segleft=1, [0]2200::210:2:0:0:4) ICMP6, echo request, id 0, seq 0, length 8',
    );
    expect(run(ROUTED, 1).line).toContain('rsv=0x0, [0]2200::210:2:0:0:4) [icmp6 sum ok] ICMP6');
  });

  it('builds the Wireshark fields', () => {
    const t = run(ECHO, 0, true).tree;
    expect(findAll(t, 'ipv6.version')[0]?.value).toBe(6);
    expect(findAll(t, 'ipv6.flow')[0]?.value).toBe(0x3a62c);
    expect(findAll(t, 'ipv6.plen')[0]?.value).toBe(64);
    expect(findAll(t, 'ipv6.nxt')[0]?.value).toBe(58);
    expect(findAll(t, 'ipv6.hlim')[0]?.value).toBe(64);
    expect(findAll(t, 'ipv6.src')[0]).toMatchObject({ value: '2001:db8:a::10', offset: 22, length: 16 });
    expect(findAll(t, 'ipv6.addr').map((n) => n.value)).toEqual(['2001:db8:a::10', '2001:db8:a::20']);
    const rt = run(ROUTED, 0, true).tree;
    expect(findAll(rt, 'ipv6.routing.segleft')[0]?.value).toBe(1);
    expect(findAll(rt, 'ipv6.routing.src.addr')[0]?.value).toBe('2200::210:2:0:0:4');
  });

  it('prints version errors and short lengths as tcpdump does', () => {
    const bad = ECHO.slice();
    bad[14] = 0x40;
    expect(run(bad).line).toBe('IP6 version error: 4 != 6');
    expect(run(bad).facts.malformed).toBe(true);
    expect(run(ECHO.subarray(0, 40)).line).toBe(' [|ip6]');
  });

  it('never throws and stays within the frame when cut at every length', () => {
    for (const p of [ECHO, FRAG_LATER, ROUTED]) {
      for (let n = 0; n <= p.length; n++) {
        for (const v of [0, 1, 2, 3]) {
          const r = run(p.subarray(0, n), v, true, p.length);
          expect(typeof r.line).toBe('string');
          expect(r.facts.malformed && !r.experts.length).toBe(false);
          expect(r.experts.some((e) => e.message.includes('dissector error'))).toBe(false);
        }
      }
    }
  });

  it('survives random bytes after an IPv6 ethertype', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), fc.integer({ min: 0, max: 3 }), (body, v) => {
        const frame = new Uint8Array(14 + body.length);
        frame.set(ECHO.subarray(0, 14));
        frame.set(body, 14);
        if (body.length) frame[14] = (frame[14]! & 0x0f) | 0x60;
        const r = run(frame, v, true);
        expect(r.experts.some((e) => e.message.includes('dissector error'))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ipv6String (tcpdump addrtostr6)', () => {
  const cases: [string, string][] = [
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['20010db8000000000000000000000000', '2001:db8::'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'], // first of two equal runs
    ['20010db8000100000001000100010001', '2001:db8:1:0:1:1:1:1'], // a single zero word stays
    ['00000000000000000000ffffc0000201', '::ffff:192.0.2.1'],
    ['000000000000000000000000c0000201', '::192.0.2.1'],
    ['0000000000000000ffff0000c0000201', '::ffff:0:c000:201'],
    ['fe8000000000000002000afffe000010', 'fe80::200:aff:fe00:10'],
  ];
  for (const [h, want] of cases) it(want, () => expect(ipv6String(hex(h), 0)).toBe(want));
});
