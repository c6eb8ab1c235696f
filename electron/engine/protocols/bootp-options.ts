// The -v listing of the BOOTP vendor area: RFC 1048/2132 DHCP options (rfc1048_print)
// and the CMU vendor format (cmu_print), as tcpdump 4.99.3's print-bootp.c prints them.
// Not a dissector: bootp.ts calls these. Reads past the capture throw `Truncated`.
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv4String } from '../format/addresses.js';
import { ndPrintn } from '../format/nd-print.js';
import { hexPrint } from '../summary/hexdump.js';
import {
  AGENT_SUBOPT,
  ARP2STR,
  DHCP_MSG,
  NBO2STR,
  OO2STR,
  TAG_AGENT_CIRCUIT,
  TAG_CLASSLESS_STA_RT_MS,
  TAG_CLASSLESS_STATIC_RT,
  TAG_CLIENT_FQDN,
  TAG_CLIENT_ID,
  TAG_DHCP_MESSAGE,
  TAG_END,
  TAG_NETBIOS_NODE,
  TAG_OPT_OVERLOAD,
  TAG_PAD,
  TAG_PARM_REQUEST,
  TAG_USER_CLASS,
  tagInfo,
} from './bootp-tags.js';

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');

/** rfc1048_print: `bp` is the vendor area, starting with the magic cookie. */
export function printRfc1048(ctx: DissectContext, bp: number): void {
  const f = ctx.frame;
  const v = ctx.opts.verbose;
  ctx.print('\n\t  Vendor-rfc1048 Extensions');
  ctx.print(`\n\t    Magic Cookie 0x${f.be32(bp).toString(16).padStart(8, '0')}`);
  bp += 4;
  // Options run to the end of the captured bytes; each pass consumes at least one byte.
  while (f.has(bp, 1)) {
    const tag = f.u8(bp++);
    if (tag === TAG_PAD && v < 3) continue;
    if (tag === TAG_END && v < 3) return;
    const { fmt, name } = tagInfo(tag);
    let len = 0;
    if (tag !== TAG_PAD && tag !== TAG_END) len = f.u8(bp++);
    ctx.print(`\n\t    ${name} (${tag}), length ${len}${len > 0 ? ': ' : ''}`);
    if (tag === TAG_PAD && v > 2) {
      let ntag = 1;
      while (f.has(bp, 1) && f.u8(bp) === TAG_PAD) {
        bp++;
        ntag++;
      }
      if (ntag > 1) ctx.print(`, occurs ${ntag}`);
    }
    f.check(bp, len);
    if (tag === TAG_DHCP_MESSAGE && len === 1) {
      const m = f.u8(bp++);
      ctx.print(DHCP_MSG.get(m) ?? `Unknown (${m})`);
      continue;
    }
    if (tag === TAG_PARM_REQUEST) {
      for (let idx = 0; len > 0; idx++, len--) {
        const inner = f.u8(bp++);
        ctx.print(idx % 4 === 0 ? '\n\t      ' : ', ');
        ctx.print(`${tagInfo(inner).name} (${inner})`);
      }
      continue;
    }
    const left = printValue(ctx, bp, tag, fmt, len);
    bp += len;
    if (left) ctx.print(`\n\t  trailing data length ${left}`);
  }
}

/** Prints one option value of `len` captured bytes; returns the bytes it left unprinted. */
function printValue(ctx: DissectContext, bp: number, tag: number, fmt: string, len: number): number {
  const f = ctx.frame;
  const d = f.data;
  // Unknown options: guess the format from the length.
  let c = fmt === '?' ? (len & 1 ? 'b' : len & 2 ? 's' : 'l') : fmt;
  const parts: string[] = [];
  switch (c) {
    case 'a':
      ctx.print(`"${ndPrintn(f, bp, len).text}"`);
      return 0;
    case 'i':
    case 'l':
    case 'L':
      for (; len >= 4; len -= 4, bp += 4) {
        const u = f.be32(bp);
        parts.push(c === 'i' ? ipv4String(d, bp) : c === 'L' ? String(u | 0) : String(u));
      }
      break;
    case 'p':
      for (; len >= 8; len -= 8, bp += 8) parts.push(`(${ipv4String(d, bp)}:${ipv4String(d, bp + 4)})`);
      break;
    case 's':
      for (; len >= 2; len -= 2, bp += 2) parts.push(String(f.be16(bp)));
      break;
    case 'B':
      for (; len > 0; len--, bp++) {
        const b = f.u8(bp);
        parts.push(b === 0 ? 'N' : b === 1 ? 'Y' : `${b}?`);
      }
      break;
    case '$':
      return printSpecial(ctx, bp, tag, len);
    default: // 'b', 'x' and anything else: bytes
      if (c !== 'x') c = 'b';
      for (; len > 0; len--, bp++) parts.push(c === 'x' ? hex2(f.u8(bp)) : String(f.u8(bp)));
      ctx.print(parts.join(c === 'x' ? ':' : '.'));
      return 0;
  }
  ctx.print(parts.join(','));
  return len;
}

/** The `$` options that need their own code. */
function printSpecial(ctx: DissectContext, bp: number, tag: number, len: number): number {
  const f = ctx.frame;
  switch (tag) {
    case TAG_NETBIOS_NODE:
    case TAG_OPT_OVERLOAD: {
      if (len < 1) {
        ctx.print('[ERROR: length < 1 bytes]');
        return len;
      }
      const val = f.u8(bp);
      ctx.print((tag === TAG_NETBIOS_NODE ? NBO2STR : OO2STR).get(val) ?? `#${val}`);
      return len - 1;
    }
    case TAG_CLIENT_FQDN: {
      if (len < 3) {
        ctx.print('[ERROR: length < 3 bytes]');
        return 0;
      }
      const flags = f.u8(bp);
      if (flags & 0xf0) ctx.print(`[ERROR: MBZ nibble 0x${((flags & 0xf0) >> 4).toString(16)} != 0] `);
      if (flags & 0x0f) ctx.print(`[${fqdnFlags(flags)}] `);
      const r1 = f.u8(bp + 1);
      const r2 = f.u8(bp + 2);
      if (r1 || r2) ctx.print(`${r1}/${r2} `);
      ctx.print(`"${ndPrintn(f, bp + 3, len - 3).text}"`);
      return 0;
    }
    case TAG_CLIENT_ID: {
      if (len < 1) {
        ctx.print('[ERROR: length < 1 bytes]');
        return len;
      }
      const type = f.u8(bp);
      if (type === 0) {
        ctx.print(`"${ndPrintn(f, bp + 1, len - 1).text}"`);
        return 0;
      }
      const bytes: string[] = [];
      for (let i = 1; i < len; i++) bytes.push(hex2(f.u8(bp + i)));
      ctx.print(`${ARP2STR.get(type) ?? `hardware-type ${type},`} ${bytes.join(':')}`);
      return 0;
    }
    case TAG_AGENT_CIRCUIT:
      return printAgentInfo(ctx, bp, len);
    case TAG_CLASSLESS_STATIC_RT:
    case TAG_CLASSLESS_STA_RT_MS:
      printClasslessRoutes(ctx, bp, len);
      return 0;
    case TAG_USER_CLASS:
      printUserClass(ctx, bp, len);
      return 0;
    default:
      ctx.print(`[unknown special tag ${tag}, size ${len}]`);
      return 0;
  }
}

/** client_fqdn_flags (RFC 4702). */
function fqdnFlags(flags: number): string {
  return (flags & 1 ? 'S' : '') + (flags & 2 ? 'O' : '') + (flags & 4 ? 'E' : '') + (flags & 8 ? 'N' : '');
}

/** Relay Agent Information (RFC 3046): sub-options, text or hex. */
function printAgentInfo(ctx: DissectContext, bp: number, len: number): number {
  const f = ctx.frame;
  while (len >= 2) {
    const sub = f.u8(bp);
    const sublen = f.u8(bp + 1);
    bp += 2;
    len -= 2;
    const head = `\n\t      ${AGENT_SUBOPT.get(sub) ?? 'Unknown'} SubOption ${sub}, length ${sublen}: `;
    if (sublen > len) {
      ctx.print(`${head.slice(0, -2)}: length goes past end of option`);
      return 0;
    }
    ctx.print(head);
    if (sub === 1 || sub === 2 || sub === 6) ctx.print(ndPrintn(f, bp, sublen).text);
    else hexPrint(ctx, '\n\t\t', bp, Math.min(sublen, f.left(bp)));
    len -= sublen;
    bp += sublen;
  }
  return len;
}

/** Classless static routes (RFC 3442): `(dest/width:router)` list. */
function printClasslessRoutes(ctx: DissectContext, bp: number, len: number): void {
  const f = ctx.frame;
  if (len < 5) {
    ctx.print('[ERROR: length < 5 bytes]');
    return;
  }
  let first = true;
  while (len > 0) {
    if (!first) ctx.print(',');
    const width = f.u8(bp++);
    len--;
    if (width > 32) {
      ctx.print(`[ERROR: Mask width (${width}) > 32]`);
      return;
    }
    const sig = Math.floor((width + 7) / 8);
    if (len < sig + 4) {
      ctx.print(`[ERROR: Remaining length (${len}) < ${sig + 4} bytes]`);
      return;
    }
    let s = '(';
    if (width === 0) s += 'default';
    else {
      const octets: number[] = [];
      for (let i = 0; i < sig; i++) octets.push(f.u8(bp++));
      s += octets.join('.') + '.0'.repeat(4 - sig) + `/${width}`;
    }
    ctx.print(`${s}:${ipv4String(f.data, bp)})`);
    bp += 4;
    len -= sig + 4;
    first = false;
  }
}

/** User Class (RFC 3004): length-prefixed instances. */
function printUserClass(ctx: DissectContext, bp: number, len: number): void {
  const f = ctx.frame;
  if (len < 2) {
    ctx.print('[ERROR: length < 2 bytes]');
    return;
  }
  for (let n = 1; len > 0; n++) {
    const sublen = f.u8(bp++);
    len--;
    ctx.print(`\n\t      instance#${n}: `);
    if (sublen === 0) {
      ctx.print('[ERROR: suboption length must be non-zero]');
      return;
    }
    if (len < sublen) {
      ctx.print('[ERROR: invalid option]');
      return;
    }
    ctx.print(`"${ndPrintn(f, bp, sublen).text}", length ${sublen}`);
    len -= sublen;
    bp += sublen;
  }
}

/** cmu_print: the CMU vendor area (`CMU\0` magic). */
export function printCmu(ctx: DissectContext, bp: number): void {
  const f = ctx.frame;
  ctx.print(' vend-cmu');
  f.check(bp + 4, 4);
  const flags = f.u8(bp + 4);
  if (flags & ~1) ctx.print(` F:0x${flags.toString(16)}`);
  const addr = (o: number, label: string): void => {
    f.check(bp + o, 4);
    if (f.be32(bp + o) !== 0) ctx.print(` ${label}:${ipv4String(f.data, bp + o)}`);
  };
  addr(12, 'DG');
  addr(8, flags & 1 ? 'SM' : 'SM*');
  addr(16, 'NS1');
  addr(20, 'NS2');
  addr(24, 'IEN1');
  addr(28, 'IEN2');
  addr(32, 'TS1');
  addr(36, 'TS2');
}
