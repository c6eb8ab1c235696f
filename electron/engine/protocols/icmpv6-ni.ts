// ICMPv6 Node Information queries/replies (RFC 4620) and Router Renumbering (RFC 2894).
// Not a dissector: a helper of icmpv6.ts, printing like tcpdump 4.99's
// icmp6_nodeinfo_print, dnsname_print and icmp6_rrenum_print (print-icmp6.c).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv4String, ipv6String } from '../format/addresses.js';
import { fnPrintChar } from './icmpv6-text.js';

const NI_QUERY = 139;
const NI_HDR = 16; // ICMPv6 header + 8-byte nonce

function addr6(ctx: DissectContext, o: number): string {
  ctx.frame.check(o, 16);
  return ipv6String(ctx.frame.data, o);
}

/** The Node Addresses flags: `aGSLCA` (+ `T` in replies). */
function nodeAddrFlags(i: number, withT: boolean): string {
  return (
    (i & 0x40 ? 'a' : '') +
    (i & 0x20 ? 'G' : '') +
    (i & 0x10 ? 'S' : '') +
    (i & 0x08 ? 'L' : '') +
    (i & 0x04 ? 'C' : '') +
    (i & 0x02 ? 'A' : '') +
    (withT && i & 0x01 ? 'T' : '')
  );
}

/** dnsname_print: `, "name."` without decompression (`???` where it is malformed). */
function dnsName(ctx: DissectContext, cp: number, ep: number): void {
  const f = ctx.frame;
  ctx.print(', "');
  while (cp < ep) {
    let i = f.u8(cp++);
    if (i) {
      if (i > ep - cp) {
        ctx.print('???');
        break;
      }
      while (i-- && cp < ep) fnPrintChar(ctx, f.u8(cp++));
      if (cp + 1 < ep && f.u8(cp)) ctx.print('.');
    } else {
      if (cp === ep) ctx.print('.');
      else if (!(cp + 1 === ep && f.u8(cp) === 0)) ctx.print('???');
      break;
    }
  }
  ctx.print('"');
}

/** A name that is either an icmp-name-lookup-03 pascal string or DNS labels. */
function subjectName(ctx: DissectContext, cp: number, ep: number): void {
  const f = ctx.frame;
  if (f.u8(cp) === ep - cp - 1) {
    if (ctx.opts.verbose) ctx.print(', 03 draft');
    cp++;
    ctx.print(', "');
    while (cp < ep) fnPrintChar(ctx, f.u8(cp++));
    ctx.print('"');
  } else dnsName(ctx, cp, ep);
}

/**
 * icmp6_nodeinfo_print. `length` is the ICMPv6 length; what was captured (`siz`) decides
 * the forms, as in tcpdump. Prints ` [|icmp6]` itself where tcpdump's trunc label does.
 */
export function nodeInfo(ctx: DissectContext, bp: number, length: number): void {
  const f = ctx.frame;
  const ep = f.snapend;
  if (ep < bp) return;
  const siz = ep - bp;
  const v = ctx.opts.verbose > 0;
  if (f.u8(bp) === NI_QUERY) {
    if (siz === 8 + 4) {
      ctx.print(' who-are-you request'); // KAME who-are-you
      return;
    }
    ctx.print(' node information query');
    if (!f.has(bp, NI_HDR)) return ctx.printTrunc();
    ctx.print(' (');
    const qtype = f.be16(bp + 4);
    const flags = f.be16(bp + 6);
    switch (qtype) {
      case 0:
        ctx.print('noop');
        break;
      case 1:
        ctx.print('supported qtypes');
        if (flags) ctx.print(` [${flags & 1 ? 'C' : ''}]`);
        break;
      case 2:
        ctx.print('DNS name');
        break;
      case 3:
        ctx.print('node addresses');
        if (flags) ctx.print(` [${nodeAddrFlags(flags, false)}]`);
        break;
      default:
        ctx.print('unknown');
    }
    if (qtype === 0 || qtype === 1) {
      if (siz !== NI_HDR && v) ctx.print(', invalid len');
      ctx.print(')');
      return;
    }
    if (siz === NI_HDR) {
      ctx.print(', 03 draft)'); // icmp-name-lookup-03 compatibility
      return;
    }
    const cp = bp + NI_HDR;
    switch (f.u8(bp + 1)) {
      case 0: // subject is an IPv6 address
        if (!f.has(bp, NI_HDR + 16)) break;
        if (siz !== NI_HDR + 16) {
          if (v) ctx.print(', invalid subject len');
          break;
        }
        ctx.print(`, subject=${addr6(ctx, cp)}`);
        break;
      case 1: // subject is a DNS name
        ctx.print(', subject=DNS name');
        subjectName(ctx, cp, ep);
        break;
      case 2: // subject is an IPv4 address
        if (!f.has(bp, NI_HDR + 4)) break;
        if (siz !== NI_HDR + 4) {
          if (v) ctx.print(', invalid subject len');
          break;
        }
        ctx.print(`, subject=${ipv4String(f.data, cp)}`);
        break;
      default:
        ctx.print(', unknown subject');
    }
    ctx.print(')');
    return;
  }
  // Reply.
  if (length > siz) return ctx.printTrunc();
  if (!f.has(bp, NI_HDR)) return ctx.printTrunc();
  let needComma = false;
  ctx.print(' node information reply (');
  const code = f.u8(bp + 1);
  if (code === 0) {
    if (v) {
      ctx.print('success');
      needComma = true;
    }
  } else if (code === 1 || code === 2) {
    ctx.print(code === 1 ? 'refused' : 'unknown');
    needComma = true;
    if (siz !== NI_HDR && v) ctx.print(', invalid length');
  }
  if (code !== 0) {
    ctx.print(')');
    return;
  }
  if (needComma) ctx.print(', ');
  const flags = f.be16(bp + 6);
  switch (f.be16(bp + 4)) {
    case 0:
      ctx.print('noop');
      if (siz !== NI_HDR && v) ctx.print(', invalid length');
      break;
    case 1:
      ctx.print('supported qtypes');
      if (flags) ctx.print(` [${flags & 1 ? 'C' : ''}]`);
      break;
    case 2:
      ctx.print('DNS name');
      subjectName(ctx, bp + NI_HDR + 4, ep);
      if (flags & 1) ctx.print(` [TTL=${f.be32(bp + NI_HDR)}]`);
      break;
    case 3:
      ctx.print('node addresses');
      for (let i = NI_HDR; i < siz && i + 20 <= siz; i += 20) {
        ctx.print(` ${addr6(ctx, bp + i + 4)}(${f.be32(bp + i)})`);
      }
      if (flags) ctx.print(` [${nodeAddrFlags(flags, true)}]`);
      break;
    default:
      ctx.print('unknown');
  }
  ctx.print(')');
}

/** icmp6_rrenum_print (RFC 2894 Router Renumbering). Prints ` [|icmp6]` itself on truncation. */
export function routerRenumbering(ctx: DissectContext, bp: number): void {
  const f = ctx.frame;
  const v = ctx.opts.verbose;
  if (f.snapend < bp) return;
  if (!f.has(bp + 12, 4)) return ctx.printTrunc();
  const code = f.u8(bp + 1);
  ctx.print(code === 0 ? ', command' : code === 1 ? ', result' : code === 255 ? ', sequence number reset' : `, code-#${code}`);
  ctx.print(`, seq=${f.be32(bp + 4)}`);
  if (v) {
    const fl = f.u8(bp + 9);
    ctx.print('[');
    if (fl) {
      ctx.print(`${fl & 0x80 ? 'T' : ''}${fl & 0x40 ? 'R' : ''}${fl & 0x20 ? 'A' : ''}${fl & 0x10 ? 'S' : ''}${fl & 0x08 ? 'P' : ''},`);
    }
    ctx.print(`seg=${f.u8(bp + 8)},`);
    ctx.print(`maxdelay=${f.be16(bp + 10)}`);
    const rsvd = f.be32(bp + 12);
    if (rsvd) ctx.print(`rsvd=0x${rsvd.toString(16)}`);
    ctx.print(']');
  }
  if (code !== 0) return;
  const match = bp + 16;
  if (!f.has(match + 8, 16)) return ctx.printTrunc();
  ctx.print(v > 1 ? '\n\t' : ' ');
  ctx.print('match(');
  const mcode = f.u8(match);
  ctx.print(mcode === 1 ? 'add' : mcode === 2 ? 'change' : mcode === 3 ? 'setglobal' : `#${mcode}`);
  if (v) ctx.print(`,ord=${f.u8(match + 2)},min=${f.u8(match + 4)},max=${f.u8(match + 5)}`);
  ctx.print(`,${ipv6String(f.data, match + 8)}/${f.u8(match + 3)})`);
  let n = f.u8(match + 1) - 3;
  if (n % 4) return ctx.printTrunc();
  n /= 4;
  for (let use = match + 24; n-- > 0; use += 32) {
    if (!f.has(use + 16, 16)) return ctx.printTrunc();
    ctx.print(v > 1 ? '\n\t' : ' ');
    ctx.print('use(');
    const uf = f.u8(use + 12);
    if (uf) ctx.print(`${uf & 0x80 ? 'V' : ''}${uf & 0x40 ? 'P' : ''},`);
    if (v) {
      ctx.print(`mask=0x${f.u8(use + 2).toString(16)},raflags=0x${f.u8(use + 3).toString(16)},`);
      const vl = f.be32(use + 4);
      ctx.print(vl === 0xffffffff ? 'vltime=infty,' : `vltime=${vl},`);
      const pl = f.be32(use + 8);
      ctx.print(pl === 0xffffffff ? 'pltime=infty,' : `pltime=${pl},`);
    }
    ctx.print(`${ipv6String(f.data, use + 16)}/${f.u8(use)}/${f.u8(use + 1)})`);
  }
}
