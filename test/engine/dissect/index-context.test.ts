// The dissectors' index mode (Dissector.index through IndexContext): it fills the same
// numbers the capture index always kept, never throws on a frame cut at any length or on
// random bytes behind any link type's headers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexContext } from '../../../electron/engine/dissect/index-context.js';
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL, LINKTYPE_RAW } from '../../../electron/capfile/linktypes.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { IP4_SYN, IP6_SYN } from '../protocols/ip-packets.support.js';
import { hex } from '../protocols/link-transport.support.js';
import { SYN } from '../protocols/tcp-conversation.support.js';

const registry = createRegistry();

/** Runs the link type's index mode without IndexContext.frame's safety net, so a throw fails the test. */
function indexStrict(ctx: IndexContext, data: Uint8Array, linktype: number): void {
  ctx.index.reset();
  ctx.data = data;
  ctx.end = data.length;
  registry.lookup('linktype', linktype)?.index?.(ctx, 0, data.length);
}

const ETH_IP4 = hex('020000000002020000000001' + '0800');
const ETH_IP6 = hex('020000000002020000000001' + '86dd');
const join = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

// A DNS query over UDP 53 and a DHCP discover over UDP 68 -> 67 (Ethernet, IPv4); tcpdump -n:
// IP 192.0.2.1.40000 > 192.0.2.2.53: 2748+ A? example.com. (29)
// IP 0.0.0.0.68 > 255.255.255.255.67: BOOTP/DHCP, Request from 02:00:00:00:00:01, length 244
const DNS = hex('020000000002020000000001080045000039000100004011f6afc0000201c00002029c400035002505010abc01000001000000000000076578616d706c6503636f6d0000010001');
const DHCP = hex(
  'ffffffffffff02000000000108004500011000010000401179dd00000000ffffffff0044004300fcf4530101060000001234' + '0'.repeat(40) + '020000000001' + '0'.repeat(404) + '63825363350101ff',
);
const ARP = hex('ffffffffffff020000000001080600010800060400010200000000010a0000010000000000000a000002');

/** Frames of every link type the index mode reads, each in the shape the dissectors expect. */
const FRAMES: readonly (readonly [string, number, Uint8Array])[] = [
  ['ethernet tcp', LINKTYPE_ETHERNET, SYN],
  ['ethernet ipv6 tcp', LINKTYPE_ETHERNET, join(ETH_IP6, IP6_SYN)],
  ['ethernet vlan ipv4 tcp', LINKTYPE_ETHERNET, join(hex('020000000002020000000001' + '8100' + '0064' + '0800'), IP4_SYN)],
  ['ethernet dhcp', LINKTYPE_ETHERNET, DHCP],
  ['ethernet dns', LINKTYPE_ETHERNET, DNS],
  ['ethernet arp', LINKTYPE_ETHERNET, ARP],
  ['sll ipv4 tcp', LINKTYPE_LINUX_SLL, join(hex('00000001000602000000000100000800'), IP4_SYN)],
  ['sll2 ipv6 tcp', LINKTYPE_LINUX_SLL2, join(hex('86dd0000000000020001000602000000000100'.padEnd(40, '0')), IP6_SYN)],
  ['null ipv4 tcp', LINKTYPE_NULL, join(hex('02000000'), IP4_SYN)],
  ['loop ipv6 tcp', LINKTYPE_LOOP, join(hex('0000001e'), IP6_SYN)],
  ['raw ipv4 tcp', LINKTYPE_RAW, IP4_SYN],
];

describe('index mode', () => {
  it('keeps what the hand-written extractor kept: a TCP SYN over Ethernet', () => {
    const ctx = new IndexContext(registry);
    ctx.frame(SYN, LINKTYPE_ETHERNET);
    const ix = ctx.index;
    expect([ix.etherType, ix.ipVersion, ix.ipProto, ix.sport, ix.dport, ix.seq, ix.tcpFlags, ix.mss, ix.wscale, ix.sackPermitted]).toEqual([0x0800, 4, 6, 56368, 80, 2752494994, 0x02, 1460, 10, true]);
    expect(ix.src4).toBe(0xc000020a);
  });

  it('reads DNS, DHCP and ARP the flows need', () => {
    const ctx = new IndexContext(registry);
    ctx.frame(DNS, LINKTYPE_ETHERNET);
    expect([ctx.index.dnsId, ctx.index.dnsQr, ctx.index.dnsRcode]).toEqual([0x0abc, 0, 0]);
    ctx.frame(DHCP, LINKTYPE_ETHERNET);
    expect([ctx.index.dhcpOp, ctx.index.dhcpXid, ctx.index.dhcpMsgType]).toEqual([1, 0x1234, 1]);
    ctx.frame(ARP, LINKTYPE_ETHERNET);
    expect([ctx.index.arpOp, ctx.index.arpSender, ctx.index.arpTarget]).toEqual([1, 0x0a000001, 0x0a000002]);
  });

  it.each(FRAMES)('%s: reaches its network layer, and never throws when cut at any length', (_name, linktype, frame) => {
    const ctx = new IndexContext(registry);
    indexStrict(ctx, frame, linktype);
    expect(ctx.index.ipVersion || ctx.index.arpOp).toBeGreaterThan(0);
    for (let n = 0; n < frame.length; n++) indexStrict(ctx, frame.subarray(0, n), linktype);
  });

  it('a packet inside a larger buffer (the reader\'s chunk) is indexed as the packet alone', () => {
    for (const [name, linktype, frame] of FRAMES) {
      const alone = new IndexContext(registry);
      alone.frame(frame, linktype);
      for (let n = 0; n <= frame.length; n++) {
        // The cut packet at offset 5 of a buffer that goes on with the rest of the frame.
        const buf = join(hex('ffffffffff'), frame);
        const inBuf = new IndexContext(registry);
        inBuf.frameAt(buf, 5, n, linktype);
        const cut = new IndexContext(registry);
        cut.frame(frame.slice(0, n), linktype);
        const shifted = { ...inBuf.index, srcOffset: inBuf.index.srcOffset - (inBuf.index.srcOffset >= 0 ? 5 : 0), dstOffset: inBuf.index.dstOffset - (inBuf.index.dstOffset >= 0 ? 5 : 0), payloadOffset: inBuf.index.payloadOffset - (inBuf.index.payloadOffset > 0 ? 5 : 0), dhcpChaddrOffset: inBuf.index.dhcpChaddrOffset - (inBuf.index.dhcpChaddrOffset >= 0 ? 5 : 0) };
        expect(shifted, `${name} cut at ${n}`).toEqual({ ...cut.index });
      }
      expect(alone.index.ipVersion || alone.index.arpOp, name).toBeGreaterThan(0);
    }
  });

  it('never throws on random bytes behind the headers of each link type', () => {
    const ctx = new IndexContext(registry);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FRAMES.length - 1 }), fc.integer({ min: 0, max: 80 }), fc.uint8Array({ maxLength: 200 }), (k, keep, tail) => {
        const [, linktype, frame] = FRAMES[k]!;
        indexStrict(ctx, join(frame.subarray(0, keep), tail), linktype);
      }),
      { numRuns: 2000 },
    );
  });
});
