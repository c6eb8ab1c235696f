// IPv6 Mobility Header (RFC 6275, formerly RFC 3775), which ip6_print handles in its
// extension-header chain. Not a dissector: a helper of ipv6.ts, printing like tcpdump
// 4.99's print-mobility.c (mobility_print, mobility_opt_print).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv6String } from '../format/addresses.js';

const MINLEN = 8;
const NAMES = ['BRR', 'HoTI', 'CoTI', 'HoT', 'CoT', 'BU', 'BA', 'BE'];
/** Minimum header length per message type. */
const HDRLEN = [MINLEN, MINLEN + 8, MINLEN + 8, MINLEN + 16, MINLEN + 16, MINLEN + 4, MINLEN + 4, MINLEN + 16];

const hex8 = (v: number): string => v.toString(16).padStart(8, '0');

/** mobility_opt_print (-v). Returns false where tcpdump jumps to its trunc label. */
function options(ctx: DissectContext, bp: number, len: number): boolean {
  const f = ctx.frame;
  for (let i = 0, optlen = 0; i < len; i += optlen) {
    const type = f.u8(bp + i);
    if (type === 0) optlen = 1;
    else if (i + 1 < len) optlen = f.u8(bp + i + 1) + 2;
    else return false;
    if (i + optlen > len) return false;
    if (!f.has(bp + i + optlen, 1)) return false; // tcpdump checks the byte after the option
    const left = len - i;
    switch (type) {
      case 0:
        ctx.print('(pad1)');
        break;
      case 1:
        if (left < 2) return ctx.print('(padn: trunc)'), false;
        ctx.print('(padn)');
        break;
      case 2:
        if (left < 4) return ctx.print('(refresh: trunc)'), false;
        ctx.print(`(refresh: ${f.be16(bp + i + 2) << 2})`);
        break;
      case 3:
        if (left < 18) return ctx.print('(altcoa: trunc)'), false;
        f.check(bp + i + 2, 16);
        ctx.print(`(alt-CoA: ${ipv6String(f.data, bp + i + 2)})`);
        break;
      case 4:
        if (left < 6) return ctx.print('(ni: trunc)'), false;
        ctx.print(`(ni: ho=0x${f.be16(bp + i + 2).toString(16).padStart(4, '0')} co=0x${f.be16(bp + i + 4).toString(16).padStart(4, '0')})`);
        break;
      case 5:
        if (left < 12) return ctx.print('(auth: trunc)'), false;
        ctx.print('(auth)');
        break;
      default:
        if (left < 2) return ctx.print(`(sopt_type ${type}: trunc)`), false;
        ctx.print(`(type-0x${type.toString(16).padStart(2, '0')}: len=${f.u8(bp + i + 1)})`);
    }
  }
  return true;
}

/** mobility_print: `mobility: BU seq#=1 ...`. Returns the header length, or -1 after ` [|mobility]`. */
export function mobilityHeader(ctx: DissectContext, bp: number): number {
  const f = ctx.frame;
  ctx.protocol = 'mobility';
  if (!f.has(bp + 1, 1)) {
    ctx.printTrunc();
    return -1;
  }
  const mhlen = (f.u8(bp + 1) + 1) << 3;
  const type = f.u8(bp + 2);
  const v = ctx.opts.verbose > 0;
  if (type < NAMES.length && mhlen < HDRLEN[type]!) {
    ctx.print(`(header length ${mhlen} is too small for type ${type})`);
    ctx.printTrunc();
    return -1;
  }
  ctx.print(`mobility: ${NAMES[type] ?? `type-#${type}`}`);
  let hlen = MINLEN;
  const cookie = (label: string, o: number): void => {
    const a = f.be32(o);
    const b = f.be32(o + 4);
    ctx.print(` ${label}=${hex8(a)}:${hex8(b)}`);
  };
  switch (type) {
    case 0:
      break;
    case 1:
    case 2:
      if (v) cookie(`${type === 1 ? 'Home' : 'Care-of'} Init Cookie`, bp + hlen);
      hlen += 8;
      break;
    case 3:
    case 4: {
      ctx.print(` nonce id=0x${f.be16(bp + 6).toString(16)}`);
      const who = type === 3 ? 'Home' : 'Care-of';
      if (v) cookie(`${who} Init Cookie`, bp + hlen);
      hlen += 8;
      if (v) cookie(`${who} Keygen Token`, bp + hlen);
      hlen += 8;
      break;
    }
    case 5: {
      ctx.print(` seq#=${f.be16(bp + 6)}`);
      if (!f.has(bp + hlen, 2)) {
        ctx.printTrunc();
        return -1;
      }
      const bits = (f.u8(bp + hlen) & 0xf0) >> 4;
      if (bits) ctx.print(` ${bits & 8 ? 'A' : ''}${bits & 4 ? 'H' : ''}${bits & 2 ? 'L' : ''}${bits & 1 ? 'K' : ''}`);
      hlen += 2;
      ctx.print(` lifetime=${f.be16(bp + hlen) << 2}`);
      hlen += 2;
      break;
    }
    case 6:
      ctx.print(` status=${f.u8(bp + 6)}`);
      if (f.u8(bp + 7) & 0x80) ctx.print(' K');
      ctx.print(` seq#=${f.be16(bp + hlen)}`);
      hlen += 2;
      ctx.print(` lifetime=${f.be16(bp + hlen) << 2}`);
      hlen += 2;
      break;
    case 7:
      ctx.print(` status=${f.u8(bp + 6)}`);
      f.check(bp + hlen, 16);
      ctx.print(` homeaddr ${ipv6String(f.data, bp + hlen)}`);
      hlen += 16;
      break;
    default:
      ctx.print(` len=${f.u8(bp + 1)}`);
      return mhlen;
  }
  if (v && !options(ctx, bp + hlen, mhlen - hlen)) {
    ctx.printTrunc();
    return -1;
  }
  return mhlen;
}
