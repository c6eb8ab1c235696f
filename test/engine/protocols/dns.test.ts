// DNS dissector unit tests on real packets (scenarios/dns-queries.pcap), plus
// truncation at every length, compression loops and random bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDissector } from '../../../electron/engine/dissect/dissect-frame.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { DEFAULT_PRINT_OPTIONS } from '../../../electron/engine/dissect/print-options.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { hex, findAll } from './packet-builder.support.js';

const ETH = '0200000a0010' + '0200000a0020' + '0800';


/** An Ethernet frame around the IP packet that `tcpdump -X` dumped. */
function frame(ipDump: string): Uint8Array {
  return hex(ETH + ipDump);
}

// 05:30:02.213845 IP 192.0.2.10.37326 > 192.0.2.20.53: 41128+ [1au] A? www.example.test. (57)
//   0x0000:  4500 0055 820f 0000 4011 746a c000 020a  E..U....@.tj....
//   0x0010:  c000 0214 91ce 0035 0041 408b a0a8 0120  .......5.A@.....
//   0x0020:  0001 0000 0000 0001 0377 7777 0765 7861  .........www.exa
//   0x0030:  6d70 6c65 0474 6573 7400 0001 0001 0000  mple.test.......
//   0x0040:  2904 d000 0000 0000 0c00 0a00 0857 d6a0  )............W..
//   0x0050:  e0ae 9ed2 e7                             .....
const QUERY = frame(`4500 0055 820f 0000 4011 746a c000 020a c000 0214 91ce 0035 0041 408b a0a8 0120
  0001 0000 0000 0001 0377 7777 0765 7861 6d70 6c65 0474 6573 7400 0001 0001 0000
  2904 d000 0000 0000 0c00 0a00 0857 d6a0 e0ae 9ed2 e7`);

// 05:30:02.256328 IP 192.0.2.20.53 > 192.0.2.10.59571: 21278* 2/0/1 CNAME www.example.test., A 192.0.2.80 (93)
//   0x0000:  4500 0079 0931 4000 4011 ad24 c000 0214  E..y.1@.@..$....
//   0x0010:  c000 020a 0035 e8b3 0065 c091 531e 8580  .....5...e..S...
//   0x0020:  0001 0002 0000 0001 0561 6c69 6173 0765  .........alias.e
//   0x0030:  7861 6d70 6c65 0474 6573 7400 0001 0001  xample.test.....
//   0x0040:  c00c 0005 0001 0000 0000 0012 0377 7777  .............www
//   0x0050:  0765 7861 6d70 6c65 0474 6573 7400 c030  .example.test..0
//   0x0060:  0001 0001 0000 0000 0004 c000 0250 0000  .............P..
//   0x0070:  2904 d000 0000 0000 00                   )........
const CNAME_RESPONSE = frame(`4500 0079 0931 4000 4011 ad24 c000 0214 c000 020a 0035 e8b3 0065 c091 531e 8580
  0001 0002 0000 0001 0561 6c69 6173 0765 7861 6d70 6c65 0474 6573 7400 0001 0001
  c00c 0005 0001 0000 0000 0012 0377 7777 0765 7861 6d70 6c65 0474 6573 7400 c030
  0001 0001 0000 0000 0004 c000 0250 0000 2904 d000 0000 0000 00`);

// 05:30:02.380694 IP 192.0.2.20.53 > 192.0.2.10.43507: Flags [P.], seq 1:64, ack 60, win 64,
//   options [nop,nop,TS val 2076261736 ecr 1423094194], length 63 50662* 1/0/1 A 192.0.2.80 (61)
//   0x0000:  4500 0073 9454 4000 4006 2212 c000 0214  E..s.T@.@.".....
//   0x0010:  c000 020a 0035 a9f3 4116 b506 00f7 5b97  .....5..A.....[.
//   0x0020:  8018 0040 bc10 0000 0101 080a 7bc1 3d68  ...@........{.=h
//   0x0030:  54d2 b1b2 003d c5e6 8580 0001 0001 0000  T....=..........
//   0x0040:  0001 0377 7777 0765 7861 6d70 6c65 0474  ...www.example.t
//   0x0050:  6573 7400 0001 0001 c00c 0001 0001 0000  est.............
//   0x0060:  0000 0004 c000 0250 0000 2904 d000 0000  .......P..).....
//   0x0070:  0000 00                                  ...
const TCP_RESPONSE = frame(`4500 0073 9454 4000 4006 2212 c000 0214 c000 020a 0035 a9f3 4116 b506 00f7 5b97
  8018 0040 bc10 0000 0101 080a 7bc1 3d68 54d2 b1b2 003d c5e6 8580 0001 0001 0000
  0001 0377 7777 0765 7861 6d70 6c65 0474 6573 7400 0001 0001 c00c 0001 0001 0000
  0000 0004 c000 0250 0000 2904 d000 0000 0000 00`);

const FIXTURES = { QUERY, CNAME_RESPONSE, TCP_RESPONSE };

function dissect(data: Uint8Array, verbose = 0, wantTree = false, wirelen = data.length) {
  const d = new FrameDissector(createRegistry(), { ...DEFAULT_PRINT_OPTIONS, verbose });
  return d.dissect(data, wirelen, { number: 1, linktype: 1 }, wantTree);
}


/** A UDP/IPv4 frame to port 53 around `dns` (checksums zero: tcpdump skips them). */
function udpFrame(dns: Uint8Array): Uint8Array {
  const ipLen = 28 + dns.length;
  const head = hex(`${ETH}4500 ${ipLen.toString(16).padStart(4, '0')} 0001 0000 4011 0000 c000 0201 c000 0202
    9c40 0035 ${(8 + dns.length).toString(16).padStart(4, '0')} 0000`);
  const out = new Uint8Array(head.length + dns.length);
  out.set(head);
  out.set(dns, head.length);
  return out;
}

describe('DNS summary lines (tcpdump -n)', () => {
  it('prints a query with EDNS', () => {
    expect(dissect(QUERY).line).toBe('IP 192.0.2.10.37326 > 192.0.2.20.53: 41128+ [1au] A? www.example.test. (57)');
  });
  it('prints a CNAME chain answer, with names at -v and every section at -vv', () => {
    expect(dissect(CNAME_RESPONSE).line).toBe('IP 192.0.2.20.53 > 192.0.2.10.59571: 21278* 2/0/1 CNAME www.example.test., A 192.0.2.80 (93)');
    expect(dissect(CNAME_RESPONSE, 2).line).toContain(
      '21278* q: A? alias.example.test. 2/0/1 alias.example.test. CNAME www.example.test., www.example.test. A 192.0.2.80 ar: . OPT UDPsize=1232 (93)',
    );
    expect(dissect(CNAME_RESPONSE, 3).line).toContain('alias.example.test. [0s] CNAME');
  });
  it('prints DNS over TCP after the TCP length, skipping the 2-byte prefix', () => {
    expect(dissect(TCP_RESPONSE).line).toMatch(/, length 63 50662\* 1\/0\/1 A 192\.0\.2\.80 \(61\)$/);
  });
  it('prints a short message as invalid', () => {
    expect(dissect(udpFrame(hex('0001 0100'))).line).toBe('IP 192.0.2.1.40000 > 192.0.2.2.53: domain [length 4 < 12] (invalid)');
  });
  it('ends a message cut by the capture with [|domain]', () => {
    expect(dissect(CNAME_RESPONSE.subarray(0, 14 + 28 + 20), 0, false, CNAME_RESPONSE.length).line).toBe('IP 192.0.2.20.53 > 192.0.2.10.59571: 21278* [|domain]');
  });
});

describe('DNS compression loops', () => {
  it('stops at a pointer to itself', () => {
    // Question name = pointer to offset 12, i.e. itself.
    const msg = hex('0001 0100 0001 0000 0000 0000 c00c 0001 0001');
    const r = dissect(udpFrame(msg));
    expect(r.line).toBe('IP 192.0.2.1.40000 > 192.0.2.2.53: 1+ A? <BAD PTR> [|domain]');
    expect(r.facts.malformed).toBe(true);
  });
  it('stops at a two-pointer cycle and at forward pointers', () => {
    // Answer name "a" + pointer to 18 (the next record), whose name points back to 12.
    const msg = hex('0001 8180 0000 0002 0000 0000 0161 c012 0001 0001 0000 0000 0000 c00c 0001 0001 0000 0000 0000');
    const r = dissect(udpFrame(msg), 1);
    expect(r.line).toContain('<BAD PTR>');
    expect(dissect(udpFrame(msg), 1, true).tree).not.toBeNull();
  });
});

describe('DNS detail tree and facts', () => {
  it('has Wireshark field names with byte ranges', () => {
    const r = dissect(CNAME_RESPONSE, 0, true);
    expect(findAll(r.tree, 'dns.id')[0]).toMatchObject({ value: 21278, offset: 14 + 28, length: 2 });
    expect(findAll(r.tree, 'dns.flags.response')[0]?.value).toBe(true);
    expect(findAll(r.tree, 'dns.count.answers')[0]?.value).toBe(2);
    expect(findAll(r.tree, 'dns.qry.name')[0]?.value).toBe('alias.example.test');
    expect(findAll(r.tree, 'dns.cname')[0]?.value).toBe('www.example.test');
    expect(findAll(r.tree, 'dns.a')[0]).toMatchObject({ value: '192.0.2.80', length: 4 });
    expect(findAll(r.tree, 'dns.resp.type').map((n) => n.value)).toEqual([5, 1, 41]);
    expect(findAll(r.tree, 'dns.rr.udp_payload_size')[0]?.value).toBe(1232);
    expect(r.facts).toMatchObject({ protocol: 'DNS', dnsId: 21278, dnsResponse: true });
  });
  it('exposes the query id and EDNS options, over UDP and TCP', () => {
    const r = dissect(QUERY, 0, true);
    expect(r.facts).toMatchObject({ protocol: 'DNS', dnsId: 41128, dnsResponse: false });
    expect(findAll(r.tree, 'dns.opt.code')[0]?.value).toBe(10);
    expect(dissect(TCP_RESPONSE, 0, true).facts).toMatchObject({ dnsId: 50662, dnsResponse: true });
  });
  it('marks a record cut by the capture as truncated', () => {
    const r = dissect(CNAME_RESPONSE.subarray(0, 14 + 28 + 60), 0, true, CNAME_RESPONSE.length);
    const dns = findAll(r.tree, 'dns')[0];
    const flat: FieldNode[] = [];
    const walk = (n: FieldNode): void => {
      flat.push(n);
      n.children?.forEach(walk);
    };
    if (dns) walk(dns);
    expect(flat.some((n) => n.truncated)).toBe(true);
  });
});

describe('DNS never throws', () => {
  for (const [name, data] of Object.entries(FIXTURES)) {
    it(`${name} cut at every length, at every verbosity, with a tree`, () => {
      for (let n = 0; n <= data.length; n++) {
        for (const v of [0, 1, 2, 3]) {
          const cut = data.subarray(0, n);
          expect(() => dissect(cut, v, true, data.length)).not.toThrow();
          expect(dissect(cut, v, false, data.length).experts.some((e) => e.message.includes('dissector error'))).toBe(false);
        }
      }
    });
  }
  it('random DNS payloads', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 3 }), (bytes, v) => {
        const r = dissect(udpFrame(bytes), v, true);
        return !r.experts.some((e) => e.message.includes('dissector error'));
      }),
      { numRuns: 2000 },
    );
  });
  it('real messages with random bytes overwritten', () => {
    const base = CNAME_RESPONSE;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 42, max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
        const data = base.slice();
        for (const [o, b] of edits) data[o] = b;
        for (const v of [0, 2, 3]) {
          const r = dissect(data, v, true);
          if (r.experts.some((e) => e.message.includes('dissector error'))) return false;
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});
