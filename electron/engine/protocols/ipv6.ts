// IPv6 (RFC 8200) with its extension-header chain: Hop-by-Hop and Destination Options,
// Routing, Fragment. Printing follows tcpdump 4.99's ip6_print (print-ip6.c), including
// its Jumbo Payload (RFC 2675) length handling and its odd-length arithmetic.
import { be16, be32 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldNode } from '../dissect/field-node.js';
import type { IndexContext } from '../dissect/index-context.js';
import { ipDemux } from '../dissect/ip-demux.js';
import type { NetworkLayer } from '../dissect/layer-info.js';
import { bitPattern } from '../dissect/field-decl.js';
import { ipv6String } from '../format/addresses.js';
import { dscpNames, ECN_NAMES } from '../format/dscp.js';
import { wsIpProtoName } from '../format/ws-ipprotos.js';
import {
  IPPROTO_DCCP,
  IPPROTO_DSTOPTS,
  IPPROTO_ETHERNET,
  IPPROTO_FRAGMENT,
  IPPROTO_HOPOPTS,
  IPPROTO_ICMP,
  IPPROTO_IGMP,
  IPPROTO_MOBILITY,
  IPPROTO_MOBILITY_OLD,
  IPPROTO_ROUTING,
  IPPROTO_SCTP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ipProtoName,
} from '../format/ipprotos.js';
import { fragmentHeader } from './ipv6-fragment.js';
import { destinationOptions, hopByHop, type JumboState } from './ipv6-options.js';
import { mobilityHeader } from './ipv6-mobility.js';
import { routingHeader } from './ipv6-routing.js';
import { IPV6_FIELDS } from './ipv6-fields.js';

const HDR_LEN = 40;
const FRAG_HDR_LEN = 8;
/** Jumbo Payload option (RFC 2675). */
const IP6OPT_JUMBO = 0xc2;
const IP6OPT_PAD1 = 0;

/** Transports that print the addresses themselves (`src.port > dst.port`). */
function printsOwnAddresses(nh: number): boolean {
  return nh === IPPROTO_TCP || nh === IPPROTO_UDP || nh === IPPROTO_DCCP || nh === IPPROTO_SCTP;
}

export const ipv6: Dissector = {
  name: 'ip6',
  fields: IPV6_FIELDS,
  index: indexIpv6,
  dissect(ctx: DissectContext, offset: number, length: number): void {
    const f = ctx.frame;
    f.check(offset, HDR_LEN);
    if (length < HDR_LEN) {
      ctx.print(`truncated-ip6 ${length}`);
      ctx.markMalformed(`IPv6 length ${length} < ${HDR_LEN}`, offset, HDR_LEN);
      return;
    }
    if (!ctx.opts.eflag) ctx.print('IP6 ');
    const vtf = f.be32(offset);
    const version = vtf >>> 28;
    const t = ctx.tree;
    if (version !== 6) {
      ctx.print(`version error: ${version} != 6`);
      t?.add('ipv6.version', `0110 .... = Version: ${version} [Bogus IP version]`, offset, 1, version);
      ctx.markMalformed(`bogus IP version ${version}`, offset, 1);
      return;
    }
    let payloadLen = f.be16(offset + 4);
    // A zero payload length announces a Jumbo Payload option: until one is found, the
    // IPv6 length is what the layer below gives (plus the header, as tcpdump computes it).
    let len: number;
    if (payloadLen !== 0) {
      len = payloadLen + HDR_LEN;
      if (length < len) ctx.print(`truncated-ip6 - ${len - length} bytes missing!`);
    } else len = length + HDR_LEN;
    let nh = f.u8(offset + 6);
    const hlim = f.u8(offset + 7);
    if (ctx.opts.verbose) {
      let s = '(';
      if (vtf & 0x0ff00000) s += `class 0x${((vtf & 0x0ff00000) >>> 20).toString(16).padStart(2, '0')}, `;
      if (vtf & 0x000fffff) s += `flowlabel 0x${(vtf & 0x000fffff).toString(16).padStart(5, '0')}, `;
      ctx.print(`${s}hlim ${hlim}, next-header ${ipProtoName(nh)} (${nh}) payload length: ${payloadLen}) `);
    }
    const srcBytes = f.bytes(offset + 8, 16);
    const dstBytes = f.bytes(offset + 24, 16);
    const src = ipv6String(f.data, offset + 8);
    const dst = ipv6String(f.data, offset + 24);
    ctx.facts.src = src;
    ctx.facts.dst = dst;
    ctx.facts.protocol = 'IPv6';
    const layer = (proto: number, payloadLength: number, fragmented: boolean): NetworkLayer => ({
      version: 6,
      offset,
      src,
      dst,
      srcBytes,
      dstBytes,
      proto,
      ttl: hlim,
      fragmented,
      payloadLength,
    });
    // The outermost IP layer, refined below once the chain is walked.
    const outermost = ctx.facts.ip === null;
    if (outermost) ctx.facts.ip = layer(nh, payloadLen, false);
    const depth = t ? t.depth : 0;
    const ipNode = t ? headerTree(ctx, offset, vtf, payloadLen, nh, hlim, src, dst) : null;
    // Wireshark's ipv6 node spans the extension headers it contains.
    const spanTo = (end: number): void => {
      if (ipNode) (ipNode as { length: number }).length = Math.max(HDR_LEN, Math.min(end, ctx.frame.data.length) - offset);
    };

    f.pushEnd(offset + len);
    try {
      let cp = offset;
      let advance = HDR_LEN;
      let totalAdvance = 0;
      let foundExt = false;
      let foundHbh = false;
      let fragmented = false;
      let ph = 255; // next header seen after the previous extension header (255: none yet)
      const jumbo: JumboState = { found: false, payloadLen };
      while (cp < f.snapend && advance > 0) {
        if (len < advance) {
          ctx.printTrunc();
          return;
        }
        cp += advance;
        len -= advance;
        totalAdvance += advance;
        if (cp === offset + HDR_LEN && !printsOwnAddresses(nh)) ctx.print(`${src} > ${dst}: `);
        switch (nh) {
          case IPPROTO_HOPOPTS:
            // RFC 8200: at most one Hop-by-Hop header, and only right after the IPv6 header.
            if (foundHbh) {
              ctx.print('[The Hop-by-Hop Options header was already found]');
              ctx.printInvalid();
              return;
            }
            if (ph !== 255) {
              ctx.print("[The Hop-by-Hop Options header don't follow the IPv6 header]");
              ctx.printInvalid();
              return;
            }
            advance = hopByHop(ctx, cp, jumbo);
            if (jumbo.payloadLen === 0 && !jumbo.found) {
              ctx.print('[No valid Jumbo Payload Hop-by-Hop option found]');
              ctx.printInvalid();
              return;
            }
            if (advance < 0) return;
            foundExt = foundHbh = true;
            nh = f.u8(cp);
            break;
          case IPPROTO_DSTOPTS:
            advance = destinationOptions(ctx, cp);
            if (advance < 0) return;
            foundExt = true;
            nh = f.u8(cp);
            break;
          case IPPROTO_FRAGMENT:
            advance = fragmentHeader(ctx, cp, offset);
            fragmented = true;
            if (outermost) ctx.facts.ip = layer(nh, payloadLen, true);
            if (advance < 0 || f.snapend <= cp + advance) return;
            foundExt = true;
            nh = f.u8(cp);
            break;
          case IPPROTO_MOBILITY_OLD:
          case IPPROTO_MOBILITY:
            // The chain ends here: RFC 6275 expects no payload after a Mobility header.
            mobilityHeader(ctx, cp);
            return;
          case IPPROTO_ROUTING:
            f.check(cp, 1);
            advance = routingHeader(ctx, cp);
            if (advance < 0) return;
            foundExt = true;
            nh = f.u8(cp);
            break;
          default: {
            // Not an extension header: hand the payload to the upper layer.
            if (jumbo.found) {
              len = (jumbo.payloadLen + HDR_LEN) >>> 0;
              if (len < totalAdvance) {
                ctx.printTrunc();
                return;
              }
              if (length < len) ctx.print(`truncated-ip6 - ${len - length} bytes missing!`);
              f.popEnd();
              f.pushEnd(offset + len);
              len -= totalAdvance;
            } else if (jumbo.payloadLen === 0) {
              // No payload to contain an extension header.
              if (foundExt) {
                ctx.printTrunc();
                return;
              }
              len = HDR_LEN;
              f.popEnd();
              f.pushEnd(offset + len);
              len -= totalAdvance;
            }
            spanTo(cp);
            t?.closeTo(depth);
            const here = layer(nh, len, fragmented);
            if (outermost) ctx.facts.ip = here;
            demux(ctx, here, nh, cp, len);
            return;
          }
        }
        ph = nh;
        ctx.protocol = 'ip6';
      }
    } finally {
      f.popEnd();
      t?.closeTo(depth);
    }
  },
};

/** ip_demux_print for an IPv6 payload, with ctx.ip set to this layer for the upper printer. */
function demux(ctx: DissectContext, here: NetworkLayer, nh: number, cp: number, len: number): void {
  const saved = ctx.ip;
  ctx.ip = here;
  try {
    if (nh === IPPROTO_ICMP || nh === IPPROTO_IGMP) {
      ctx.print(`[${ipProtoName(nh)} requires IPv4]`);
      ctx.printInvalid();
    } else if (nh === IPPROTO_ETHERNET) {
      if (!ctx.run('ether', cp, len)) ctx.print(` ip-proto-${nh} ${len}`);
    } else {
      // Without a DCCP/SCTP printer nobody prints the addresses tcpdump's printer would.
      if (printsOwnAddresses(nh) && !ctx.registry.lookup('ipproto', nh)) ctx.print(`${here.src} > ${here.dst}: `);
      ipDemux(ctx, nh, cp, len);
    }
  } finally {
    ctx.ip = saved;
  }
}

function headerTree(ctx: DissectContext, o: number, vtf: number, plen: number, nh: number, hlim: number, src: string, dst: string): FieldNode {
  const t = ctx.tree!;
  const tclass = (vtf >>> 20) & 0xff;
  const flow = vtf & 0xfffff;
  const node = t.open('ipv6', `Internet Protocol Version 6, Src: ${src}, Dst: ${dst}`, o, HDR_LEN);
  t.add('ipv6.version', `0110 .... = Version: 6`, o, 1, 6);
  // Wireshark also puts a hidden ip.version in the IPv6 header, so that ip.version == 6 works.
  t.addHidden('ip.version', `0110 .... = Version: 6`, o, 1, 6);
  // The traffic class and flow label as bits of the first word (DS field bits as IPv4's).
  const [dscpShort, dscpLong] = dscpNames(tclass >> 2);
  const [ecnShort, ecnLong] = ECN_NAMES[tclass & 3]!;
  t.open('ipv6.tclass', `${bitPattern(0x0ff00000, tclass, 4)} = Traffic Class: 0x${tclass.toString(16).padStart(2, '0')} (DSCP: ${dscpShort}, ECN: ${ecnShort})`, o, 4, tclass);
  t.add('ipv6.tclass.dscp', `${bitPattern(0x0fc00000, tclass >> 2, 4)} = Differentiated Services Codepoint: ${dscpLong} (${tclass >> 2})`, o, 4, tclass >> 2);
  t.add('ipv6.tclass.ecn', `${bitPattern(0x00300000, tclass & 3, 4)} = Explicit Congestion Notification: ${ecnLong} (${tclass & 3})`, o, 4, tclass & 3);
  t.close();
  t.add('ipv6.flow', `${bitPattern(0x0fffff, flow, 3)} = Flow Label: 0x${flow.toString(16).padStart(5, '0')}`, o + 1, 3, flow);
  t.add('ipv6.plen', `Payload Length: ${plen}`, o + 4, 2, plen);
  t.add('ipv6.nxt', `Next Header: ${wsIpProtoName(nh)} (${nh})`, o + 6, 1, nh);
  t.add('ipv6.hlim', `Hop Limit: ${hlim}`, o + 7, 1, hlim);
  t.add('ipv6.src', `Source Address: ${src}`, o + 8, 16, src);
  t.addHidden('ipv6.addr', `Source or Destination Address: ${src}`, o + 8, 16, src);
  t.add('ipv6.dst', `Destination Address: ${dst}`, o + 24, 16, dst);
  t.addHidden('ipv6.addr', `Source or Destination Address: ${dst}`, o + 24, 16, dst);
  return node;
}

/**
 * Index mode: addresses, then the extension-header chain to the upper protocol (bounded:
 * each header moves forward), with the Jumbo Payload length when the payload length is 0.
 */
function indexIpv6(ctx: IndexContext, p: number): void {
  const ix = ctx.index;
  // A tunnelled IP layer: the index keeps the outermost one, and stops there.
  if (ix.ipVersion !== 0) return;
  const d = ctx.data;
  if (p + HDR_LEN > ctx.end || d[p]! >> 4 !== 6) return;
  ix.ipVersion = 6;
  ix.srcOffset = p + 8;
  ix.dstOffset = p + 24;
  let nh = d[p + 6]!;
  let len = be16(ctx.data, p + 4);
  let q = p + HDR_LEN;
  for (let hops = 0; hops < 16; hops++) {
    if (nh === IPPROTO_HOPOPTS || nh === IPPROTO_ROUTING || nh === IPPROTO_DSTOPTS || nh === IPPROTO_MOBILITY) {
      if (q + 2 > ctx.end) return;
      const l = (d[q + 1]! + 1) * 8;
      if (nh === IPPROTO_HOPOPTS && hops === 0 && len === 0) len = jumboLength(ctx, q + 2, Math.min(q + l, ctx.end));
      nh = d[q]!;
      q += l;
      len -= l;
    } else if (nh === IPPROTO_FRAGMENT) {
      if (q + FRAG_HDR_LEN > ctx.end) return;
      const fragOff = be16(ctx.data, q + 2) & 0xfff8;
      nh = d[q]!;
      q += FRAG_HDR_LEN;
      len -= FRAG_HDR_LEN;
      if (fragOff !== 0) {
        ix.ipProto = nh;
        ix.laterFragment = true;
        return;
      }
    } else break;
  }
  ix.ipProto = nh;
  if (len < 0) return;
  if (q + len > ctx.end) ix.truncated = true;
  ctx.dispatch('ipproto', nh, q, len);
}

/** The Jumbo Payload option's length among hop-by-hop options in [p, end), else 0. */
function jumboLength(ctx: IndexContext, p: number, end: number): number {
  const d = ctx.data;
  while (p < end) {
    const type = d[p]!;
    if (type === IP6OPT_PAD1) {
      p++;
      continue;
    }
    if (p + 2 > end) return 0;
    const len = d[p + 1]!;
    if (type === IP6OPT_JUMBO && len === 4 && p + 6 <= end) return be32(ctx.data, p + 2);
    p += 2 + len;
  }
  return 0;
}
