// DNS questions and resource records (RFC 1035 4.1.2/4.1.3, RFC 6891 OPT and its
// options, RFC 7871 ECS, RFC 7873 cookies, RFC 7553 URI, RFC 8945 TSIG), printed as
// tcpdump 4.99.3's ns_qprint / ns_rprint / eopt_print do. Not a dissector: a helper
// of dns.ts. `null` is tcpdump's NULL return (the caller prints ` [|domain]`).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv4String, ipv6String } from '../format/addresses.js';
import { cprint, fqdnPrint, nskip, printN } from './dns-names.js';
import {
  C_IN, DAU_ALG_NAMES, DHU_ALG_NAMES, E_CHAIN, E_COOKIE, E_DAU, E_DHU, E_ECS, E_EXPIRE, E_KEEPALIVE, E_KEYTAG,
  E_N3U, E_PADDING, EDNS_OPT_NAMES, N3U_ALG_NAMES, T_A, T_A6, T_AAAA, T_CNAME, T_DNAME, T_MX, T_NS, T_OPT,
  T_PTR, T_SOA, T_SRV, T_TSIG, T_TXT, T_UNSPECA, T_URI, classText, typeText,
} from './dns-types.js';

/** mDNS (RFC 6762): the top class bit is QU in questions and cache-flush in answers. */
const C_QU = 0x8000;

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** unsigned_relts_print: `1d2h3m4s` (or `0s`). */
export function reltsText(secs: number): string {
  if (secs === 0) return '0s';
  const units: readonly (readonly [number, string])[] = [
    [31536000, 'y'], [604800, 'w'], [86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's'],
  ];
  let s = '';
  for (const [n, u] of units) {
    if (secs >= n) {
      const q = Math.floor(secs / n);
      s += `${q}${u}`;
      secs -= q * n;
    }
  }
  return s;
}

/** ns_qprint: ` A? name.` ; the offset after the question, or null. */
export function qprint(ctx: DissectContext, cp: number, bp: number, isMdns: boolean): number | null {
  const f = ctx.frame;
  const np = cp;
  const after = nskip(f, cp);
  if (after === null || !f.has(after, 4)) return null;
  ctx.print(` ${typeText(f.be16(after))}`);
  const raw = f.be16(after + 2);
  const cls = isMdns ? raw & ~C_QU : raw;
  if (cls !== C_IN) ctx.print(` ${classText(cls)}`);
  if (isMdns) ctx.print(raw & C_QU ? ' (QU)' : ' (QM)');
  ctx.print('? ');
  const end = fqdnPrint(ctx, np, bp);
  return end === null ? null : end + 4;
}

/** print_eopt_ecs: `addr/source/scope` of an EDNS Client Subnet option. */
function ecsPrint(ctx: DissectContext, cp: number, dataLen: number): void {
  const f = ctx.frame;
  if (dataLen < 4) return ctx.printInvalid();
  const family = f.be16(cp);
  const srcLen = f.u8(cp + 2);
  const scopeLen = f.u8(cp + 3);
  const bits = family === 1 ? 32 : family === 2 ? 128 : 0;
  if (bits === 0 || dataLen - 4 > bits / 8) return ctx.printInvalid();
  if (srcLen > bits || scopeLen > bits || Math.floor((srcLen + 7) / 8) !== dataLen - 4) return ctx.printInvalid();
  const padded = new Uint8Array(16);
  padded.set(f.bytes(cp + 4, dataLen - 4));
  const addr = family === 1 ? ipv4String(padded, 0) : ipv6String(padded, 0);
  ctx.print(`${addr}/${srcLen}/${scopeLen}`);
}

function algList(ctx: DissectContext, cp: number, n: number, names: ReadonlyMap<number, string>): void {
  const f = ctx.frame;
  for (let i = 0; i < n; i++) {
    const a = f.u8(cp + i);
    ctx.print(`${i > 0 ? ' ' : ''}${names.get(a) ?? `Alg_${a}`}`);
  }
}

/** eopt_print: one EDNS option as `NAME data`; the offset after it, or null. */
function eoptPrint(ctx: DissectContext, cp: number): number | null {
  const f = ctx.frame;
  if (!f.has(cp, 2)) return null;
  const opt = f.be16(cp);
  cp += 2;
  ctx.print(EDNS_OPT_NAMES.get(opt) ?? `Opt${opt}`);
  if (!f.has(cp, 2)) return null;
  const len = f.be16(cp);
  cp += 2;
  if (!f.has(cp, len)) return null;
  if (len > 0) {
    ctx.print(' ');
    switch (opt) {
      case E_ECS:
        ecsPrint(ctx, cp, len);
        break;
      case E_COOKIE:
        if (len < 8 || (len > 8 && len < 16) || len > 40) ctx.printInvalid();
        else {
          let s = '';
          for (let i = 0; i < len; i++) s += (i === 8 ? ' ' : '') + hex2(f.u8(cp + i));
          ctx.print(s);
        }
        break;
      case E_KEEPALIVE:
        // In units of 100 ms, printed as seconds with one decimal.
        if (len !== 2) ctx.printInvalid();
        else ctx.print(`${(f.be16(cp) / 10).toFixed(1)} sec`);
        break;
      case E_EXPIRE:
        if (len !== 4) ctx.printInvalid();
        else ctx.print(`${f.be32(cp)} sec`);
        break;
      case E_PADDING:
        ctx.print(`(${len})`);
        break;
      case E_KEYTAG:
        if (len % 2 !== 0) ctx.printInvalid();
        else for (let i = 0; i < len; i += 2) ctx.print(`${i > 0 ? ' ' : ''}${f.be16(cp + i)}`);
        break;
      case E_DAU:
        algList(ctx, cp, len, DAU_ALG_NAMES);
        break;
      case E_DHU:
        algList(ctx, cp, len, DHU_ALG_NAMES);
        break;
      case E_N3U:
        algList(ctx, cp, len, N3U_ALG_NAMES);
        break;
      case E_CHAIN:
        // tcpdump passes the end of the option as the message start (pointers wrap).
        fqdnPrint(ctx, cp, cp + len);
        break;
      default: {
        let s = '';
        for (let i = 0; i < len; i++) s += hex2(f.u8(cp + i));
        ctx.print(s);
      }
    }
  }
  return cp + len;
}

/**
 * ns_rprint: one resource record (` [name] TYPE data`). Returns the offset after its
 * RDATA, null to give up, or the end of the captured bytes when its fixed part is
 * missing (tcpdump returns ndo_snapend there, which only stops the section loop).
 */
export function rprint(ctx: DissectContext, cp: number, bp: number, isMdns: boolean): number | null {
  const f = ctx.frame;
  const v = ctx.opts.verbose;
  let p: number | null;
  if (v) {
    ctx.print(' ');
    p = fqdnPrint(ctx, cp, bp);
    if (p === null) return null;
  } else p = nskip(f, cp);
  if (p === null || !f.has(p, 10)) return f.snapend;
  cp = p;
  const typ = f.be16(cp);
  const raw = f.be16(cp + 2);
  cp += 4;
  const cls = isMdns ? raw & ~C_QU : raw;
  if (cls !== C_IN && typ !== T_OPT) ctx.print(` ${classText(cls)}`);
  if (isMdns && raw & C_QU) ctx.print(' (Cache flush)');
  let optFlags = 0;
  if (typ === T_OPT) optFlags = f.be16(cp + 2);
  else if (v > 2) ctx.print(` [${reltsText(f.be32(cp))}]`);
  cp += 4;
  const len = f.be16(cp);
  cp += 2;
  ctx.print(` ${typeText(typ)}`);
  if (!f.has(cp, len)) return null;
  const rp = cp + len;
  switch (typ) {
    case T_A:
      if (!f.has(cp, 4)) return null;
      ctx.print(` ${ipv4String(f.data, cp)}`);
      break;
    case T_NS:
    case T_CNAME:
    case T_PTR:
    case T_DNAME:
      ctx.print(' ');
      if (fqdnPrint(ctx, cp, bp) === null) return null;
      break;
    case T_SOA: {
      if (!v) break;
      ctx.print(' ');
      let q = fqdnPrint(ctx, cp, bp);
      if (q === null) return null;
      ctx.print(' ');
      q = fqdnPrint(ctx, q, bp);
      if (q === null || !f.has(q, 20)) return null;
      for (let k = 0; k < 5; k++) ctx.print(` ${f.be32(q + 4 * k)}`);
      break;
    }
    case T_MX:
      ctx.print(' ');
      if (!f.has(cp, 2)) return null;
      if (fqdnPrint(ctx, cp + 2, bp) === null) return null;
      ctx.print(` ${f.be16(cp)}`);
      break;
    case T_TXT:
      while (cp < rp) {
        ctx.print(' "');
        const q = cprint(ctx, cp);
        if (q === null) return null;
        cp = q;
        ctx.print('"');
      }
      break;
    case T_SRV:
      ctx.print(' ');
      if (!f.has(cp, 6)) return null;
      if (fqdnPrint(ctx, cp + 6, bp) === null) return null;
      ctx.print(`:${f.be16(cp + 4)} ${f.be16(cp)} ${f.be16(cp + 2)}`);
      break;
    case T_AAAA:
      if (!f.has(cp, 16)) return null;
      ctx.print(` ${ipv6String(f.data, cp)}`);
      break;
    case T_A6: {
      if (!f.has(cp, 1)) return null;
      const pbit = f.u8(cp);
      const pbyte = (pbit & ~7) / 8;
      if (pbit > 128) {
        ctx.print(` ${pbit}(bad plen)`);
        break;
      }
      if (pbit < 128) {
        const a = new Uint8Array(16);
        a.set(f.bytes(cp + 1, 16 - pbyte), pbyte);
        ctx.print(` ${pbit} ${ipv6String(a, 0)}`);
      }
      if (pbit > 0) {
        ctx.print(' ');
        if (fqdnPrint(ctx, cp + 1 + 16 - pbyte, bp) === null) return null;
      }
      break;
    }
    case T_URI:
      // 4.99.3 has no minimum-length check: a short RDATA reads into what follows, and
      // its unsigned `len - 4` makes the target run to the end of the capture.
      ctx.print(` ${f.be16(cp)} ${f.be16(cp + 2)} `);
      if (printN(ctx, cp + 4, (len - 4) >>> 0)) return null;
      break;
    case T_UNSPECA:
      // "Unspecified ASCII" (an MIT hack): the bytes right after the type name.
      if (printN(ctx, cp, len)) return null;
      break;
    case T_OPT:
      ctx.print(` UDPsize=${cls}`);
      if (optFlags & 0x8000) ctx.print(' DO');
      if (cp < rp) {
        ctx.print(' [');
        while (cp < rp) {
          const q = eoptPrint(ctx, cp);
          if (q === null) return null;
          cp = q;
          if (cp < rp) ctx.print(',');
        }
        ctx.print(']');
      }
      break;
    case T_TSIG: {
      if (!v) break;
      ctx.print(' ');
      const q = fqdnPrint(ctx, cp, bp);
      if (q === null) return null;
      cp = q + 6; // skip the time signed
      if (!f.has(cp, 2)) return null;
      ctx.print(` fudge=${f.be16(cp)}`);
      cp += 2;
      if (!f.has(cp, 2)) return null;
      ctx.print(` maclen=${f.be16(cp)}`);
      cp += 2 + f.be16(cp);
      if (!f.has(cp, 2)) return null;
      ctx.print(` origid=${f.be16(cp)}`);
      cp += 2;
      if (!f.has(cp, 2)) return null;
      ctx.print(` error=${f.be16(cp)}`);
      cp += 2;
      if (!f.has(cp, 2)) return null;
      ctx.print(` otherlen=${f.be16(cp)}`);
      break;
    }
  }
  return rp;
}
