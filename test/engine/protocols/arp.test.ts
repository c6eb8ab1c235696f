// ARP/RARP (print-arp.c) on real frames, tcpdump 4.99.3's truncation forms and random bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutEverywhere, dissect, expectCuts, expectNoDissectorError, findField, hex, line } from './arp-icmp-bootp.support.js';

// scenarios/arp-request-reply.pcap frame 1
// ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28
//  0x0000:  ffff ffff ffff 0200 000a 0010 0806 0001  ................
//  0x0010:  0800 0604 0001 0200 000a 0010 c000 020a  ................
//  0x0020:  0000 0000 0000 c000 0214                 ..........
const ARP_REQUEST = 'ffffffffffff0200000a0010080600010800060400010200000a0010c000020a000000000000c0000214';
// frame 2: ARP, Reply 192.0.2.20 is-at 02:00:00:0a:00:20, length 28
//  0x0000:  0200 000a 0010 0200 000a 0020 0806 0001  ................
//  0x0010:  0800 0604 0002 0200 000a 0020 c000 0214  ................
//  0x0020:  0200 000a 0010 c000 020a                 ..........
const ARP_REPLY = '0200000a00100200000a0020080600010800060400020200000a0020c00002140200000a0010c000020a';
// frame 9 (arping -U, padded to 60 bytes):
// ARP, Request who-has 192.0.2.20 (ff:ff:ff:ff:ff:ff) tell 192.0.2.20, length 44
//  0x0000:  ffff ffff ffff 0200 000a 0020 0806 0001  ................
//  0x0010:  0800 0604 0001 0200 000a 0020 c000 0214  ................
//  0x0020:  ffff ffff ffff c000 0214 0000 0000 0000  ................
//  0x0030:  0000 0000 0000 0000 0000                 ..........
const ARP_GRATUITOUS = 'ffffffffffff0200000a0020080600010800060400010200000a0020c0000214ffffffffffffc000021400000000000000000000000000000000';
// pcapng-suite/libpcap/rarp_req_reply.pcapng frames 1 and 2
// ARP, Reverse Request who-is 00:0c:29:34:0b:de tell 00:0c:29:34:0b:de, length 28
//  0x0000:  ffff ffff ffff 000c 2934 0bde 8035 0001  ........)4...5..
//  0x0010:  0800 0604 0003 000c 2934 0bde 0000 0000  ........)4......
//  0x0020:  000c 2934 0bde 0000 0000                 ..)4......
const RARP_REQUEST = 'ffffffffffff000c29340bde80350001080006040003000c29340bde00000000000c29340bde00000000';
// ARP, Reverse Reply 00:0c:29:34:0b:de at 10.1.1.100, length 28
//  0x0000:  000c 2934 0bde 000c 29c5 f69b 8035 0001  ..)4....)....5..
//  0x0010:  0800 0604 0004 000c 29c5 f69b 0a01 010a  ........).......
//  0x0020:  000c 2934 0bde 0a01 0164                 ..)4.....d
const RARP_REPLY = '000c29340bde000c29c5f69b80350001080006040004000c29c5f69b0a01010a000c29340bde0a010164';
// tcpdump-suite/arp-too-long-tha.pcap: 64 of 262144 bytes captured, QinQ tag, hln 14
//  0x0000:  3030 3030 3030 3030 3030 3030 88a8 3030  000000000000..00
//  0x0010:  0806 3030 0800 0e04 0001 3030 3030 3030  ..00......000000
//  0x0020:  3030 3030 3030 3030 3030 3030 3030 3030  0000000000000000
//  0x0030:  3030 3030 3030 3030 3030 3030 3030 3030  0000000000000000
const ARP_TOO_LONG_THA = '30303030303030303030303088a830300806303008000e0400013030303030303030303030303030303030303030303030303030303030303030303030303030';

const ETH_BCAST = 'ffffffffffff0200000a00100806';
/** An ARP body after ETH_BCAST: Ethernet/IPv4 request 192.0.2.10 -> 192.0.2.20 with a given op. */
const body = (op: string): string => `000108000604000${op}0200000a0010c000020a000000000000c0000214`;

describe('ARP summary line (tcpdump -n)', () => {
  it('prints request, reply and the padded-frame length', () => {
    expect(line(ARP_REQUEST)).toBe('ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28');
    expect(line(ARP_REPLY)).toBe('ARP, Reply 192.0.2.20 is-at 02:00:00:0a:00:20, length 28');
    expect(line(ARP_GRATUITOUS)).toBe('ARP, Request who-has 192.0.2.20 (ff:ff:ff:ff:ff:ff) tell 192.0.2.20, length 44');
  });

  it('prints RARP', () => {
    expect(line(RARP_REQUEST)).toBe('ARP, Reverse Request who-is 00:0c:29:34:0b:de tell 00:0c:29:34:0b:de, length 28');
    expect(line(RARP_REPLY)).toBe('ARP, Reverse Reply 00:0c:29:34:0b:de at 10.1.1.100, length 28');
    expect(line(RARP_REPLY, { verbose: 1 })).toBe('ARP, Ethernet (len 6), IPv4 (len 4), Reverse Reply 00:0c:29:34:0b:de at 10.1.1.100, length 28');
  });

  it('prints the -v and -e forms', () => {
    expect(line(ARP_REQUEST, { verbose: 1 })).toBe('ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 192.0.2.20 tell 192.0.2.10, length 28');
    expect(line(ARP_REPLY, { eflag: true })).toBe(
      '02:00:00:0a:00:20 > 02:00:00:0a:00:10, ethertype ARP (0x0806), length 42: Reply 192.0.2.20 is-at 02:00:00:0a:00:20, length 28',
    );
    expect(line(ARP_REQUEST, { eflag: true, verbose: 1 })).toBe(
      '02:00:00:0a:00:10 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Ethernet (len 6), IPv4 (len 4), Request who-has 192.0.2.20 tell 192.0.2.10, length 28',
    );
  });

  it('prints a 14-byte target hardware address (arp-too-long-tha)', () => {
    const r = dissect(hex(ARP_TOO_LONG_THA), { verbose: 1 }, false, 262144);
    expect(r.line).toBe(
      'ARP, Unknown Hardware (12336) (len 14), IPv4 (len 4), Request who-has 48.48.48.48 (30:30:30:30:30:30:30:30:30:30:30:30:30:30) tell 48.48.48.48, length 262126',
    );
  });

  // Expected lines from tcpdump 4.99.3 on these hand-made frames.
  it.each([
    ['5', '', 'ARP, Unknown (5) \n\t0x0000:  0001 0800 0604 0005 0200 000a 0010 c000  ................\n\t0x0010:  020a 0000 0000 0000 c000 0214            ............'],
    ['8', '', 'ARP, Inverse Request who-is 00:00:00:00:00:00 tell 02:00:00:0a:00:10, length 28'],
    ['9', '', 'ARP, Inverse Reply 02:00:00:0a:00:10 at 192.0.2.10, length 28'],
  ])('op %s', (op, _x, want) => {
    expect(line(ETH_BCAST + body(op))).toBe(want);
  });

  it('prints the header only for unusual hardware/protocol formats', () => {
    expect(line(`${ETH_BCAST}0001080000040001c000020ac0000214`)).toBe('ARP, Ethernet (len 0), IPv4 (len 4), length 16');
    expect(line(`${ETH_BCAST}0001080000040001c000020ac0000214`, { verbose: 1 })).toBe(
      'ARP, Ethernet (len 0), IPv4 (len 4), Request who-has 192.0.2.20 tell 192.0.2.10, length 16',
    );
    expect(line(`${ETH_BCAST}0001086006040002${'0200000a0010c000020a000000000000c0000214'}`, { verbose: 1 })).toBe(
      'ARP, Ethernet (len 6), Unknown Protocol (0x0860) (len 4), Reply <wrong proto type> is-at 02:00:00:0a:00:10, length 28',
    );
    // Frame Relay hardware addresses print as Q.922 DLCIs.
    expect(line(`${ETH_BCAST}000f08000204000218410a0a0a0a18510a0a0a0b`)).toBe('ARP, Reply 10.10.10.10 is-at DLCI 100, length 20');
    expect(line(`${ETH_BCAST}000f08000204000118410a0a0a0a18510a0a0a0b`, { verbose: 1 })).toBe(
      'ARP, FrameRelay (len 2), IPv4 (len 4), Request who-has 10.10.10.11 (DLCI 101) tell 10.10.10.10, length 20',
    );
  });

  it('prints ATM ARP (RFC 2225)', () => {
    const atm = (op: string): string => `${ETH_BCAST}00130800010000${op}0400000402044700000001c000020a4700000002c0000214`;
    expect(line(atm('01'))).toBe('ARP, Request who-has 0.1.192.0 tell 4.71.0.0, length 32');
    expect(line(atm('01'), { verbose: 1 })).toBe('ARP, ATM, IPv4 (len 4/4), Request who-has 0.1.192.0 tell 4.71.0.0, length 32');
    expect(line(atm('09'))).toBe('ARP, Inverse Reply 02at 4.71.0.0, length 32');
    expect(line(atm('0a'))).toBe('ARP, NACK Reply for 4.71.0.0, length 32');
  });

  it('ends cut frames with [|arp] exactly where tcpdump does', () => {
    expectCuts(hex(ARP_REQUEST), {}, [
      [1, ' [|ether]'],
      [14, ' [|arp]'],
      [42, 'ARP, Request who-has 192.0.2.20 tell 192.0.2.10, length 28'],
    ]);
    expectCuts(hex(ARP_REQUEST), { eflag: true }, [
      [14, '02:00:00:0a:00:10 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42:  [|arp]'],
      [42, '02:00:00:0a:00:10 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.0.2.20 tell 192.0.2.10, length 28'],
    ]);
  });
});

describe('ARP tree and facts', () => {
  it('builds Wireshark fields and flow facts', () => {
    const r = dissect(hex(ARP_REPLY), {}, true);
    const t = r.tree!;
    expect(findField(t, 'arp.opcode')?.value).toBe(2);
    expect(findField(t, 'arp.src.hw_mac')).toMatchObject({ value: '02:00:00:0a:00:20', offset: 22, length: 6 });
    expect(findField(t, 'arp.src.proto_ipv4')).toMatchObject({ value: '192.0.2.20', offset: 28, length: 4 });
    expect(findField(t, 'arp.dst.hw_mac')?.value).toBe('02:00:00:0a:00:10');
    expect(findField(t, 'arp.dst.proto_ipv4')?.value).toBe('192.0.2.10');
    expect(r.facts.protocol).toBe('ARP');
    expect(r.facts.arp).toEqual({ op: 2, senderMac: '02:00:00:0a:00:20', senderIp: '192.0.2.20', targetMac: '02:00:00:0a:00:10', targetIp: '192.0.2.10' });
  });

  it('names RARP and marks gratuitous requests', () => {
    expect(dissect(hex(RARP_REQUEST)).facts.protocol).toBe('RARP');
    const g = dissect(hex(ARP_GRATUITOUS), {}, true);
    expect(findField(g.tree!, 'arp.isgratuitous')?.value).toBe(true);
  });
});

describe('ARP robustness', () => {
  it('never fails on any cut of the fixtures', () => {
    for (const h of [ARP_REQUEST, ARP_REPLY, ARP_GRATUITOUS, RARP_REQUEST, RARP_REPLY, ARP_TOO_LONG_THA]) cutEverywhere(hex(h));
  });

  it('never fails on random ARP bodies', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (b, verbose, eflag) => {
        const frame = new Uint8Array(14 + b.length);
        frame.set(hex(ETH_BCAST));
        frame.set(b, 14);
        expectNoDissectorError(dissect(frame, { verbose, eflag }, true));
      }),
      { numRuns: 500 },
    );
  });
});
