// The Internet checksum helpers (format/checksum.ts): RFC 1071's worked example, real headers
// and segments of the corpus (which verify to 0), tcpdump's in_cksum_shouldbe values from the
// corpus references, and the TCP/UDP pseudo-header for IPv4 and IPv6.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumShouldBe, internetChecksum, onesSum, pseudoHeaderSum } from '../../../electron/engine/format/checksum.js';
import { GET, SYN } from '../protocols/tcp-conversation.support.js';
import { hex } from '../protocols/link-transport.support.js';

// scenarios/udp-exchange.pcap frame 25 without its Ethernet header (the frame's dump is in
// udp.test.ts): IPv6 header, then a 208-byte UDP datagram with checksum 0x05c3.
const UDP6 = hex(
  '600322b700d0114020010db8000a00000000000000000010' +
  '20010db8000a000000000000000000209c719c4100d005c3' +
  '75647020646174616772616d20303030303020' +
  '2e'.repeat(181),
);

describe('onesSum and internetChecksum', () => {
  it('follow the RFC 1071 example (00 01 f2 03 f4 f5 f6 f7 sums to ddf2)', () => {
    const d = hex('0001f203f4f5f6f7');
    expect(onesSum(d, 0, 8)).toBe(0xddf2);
    expect(internetChecksum(d, 0, 8)).toBe(0x220d);
  });

  it('pad an odd length with a zero byte and continue from an initial sum', () => {
    expect(onesSum(hex('0102ab'), 0, 3)).toBe(0x0102 + 0xab00);
    expect(onesSum(hex('0102ab'), 1, 2)).toBe(0x02ab);
    expect(onesSum(hex('ffff'), 0, 2, 0xffff)).toBe(0xffff);
    expect(onesSum(hex('8000'), 0, 2, 0x8000)).toBe(0x0001);
    expect(onesSum(hex(''), 0, 0)).toBe(0);
  });

  it('verify real IPv4 headers and TCP segments to 0', () => {
    for (const f of [SYN, GET]) {
      expect(internetChecksum(f, 14, 20)).toBe(0);
      const tcpLen = f.length - 34;
      expect(internetChecksum(f, 34, tcpLen, pseudoHeaderSum(f.subarray(26, 30), f.subarray(30, 34), 6, tcpLen))).toBe(0);
    }
  });

  it('verify a real IPv6 UDP datagram to 0 with the IPv6 pseudo-header', () => {
    const len = UDP6.length - 40;
    expect(len).toBe(208);
    expect(internetChecksum(UDP6, 40, len, pseudoHeaderSum(UDP6.subarray(8, 24), UDP6.subarray(24, 40), 17, len))).toBe(0);
  });

  it('give 0 once the computed checksum is written into any buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 64 }), (d) => {
        const b = new Uint8Array(d.length + 2);
        b.set(d, 2);
        const s = internetChecksum(b, 0, b.length);
        b[0] = s >> 8;
        b[1] = s & 0xff;
        expect(internetChecksum(b, 0, b.length)).toBe(0);
      }),
    );
  });
});

describe('checksumShouldBe (tcpdump in_cksum_shouldbe)', () => {
  it('gives the values tcpdump prints in the corpus references', () => {
    // fuzzed IPComp frame: "bad cksum 80ed (->8087)!"
    const ipcomp = hex('4500003435b84000406c80edc0000214c000020a');
    expect(checksumShouldBe(0x80ed, internetChecksum(ipcomp, 0, 20))).toBe(0x8087);
    // heapoverflow-tcp_print / tcp-auth-heapoverflow: "bad cksum 3030 (->29a8)!"
    const zeros = hex('4530303030304000300630303030303030303030');
    expect(checksumShouldBe(0x3030, internetChecksum(zeros, 0, 20))).toBe(0x29a8);
    // a correct field: what it should be is itself
    expect(checksumShouldBe(0x0dd4, internetChecksum(SYN, 14, 20))).toBe(0x0dd4);
  });

  it('is the value that makes the sum verify', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (h) => {
        const b = new Uint8Array(h);
        const field = (b[10]! << 8) | b[11]!;
        const should = checksumShouldBe(field, internetChecksum(b, 0, 20));
        b[10] = should >> 8;
        b[11] = should & 0xff;
        const again = internetChecksum(b, 0, 20);
        // +0 and -0 are the same value in one's complement.
        expect(again === 0 || again === 0xffff).toBe(true);
      }),
    );
  });
});

describe('pseudoHeaderSum', () => {
  it('folds addresses, protocol and length for IPv4', () => {
    const s = hex('c000020a');
    const d = hex('c0000214');
    expect(pseudoHeaderSum(s, d, 6, 40)).toBe(onesSum(hex('c000020ac00002140006 0028'.replace(/\s/g, '')), 0, 12));
  });

  it('uses a 32-bit length for IPv6', () => {
    const s = UDP6.subarray(8, 24);
    const d = UDP6.subarray(24, 40);
    const manual = onesSum(hex(`${Buffer.from(s).toString('hex')}${Buffer.from(d).toString('hex')}000000d000000011`), 0, 40);
    expect(pseudoHeaderSum(s, d, 17, 208)).toBe(manual);
    expect(pseudoHeaderSum(s, d, 17, 0x10001)).toBe(onesSum(hex(`${Buffer.from(s).toString('hex')}${Buffer.from(d).toString('hex')}0001000100000011`), 0, 40));
  });
});
