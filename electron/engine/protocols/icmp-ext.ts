// ICMP multi-part extensions (RFC 4884) with MPLS label stack objects (RFC 4950),
// printed at -v after the quoted datagram as tcpdump's print-icmp.c does. Not a dissector.
import type { DissectContext } from '../dissect/dissect-context.js';
import { internetChecksum } from '../format/checksum.js';
import { hexPrint } from '../summary/hexdump.js';

/** The extension structure starts 128 bytes into the original-datagram field. */
const EXT_VERSION_OFF = 8 + 128;
/** ICMP_EXTD_MINLEN: 156 - sizeof(struct ip). */
export const ICMP_EXTD_MINLEN = 136;
/** sizeof(struct icmp_ext_t) as tcpdump checks it before reading the header. */
const ICMP_EXT_T_SIZE = 141;
const OBJ_HDR = 4;

const OBJ_CLASS: ReadonlyMap<number, string> = new Map([
  [1, 'MPLS Stack Entry'],
  [2, 'Interface Identification'],
]);

/** True for the types whose messages may carry extensions (unreachable, time exceeded, parameter problem). */
export function isMultipartType(type: number): boolean {
  return type === 3 || type === 11 || type === 12;
}

/** print_unknown_data: hex of what is captured of `len` bytes, without a truncation mark. */
function unknownData(ctx: DissectContext, o: number, ident: string, len: number): void {
  const avail = ctx.frame.left(o);
  if (o > ctx.frame.snapend) {
    ctx.print(`${ident}Dissector error: print_unknown_data called with pointer past end of packet`);
    return;
  }
  hexPrint(ctx, ident, o, Math.min(len, avail));
}

/** Prints the extension of the ICMP message at `bp` (length `plen`); may throw `Truncated`. */
export function printMultipartExtension(ctx: DissectContext, bp: number, plen: number): void {
  const f = ctx.frame;
  const d = f.data;
  f.check(bp, ICMP_EXT_T_SIZE);
  const ver = bp + EXT_VERSION_OFF;
  let hlen = plen - ICMP_EXTD_MINLEN;
  // Without a length field, only a valid extension checksum says an extension is there.
  if (f.u8(bp + 5) === 0 && f.has(ver, hlen)) {
    if (internetChecksum(d, ver, hlen) !== 0) return;
  }
  const version = (d[ver]! & 0xf0) >> 4;
  ctx.print(`\n\tICMP Multi-Part extension v${version}`);
  if (version !== 2) {
    ctx.print(' packet not supported');
    return;
  }
  if (f.has(ver, hlen)) {
    const ok = internetChecksum(d, ver, hlen) === 0;
    ctx.print(`, checksum 0x${f.be16(ver + 2).toString(16).padStart(4, '0')} (${ok ? '' : 'in'}correct), length ${hlen}`);
  }
  hlen -= 4;
  let p = ver + 4;
  // Each pass consumes at least the 4-byte object header, so the loop ends.
  while (hlen > OBJ_HDR) {
    f.check(p, OBJ_HDR);
    let objLen = f.be16(p);
    const cls = f.u8(p + 2);
    const ctype = f.u8(p + 3);
    p += OBJ_HDR;
    ctx.print(`\n\t  ${OBJ_CLASS.get(cls) ?? 'unknown'} Object (${cls}), Class-Type: ${ctype}, length ${objLen}`);
    hlen -= OBJ_HDR;
    if (cls === 0 || objLen < OBJ_HDR) return;
    objLen -= OBJ_HDR;
    if (cls === 1 && ctype === 1) {
      const raw = f.be32(p);
      ctx.print(`\n\t    label ${raw >>> 12}, tc ${(raw >>> 9) & 7}`);
      if ((raw >>> 8) & 1) ctx.print(', [S]');
      ctx.print(`, ttl ${raw & 0xff}`);
    } else {
      unknownData(ctx, p, '\n\t    ', objLen);
    }
    if (hlen < objLen) break;
    hlen -= objLen;
    p += objLen;
  }
}
