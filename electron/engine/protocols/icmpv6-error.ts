// ICMPv6 error messages (RFC 4443 section 3: destination unreachable, packet too big,
// time exceeded, parameter problem; RFC 7112 incomplete header chain). Not a dissector:
// a helper of icmpv6.ts, printing like tcpdump 4.99's icmp6_print and get_upperlayer.
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv6String } from '../format/addresses.js';
import { printUnknownData } from './icmpv6-text.js';

const UNREACH_CODES = ['unreachable route', ' unreachable prohibited', 'beyond scope', 'unreachable address', 'unreachable port'];
const PARAMPROB_CODES = ['erroneous', 'next header', 'option', 'incomplete header chain'];

function addr(ctx: DissectContext, o: number): string {
  ctx.frame.check(o, 16);
  return ipv6String(ctx.frame.data, o);
}

/**
 * get_upperlayer: walks the quoted IPv6 packet at `ip6` to its TCP/UDP header.
 * Returns the header offset and protocol, or null (tcpdump then prints ` [|icmp6]`).
 */
function upperLayer(ctx: DissectContext, ip6: number): { at: number; prot: number } | null {
  const f = ctx.frame;
  if (!f.has(ip6 + 6, 1)) return null;
  let nh = f.u8(ip6 + 6);
  let hlen = 40;
  let bp = ip6;
  while (bp < f.snapend) {
    bp += hlen;
    switch (nh) {
      case 6:
      case 17:
        return f.has(bp + 2, 2) ? { at: bp, prot: nh } : null;
      case 0:
      case 60:
      case 43:
        if (!f.has(bp + 1, 1)) return null;
        nh = f.u8(bp);
        hlen = (f.u8(bp + 1) + 1) << 3;
        break;
      case 44:
        // Only a first fragment carries the upper-layer header.
        if (!f.has(bp + 2, 2) || (f.be16(bp + 2) & 0xfff8) !== 0) return null;
        nh = f.u8(bp);
        hlen = 8;
        break;
      case 51: // AH
        if (!f.has(bp + 1, 1)) return null;
        nh = f.u8(bp);
        hlen = (f.u8(bp + 1) + 2) << 2;
        break;
      default:
        return null;
    }
  }
  return null;
}

/** Types 1-4. Returns false when tcpdump returns without the trailing `, length N`. */
export function errorBody(ctx: DissectContext, type: number, code: number, o: number, length: number): boolean {
  const f = ctx.frame;
  const t = ctx.tree;
  const oip = o + 8; // the invoking packet
  switch (type) {
    case 1:
      ctx.print(`, ${UNREACH_CODES[code] ?? `unknown unreach code (${code})`}`);
      switch (code) {
        case 0:
        case 1:
        case 3:
          ctx.print(` ${addr(ctx, oip + 24)}`);
          break;
        case 2: {
          const dst = addr(ctx, oip + 24);
          ctx.print(` ${dst}, source address ${addr(ctx, oip + 8)}`);
          break;
        }
        case 4: {
          const up = upperLayer(ctx, oip);
          if (!up) {
            ctx.printTrunc();
            return false;
          }
          const dport = f.be16(up.at + 2);
          const dst = addr(ctx, oip + 24);
          if (up.prot === 6) ctx.print(`, ${dst} tcp port ${dport}`);
          else ctx.print(`, ${dst} udp port ${dport}`);
          break;
        }
        default:
          if (ctx.opts.verbose <= 1) {
            printUnknownData(ctx, o, '\n\t', length);
            return false;
          }
      }
      return true;
    case 2: {
      const mtu = f.be32(o + 4);
      ctx.print(`, mtu ${mtu}`);
      t?.add('icmpv6.mtu', `MTU: ${mtu}`, o + 4, 4, mtu);
      return true;
    }
    case 3:
      if (code === 0) ctx.print(` for ${addr(ctx, oip + 24)}`);
      else if (code === 1) ctx.print(' (reassembly)');
      else ctx.print(`, unknown code (${code})`);
      return true;
    default: {
      f.check(oip + 24, 16);
      const name = PARAMPROB_CODES[code];
      const ptr = f.be32(o + 4);
      ctx.print(name ? `, ${name} - octet ${ptr}` : `, code-#${code}`);
      t?.add('icmpv6.pointer', `Pointer: ${ptr}`, o + 4, 4, ptr);
      return true;
    }
  }
}
