// IPv6 Hop-by-Hop and Destination Options headers (RFC 8200 section 4.3/4.6; Jumbo
// Payload RFC 2675; Router Alert RFC 2711; Home Address RFC 6275). Not a dissector: a
// helper of ipv6.ts, printing like tcpdump 4.99's print-ip6opts.c (hbhopt_process,
// dstopt_process, ip6_opt_process, ip6_sopt_print).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv6String } from '../format/addresses.js';

const IP6OPT_PAD1 = 0x00;
const IP6OPT_PADN = 0x01;
const IP6OPT_ROUTER_ALERT = 0x05;
const IP6OPT_JUMBO = 0xc2;
const IP6OPT_HOME_ADDRESS = 0xc9;
const IP6OPT_MINLEN = 2;
const IP6OPT_RTALERT_LEN = 4;
const IP6OPT_JUMBO_LEN = 6;
const IP6OPT_HOMEADDR_MINLEN = 18;

/** In/out state of the Jumbo Payload search (tcpdump's found_jumbo / payload_len pointers). */
export interface JumboState {
  /** Set when a valid Jumbo Payload option was found. */
  found: boolean;
  /** The IPv6 header's payload length on entry; the jumbo length once a valid option is found. */
  payloadLen: number;
}

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');

/** ip6_sopt_print: sub-options of a Home Address option (-v only). False = malformed. */
function subOptions(ctx: DissectContext, bp: number, len: number): boolean {
  const f = ctx.frame;
  for (let i = 0, optlen = 0; i < len; i += optlen) {
    const type = f.u8(bp + i);
    if (type === IP6OPT_PAD1) optlen = 1;
    else if (i + 1 < len) optlen = f.u8(bp + i + 1) + 2;
    else return false;
    if (i + optlen > len) return false;
    if (type === IP6OPT_PAD1) ctx.print(', pad1');
    else if (type === IP6OPT_PADN) {
      if (len - i < IP6OPT_MINLEN) {
        ctx.print(', padn: trunc');
        return false;
      }
      ctx.print(', padn');
    } else {
      if (len - i < IP6OPT_MINLEN) {
        ctx.print(`, sopt_type ${type}: trunc)`);
        return false;
      }
      ctx.print(`, sopt_type 0x${hex2(type)}: len=${f.u8(bp + i + 1)}`);
    }
  }
  return true;
}

/**
 * ip6_opt_process: walks the options of `len` bytes at `bp`. `jumbo` is null for
 * destination options (a Jumbo Payload there is not honoured). False = malformed.
 */
function options(ctx: DissectContext, bp: number, len: number, jumbo: JumboState | null): boolean {
  if (len === 0) return true;
  const f = ctx.frame;
  const v = ctx.opts.verbose > 0;
  const t = ctx.tree;
  let seenJumbo = false;
  for (let i = 0, optlen = 0; i < len; i += optlen) {
    const type = f.u8(bp + i);
    if (type === IP6OPT_PAD1) optlen = 1;
    else if (i + 1 < len) optlen = f.u8(bp + i + 1) + 2;
    else return false;
    if (i + optlen > len) return false;
    if (t) {
      t.open('ipv6.opt', optionLabel(type), bp + i, optlen);
      t.add('ipv6.opt.type', `Type: ${optionLabel(type)} (0x${hex2(type)})`, bp + i, 1, type);
      if (optlen > 1) t.add('ipv6.opt.length', `Length: ${optlen - 2}`, bp + i + 1, 1, optlen - 2);
      t.close();
    }
    switch (type) {
      case IP6OPT_PAD1:
        if (v) ctx.print('(pad1)');
        break;
      case IP6OPT_PADN:
        if (len - i < IP6OPT_MINLEN) {
          ctx.print('(padn: trunc)');
          return false;
        }
        if (v) ctx.print('(padn)');
        break;
      case IP6OPT_ROUTER_ALERT:
        if (len - i < IP6OPT_RTALERT_LEN) {
          ctx.print('(rtalert: trunc)');
          return false;
        }
        if (f.u8(bp + i + 1) !== IP6OPT_RTALERT_LEN - 2) {
          ctx.print(`(rtalert: invalid len ${f.u8(bp + i + 1)})`);
          return false;
        }
        if (v) ctx.print(`(rtalert: 0x${f.be16(bp + i + 2).toString(16).padStart(4, '0')}) `);
        break;
      case IP6OPT_JUMBO: {
        if (len - i < IP6OPT_JUMBO_LEN) {
          ctx.print('(jumbo: trunc)');
          return false;
        }
        if (f.u8(bp + i + 1) !== IP6OPT_JUMBO_LEN - 2) {
          ctx.print(`(jumbo: invalid len ${f.u8(bp + i + 1)})`);
          return false;
        }
        const jumbolen = f.be32(bp + i + 2);
        t?.add('ipv6.opt.jumbo', `Payload Length: ${jumbolen}`, bp + i + 2, 4, jumbolen);
        if (seenJumbo) {
          if (v) ctx.print(`(jumbo: ${jumbolen} - already seen) `);
        } else {
          seenJumbo = true;
          if (jumbo === null) {
            if (v) ctx.print(`(jumbo: ${jumbolen} - not a hop-by-hop option) `);
          } else if (jumbo.payloadLen !== 0) {
            if (v) ctx.print(`(jumbo: ${jumbolen} - payload len != 0) `);
          } else if (jumbolen < 65536) {
            if (v) ctx.print(`(jumbo: ${jumbolen} - < 65536) `);
          } else {
            jumbo.found = true;
            jumbo.payloadLen = jumbolen;
            if (v) ctx.print(`(jumbo: ${jumbolen}) `);
          }
        }
        break;
      }
      case IP6OPT_HOME_ADDRESS:
        if (len - i < IP6OPT_HOMEADDR_MINLEN) {
          ctx.print('(homeaddr: trunc)');
          return false;
        }
        if (f.u8(bp + i + 1) < IP6OPT_HOMEADDR_MINLEN - 2) {
          ctx.print(`(homeaddr: invalid len ${f.u8(bp + i + 1)})`);
          return false;
        }
        if (v) {
          f.check(bp + i + 2, 16);
          ctx.print(`(homeaddr: ${ipv6String(f.data, bp + i + 2)}`);
          if (f.u8(bp + i + 1) > IP6OPT_HOMEADDR_MINLEN - 2) {
            if (!subOptions(ctx, bp + i + IP6OPT_HOMEADDR_MINLEN, optlen - IP6OPT_HOMEADDR_MINLEN)) return false;
          }
          ctx.print(')');
        }
        break;
      default:
        if (len - i < IP6OPT_MINLEN) {
          ctx.print(`(type ${type}: trunc)`);
          return false;
        }
        if (v) ctx.print(`(opt_type 0x${hex2(type)}: len=${f.u8(bp + i + 1)})`);
    }
  }
  if (v) ctx.print(' ');
  return true;
}

function optionLabel(type: number): string {
  switch (type) {
    case IP6OPT_PAD1:
      return 'Pad1';
    case IP6OPT_PADN:
      return 'PadN';
    case IP6OPT_ROUTER_ALERT:
      return 'Router Alert';
    case IP6OPT_JUMBO:
      return 'Jumbo Payload';
    case IP6OPT_HOME_ADDRESS:
      return 'Home Address Option';
    default:
      return 'Unknown IPv6 Option';
  }
}

/**
 * hbhopt_process: prints `HBH ` (+ options at -v) and returns the header length, or -1
 * after printing ` [|hbhopt]` when the header runs past the capture or is malformed.
 */
export function hopByHop(ctx: DissectContext, bp: number, jumbo: JumboState): number {
  return optionsHeader(ctx, bp, 'hbhopt', 'HBH ', jumbo);
}

/** dstopt_process: `DSTOPT ` (+ options at -v); like hopByHop. */
export function destinationOptions(ctx: DissectContext, bp: number): number {
  return optionsHeader(ctx, bp, 'dstopt', 'DSTOPT ', null);
}

function optionsHeader(ctx: DissectContext, bp: number, proto: string, label: string, jumbo: JumboState | null): number {
  const f = ctx.frame;
  ctx.protocol = proto;
  const hlen = (f.u8(bp + 1) + 1) << 3;
  const t = ctx.tree;
  const field = jumbo ? 'ipv6.hopopts' : 'ipv6.dstopts';
  if (t) {
    t.open(field, jumbo ? 'IPv6 Hop-by-Hop Option' : 'Destination Options for IPv6', bp, hlen);
    t.add(`${field}.nxt`, `Next Header: ${f.u8(bp)}`, bp, 1, f.u8(bp));
    t.add(`${field}.len`, `Length: ${f.u8(bp + 1)}`, bp + 1, 1, f.u8(bp + 1));
    t.add(`${field}.len_oct`, `[Length: ${hlen} bytes]`, bp + 1, 1, hlen);
  }
  try {
    if (!f.has(bp, hlen)) {
      if (t) t.current!.truncated = true;
      ctx.printTrunc();
      return -1;
    }
    ctx.print(label);
    // Destination options are only walked at -v (tcpdump prints nothing of them otherwise).
    if ((jumbo !== null || ctx.opts.verbose > 0) && !options(ctx, bp + 2, hlen - 2, jumbo)) {
      ctx.markMalformed(`bad ${label.trim()} option`, bp, hlen);
      ctx.printTrunc();
      return -1;
    }
    return hlen;
  } finally {
    t?.close();
  }
}
