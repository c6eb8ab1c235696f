// IPv6 Routing header (RFC 8200 section 4.4; type 0 deprecated by RFC 5095, type 2
// RFC 6275, type 4 Segment Routing RFC 8754). Not a dissector: a helper of ipv6.ts,
// printing like tcpdump 4.99's print-rt6.c (rt6_print).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv6String } from '../format/addresses.js';

const TYPE_0 = 0;
const TYPE_2 = 2;
const TYPE_4 = 4;

/**
 * rt6_print: `RT6 (len=2, type=0 [Deprecated], segleft=1, [0]2200::...) `. Returns the
 * header length, or -1 after ` (invalid)` for an odd length or unknown type; a read past
 * the capture throws (` [|rt6]`).
 */
export function routingHeader(ctx: DissectContext, bp: number): number {
  const f = ctx.frame;
  const t = ctx.tree;
  ctx.protocol = 'rt6';
  ctx.print('RT6');
  let len = f.u8(bp + 1);
  const hlen = (len + 1) << 3;
  ctx.print(` (len=${len}`);
  const type = f.u8(bp + 2);
  ctx.print(`, type=${type}`);
  if (type === TYPE_0) ctx.print(' [Deprecated]');
  const segleft = f.u8(bp + 3);
  ctx.print(`, segleft=${segleft}`);
  if (t) {
    t.open('ipv6.routing', `Routing Header for IPv6 (${typeName(type)})`, bp, hlen);
    t.add('ipv6.routing.nxt', `Next Header: ${f.u8(bp)}`, bp, 1, f.u8(bp));
    t.add('ipv6.routing.len', `Length: ${len}`, bp + 1, 1, len);
    t.add('ipv6.routing.len_oct', `[Length: ${hlen} bytes]`, bp + 1, 1, hlen);
    t.add('ipv6.routing.type', `Type: ${typeName(type)} (${type})`, bp + 2, 1, type);
    t.add('ipv6.routing.segleft', `Segments Left: ${segleft}`, bp + 3, 1, segleft);
  }
  try {
    let addrs: number;
    let addrField: string;
    if (type === TYPE_0 || type === TYPE_2) {
      const rsv = f.be32(bp + 4);
      if (rsv || ctx.opts.verbose) ctx.print(`, rsv=0x${rsv.toString(16)}`);
      addrs = bp + 8;
      addrField = type === TYPE_0 ? 'ipv6.routing.src.addr' : 'ipv6.routing.mipv6.home_address';
    } else if (type === TYPE_4) {
      ctx.print(`, last-entry=${f.u8(bp + 4)}`);
      const flags = f.u8(bp + 5);
      if (flags || ctx.opts.verbose) ctx.print(`, flags=0x${flags.toString(16)}`);
      ctx.print(`, tag=${f.be16(bp + 6).toString(16)}`);
      addrs = bp + 8;
      addrField = 'ipv6.routing.srh.addr';
    } else {
      ctx.print(' (unknown type)');
      ctx.printInvalid();
      return -1;
    }
    if (len % 2 === 1) {
      ctx.print(` (invalid length ${len})`);
      ctx.printInvalid();
      return -1;
    }
    len >>= 1;
    for (let i = 0, p = addrs; i < len; i++, p += 16) {
      f.check(p, 16);
      const a = ipv6String(f.data, p);
      ctx.print(`, [${i}]${a}`);
      t?.add(addrField, `Address[${i}]: ${a}`, p, 16, a);
    }
    ctx.print(') ');
    return hlen;
  } finally {
    t?.close();
  }
}

function typeName(type: number): string {
  switch (type) {
    case TYPE_0:
      return 'Source Route';
    case TYPE_2:
      return 'Type 2 Routing';
    case TYPE_4:
      return 'Segment Routing';
    default:
      return 'Unknown';
  }
}
