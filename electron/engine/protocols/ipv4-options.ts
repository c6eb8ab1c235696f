// IPv4 options as tcpdump -v prints them (print-ip.c ip_optprint, ip_printroute, ip_printts).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv4String } from '../format/addresses.js';

const OPTION_NAMES = new Map<number, string>([
  [0, 'EOL'],
  [1, 'NOP'],
  [68, 'timestamp'],
  [130, 'security'],
  [7, 'RR'],
  [137, 'SSRR'],
  [131, 'LSRR'],
  [148, 'RA'],
  [82, 'traceroute'],
]);

// tcpdump's GET_U_1 reads end the whole line on a truncation (longjmp), while its
// ND_TCHECK_LEN checks make the option printer return -1 ("[truncated-option]"): the
// functions below return false exactly where tcpdump's `goto trunc` is.
function printRoute(ctx: DissectContext, cp: number, length: number): boolean {
  const f = ctx.frame;
  if (length < 3) {
    ctx.print(` [bad length ${length}]`);
    return true;
  }
  if ((length + 1) & 3) ctx.print(` [bad length ${length}]`);
  const ptr = f.u8(cp + 2) - 1;
  if (ptr < 3 || (ptr + 1) & 3 || ptr > length + 1) ctx.print(` [bad ptr ${f.u8(cp + 2)}]`);
  for (let len = 3; len < length; len += 4) {
    if (!f.has(cp + len, 4)) return false;
    ctx.print(` ${ipv4String(f.data, cp + len)}`);
    if (ptr > len) ctx.print(',');
  }
  return true;
}

function printTimestamps(ctx: DissectContext, cp: number, length: number): boolean {
  const f = ctx.frame;
  if (length < 4) {
    ctx.print(`[bad length ${length}]`);
    return true;
  }
  ctx.print(' TS{');
  const flag = f.u8(cp + 3);
  const hoplen = (flag & 0xf) !== 0 ? 8 : 4;
  if ((length - 4) & (hoplen - 1)) ctx.print(`[bad length ${length}]`);
  const ptr = f.u8(cp + 2) - 1;
  let len = 0;
  if (ptr < 4 || (ptr - 4) & (hoplen - 1) || ptr > length + 1) ctx.print(`[bad ptr ${f.u8(cp + 2)}]`);
  let ok = true;
  switch (flag & 0xf) {
    case 0:
      ctx.print('TSONLY');
      break;
    case 1:
      ctx.print('TS+ADDR');
      break;
    case 3:
      ctx.print('PRESPEC');
      break;
    default:
      ctx.print(`[bad ts type ${flag & 0xf}]`);
      ok = false;
  }
  if (ok) {
    let type = ' ';
    for (len = 4; len < length; len += hoplen) {
      if (ptr === len) type = ' ^ ';
      if (!f.has(cp + len, hoplen)) return false;
      ctx.print(`${type}${f.be32(cp + len + hoplen - 4)}@${hoplen !== 8 ? '' : ipv4String(f.data, cp + len)}`);
      type = ' ';
    }
  }
  ctx.print(ptr === len ? ' ^ ' : '');
  if (flag >> 4) ctx.print(` [${flag >> 4} hops not recorded]} `);
  else ctx.print('}');
  return true;
}

/** Prints the options; returns false when they run past the capture (tcpdump's -1). */
export function printIpOptions(ctx: DissectContext, cp: number, length: number): boolean {
  const f = ctx.frame;
  let sep = '';
  while (length > 0) {
    ctx.print(sep);
    sep = ',';
    const code = f.u8(cp);
    ctx.print(OPTION_NAMES.get(code) ?? `unknown ${code}`);
    let optlen: number;
    if (code === 1 || code === 0) optlen = 1;
    else {
      optlen = f.u8(cp + 1);
      if (optlen < 2) {
        ctx.print(` [bad length ${optlen}]`);
        return true;
      }
    }
    if (optlen > length) {
      ctx.print(` [bad length ${optlen}]`);
      return true;
    }
    if (!f.has(cp, optlen)) return false;
    switch (code) {
      case 0:
        return true;
      case 68:
        if (!printTimestamps(ctx, cp, optlen)) return false;
        break;
      case 7:
      case 137:
      case 131:
        if (!printRoute(ctx, cp, optlen)) return false;
        break;
      case 148:
        if (optlen < 4) {
          ctx.print(` [bad length ${optlen}]`);
          break;
        }
        if (!f.has(cp + 3, 1)) return false;
        if (f.be16(cp + 2) !== 0) ctx.print(` value ${f.be16(cp + 2)}`);
        break;
    }
    cp += optlen;
    length -= optlen;
  }
  return true;
}
