// UDP (RFC 768), printed as tcpdump's print-udp.c udp_print does.
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';
import { checksumShouldBe, internetChecksum, pseudoHeaderSum } from '../format/checksum.js';
import { ipv6PseudoDst } from '../format/ipv6-pseudo.js';
import { IPPROTO_UDP } from '../format/ipprotos.js';

const UDP_HDR_LEN = 8;

export const UDP_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'udp', name: 'User Datagram Protocol', type: 'protocol', indexed: true },
  { abbrev: 'udp.srcport', name: 'Source Port', type: 'uint', indexed: 'sport' },
  { abbrev: 'udp.dstport', name: 'Destination Port', type: 'uint', indexed: 'dport' },
  { abbrev: 'udp.port', name: 'Source or Destination Port', type: 'uint', indexed: ['sport', 'dport'] },
  { abbrev: 'udp.length', name: 'Length', type: 'uint', base: 'dec' },
  { abbrev: 'udp.checksum', name: 'Checksum', type: 'uint', base: 'hex' },
];

/** udpipaddr_print: `src.sport > dst.dport: ` (ports only when IP carries extension headers). */
function addrPrint(ctx: DissectContext, sport: number, dport: number): void {
  const ip = ctx.ip!;
  const f = ctx.frame;
  const headerProto = ip.version === 6 ? f.data[ip.offset + 6] : f.data[ip.offset + 9];
  if (headerProto === IPPROTO_UDP) {
    if (sport === -1) ctx.print(`${ip.src} > ${ip.dst}: `);
    else ctx.print(`${ip.src}.${sport} > ${ip.dst}.${dport}: `);
  } else if (sport !== -1) ctx.print(`${sport} > ${dport}: `);
}

export const udp: Dissector = {
  name: 'udp',
  fields: UDP_FIELDS,
  index(ctx: IndexContext, bp: number, length: number): void {
    const ix = ctx.index;
    if (bp + UDP_HDR_LEN > ctx.end) return;
    ix.sport = be16(ctx.data, bp);
    ix.dport = be16(ctx.data, bp + 2);
    ix.payloadOffset = bp + UDP_HDR_LEN;
    ix.payloadLength = Math.max(0, Math.min(length, be16(ctx.data, bp + 4)) - UDP_HDR_LEN);
    ctx.dispatchPorts('udpport', ix.sport, ix.dport, bp + UDP_HDR_LEN, ix.payloadLength);
  },
  dissect(ctx: DissectContext, bp: number, length: number): void {
    const f = ctx.frame;
    const ip = ctx.ip;
    if (!ip) return;
    ctx.facts.protocol = 'UDP';
    if (!f.has(bp + 2, 2)) {
      addrPrint(ctx, -1, -1);
      ctx.printTrunc();
      return;
    }
    const sport = f.be16(bp);
    const dport = f.be16(bp + 2);
    if (ctx.facts.sport < 0) {
      ctx.facts.sport = sport;
      ctx.facts.dport = dport;
    }
    if (length < 8) {
      addrPrint(ctx, sport, dport);
      ctx.print(`truncated-udp ${length}`);
      ctx.markMalformed(`UDP length ${length} < 8`);
      return;
    }
    if (!f.has(bp + 4, 2)) {
      addrPrint(ctx, sport, dport);
      ctx.printTrunc();
      return;
    }
    let ulen = f.be16(bp + 4);
    if (ulen === 0 && length > 65535) ulen = length;
    const t = ctx.tree;
    if (t) {
      t.open('udp', `User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}`, bp, Math.min(8, f.left(bp)));
      t.add('udp.srcport', `Source Port: ${sport}`, bp, 2, sport);
      t.add('udp.dstport', `Destination Port: ${dport}`, bp + 2, 2, dport);
      t.addHidden('udp.port', `Source or Destination Port: ${sport}`, bp, 2, sport);
      t.addHidden('udp.port', `Source or Destination Port: ${dport}`, bp + 2, 2, dport);
      t.add('udp.length', `Length: ${f.be16(bp + 4)}`, bp + 4, 2, f.be16(bp + 4));
      if (f.has(bp + 6, 2)) t.add('udp.checksum', `Checksum: 0x${f.be16(bp + 6).toString(16).padStart(4, '0')} [unverified]`, bp + 6, 2, f.be16(bp + 6));
      t.close();
    }
    if (ulen < 8) {
      addrPrint(ctx, sport, dport);
      ctx.print(`truncated-udplength ${ulen}`);
      ctx.markMalformed(`UDP length field ${ulen} < 8`, bp + 4, 2);
      return;
    }
    ulen -= 8;
    length -= 8;
    if (ulen < length) length = ulen;
    const cp = bp + 8;
    if (cp > f.snapend) {
      addrPrint(ctx, sport, dport);
      ctx.printTrunc();
      return;
    }
    addrPrint(ctx, sport, dport);
    if (ctx.opts.verbose && !ip.fragmented) {
      if (ip.version === 4 && ctx.opts.verbose > 1) {
        const udpSum = f.be16(bp + 6);
        if (udpSum === 0) ctx.print('[no cksum] ');
        else if (f.has(cp, length)) printSum(ctx, bp, length + 8, udpSum);
      } else if (ip.version === 6 && f.has(cp, length)) {
        printSum(ctx, bp, length + 8, f.be16(bp + 6));
      }
    }
    if (!ctx.opts.qflag && ctx.dispatchPorts('udpport', sport, dport, cp, length)) return;
    if (ulen > length && !ip.fragmented) ctx.print(`UDP, bad length ${ulen} > ${length}`);
    else ctx.print(`UDP, length ${ulen}`);
  },
};

function printSum(ctx: DissectContext, bp: number, len: number, udpSum: number): void {
  const ip = ctx.ip!;
  const sum = internetChecksum(ctx.frame.data, bp, len, pseudoHeaderSum(ip.srcBytes, ip.version === 6 ? ipv6PseudoDst(ctx.frame, ip.offset) : ip.dstBytes, 17, len));
  if (sum !== 0) ctx.print(`[bad udp cksum 0x${udpSum.toString(16).padStart(4, '0')} -> 0x${checksumShouldBe(udpSum, sum).toString(16).padStart(4, '0')}!] `);
  else ctx.print('[udp sum ok] ');
}
