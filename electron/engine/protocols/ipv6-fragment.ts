// IPv6 Fragment header (RFC 8200 section 4.5). Not a dissector: a helper of ipv6.ts,
// printing like tcpdump 4.99's print-frag6.c (frag6_print).
import type { DissectContext } from '../dissect/dissect-context.js';
import { bitPattern } from '../dissect/field-decl.js';
import { wsIpProtoName } from '../format/ws-ipprotos.js';

const IP6F_OFF_MASK = 0xfff8;
const FRAG_HDR_LEN = 8;

/**
 * frag6_print: `frag (OFFSET|LEN) ` (`frag (0xIDENT:OFFSET|LEN)` at -v). LEN is what is
 * left of the IPv6 payload after this header, computed in size_t like tcpdump, so a
 * header beyond the payload length prints a 64-bit wrapped value. Returns 8 for a first
 * fragment (the payload may be decoded) and -1 for a later one.
 */
export function fragmentHeader(ctx: DissectContext, bp: number, ip6: number): number {
  const f = ctx.frame;
  ctx.protocol = 'frag6';
  const ident = ctx.opts.verbose ? f.be32(bp + 4) : 0;
  const offlg = f.be16(bp + 2);
  const plen = f.be16(ip6 + 4);
  const off = offlg & IP6F_OFF_MASK;
  // sizeof(ip6_hdr) + plen - (bp - ip6) - sizeof(ip6_frag), as an unsigned 64-bit value.
  const left = 40 + plen - (bp - ip6) - FRAG_HDR_LEN;
  const leftText = left >= 0 ? String(left) : (BigInt.asUintN(64, BigInt(left))).toString();
  ctx.print(ctx.opts.verbose ? `frag (0x${ident.toString(16).padStart(8, '0')}:${off}|${leftText})` : `frag (${off}|${leftText})`);
  const t = ctx.tree;
  if (t && f.has(bp, FRAG_HDR_LEN)) {
    t.open('ipv6.fraghdr', 'Fragment Header for IPv6', bp, FRAG_HDR_LEN);
    t.add('ipv6.fraghdr.nxt', `Next header: ${wsIpProtoName(f.u8(bp))} (${f.u8(bp)})`, bp, 1, f.u8(bp));
    t.add('ipv6.fraghdr.reserved_octet', `Reserved octet: 0x${f.u8(bp + 1).toString(16).padStart(2, '0')}`, bp + 1, 1, f.u8(bp + 1));
    t.add('ipv6.fraghdr.offset', `${bitPattern(IP6F_OFF_MASK, off >> 3, 2)} = Offset: ${off >> 3} (${off} bytes)`, bp + 2, 2, off >> 3);
    t.add('ipv6.fraghdr.reserved_bits', `${bitPattern(0x6, (offlg >> 1) & 3, 2)} = Reserved bits: ${(offlg >> 1) & 3}`, bp + 2, 2, (offlg >> 1) & 3);
    t.add('ipv6.fraghdr.more', `${bitPattern(1, offlg & 1, 2)} = More Fragments: ${offlg & 1 ? 'Yes' : 'No'}`, bp + 2, 2, (offlg & 1) === 1);
    t.add('ipv6.fraghdr.ident', `Identification: 0x${f.be32(bp + 4).toString(16).padStart(8, '0')}`, bp + 4, 4, f.be32(bp + 4));
    t.close();
  }
  // A later fragment cannot be decoded without reassembly.
  if (off !== 0) return -1;
  ctx.print(' ');
  return FRAG_HDR_LEN;
}
