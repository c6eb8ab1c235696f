// BSD loopback encapsulation: LINKTYPE_NULL (0, host byte order) and LINKTYPE_LOOP
// (108, network byte order), as tcpdump's print-null.c prints them.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from '../format/ethertypes.js';

const NULL_HDR_LEN = 4;
const BSD_AF_INET = 2;

/** The BSDs number AF_INET6 differently: NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30. */
function isInet6(family: number): boolean {
  return family === 24 || family === 28 || family === 30;
}

const PROTOCOL: FieldDecl = { abbrev: 'null', name: 'Null/Loopback', type: 'protocol', indexed: true };
const FAMILY: FieldDecl = { abbrev: 'null.family', name: 'Family', type: 'uint', base: 'dec' };

// tcpdump's bsd_af_values (af.c).
const AF_NAMES = new Map<number, string>([
  [BSD_AF_INET, 'IPv4'],
  [6, 'NS'],
  [7, 'ISO'],
  [16, 'Appletalk'],
  [23, 'IPX'],
  [24, 'IPv6'],
  [28, 'IPv6'],
  [30, 'IPv6'],
]);

/** NULL is in the capturing host's byte order, LOOP in network order: like tcpdump (on a
 * little-endian host), read it little-endian and swap when the upper half is set. */
function familyAt(d: Uint8Array, p: number): number {
  const le = (d[p]! | (d[p + 1]! << 8) | (d[p + 2]! << 16) | (d[p + 3]! << 24)) >>> 0;
  return (le & 0xffff0000) === 0 ? le : ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
}

function loopback(name: string): Dissector {
  return {
    name,
    fields: [PROTOCOL, FAMILY],
    index(ctx: IndexContext, p: number, length: number): void {
      if (ctx.end - p < NULL_HDR_LEN) return;
      const family = familyAt(ctx.data, p);
      if (family === BSD_AF_INET) ctx.network(ETHERTYPE_IPV4, p + NULL_HDR_LEN, length - NULL_HDR_LEN);
      else if (isInet6(family)) ctx.network(ETHERTYPE_IPV6, p + NULL_HDR_LEN, length - NULL_HDR_LEN);
    },
    dissect(ctx: DissectContext, p: number, length: number): void {
      const f = ctx.frame;
      // print-null.c serves both link types and names itself "null" in ` [|null]`.
      ctx.protocol = 'null';
      if (f.left(p) < NULL_HDR_LEN) {
        ctx.printTrunc();
        return;
      }
      const family = familyAt(f.data, p);
      const hdr = (len: number): void => ctx.print(`AF ${AF_NAMES.get(family) ?? 'Unknown'} (${family}), length ${len}: `);
      const t = ctx.tree;
      if (t) {
        t.openField(PROTOCOL, p, NULL_HDR_LEN);
        t.add(FAMILY.abbrev, `Family: ${AF_NAMES.get(family) ?? 'Unknown'} (${family})`, p, NULL_HDR_LEN, family);
        t.close();
      }
      if (ctx.opts.eflag) hdr(length);
      if (family === BSD_AF_INET) ctx.dispatch('ethertype', ETHERTYPE_IPV4, p + NULL_HDR_LEN, length - NULL_HDR_LEN);
      else if (isInet6(family)) ctx.dispatch('ethertype', ETHERTYPE_IPV6, p + NULL_HDR_LEN, length - NULL_HDR_LEN);
      else {
        if (!ctx.opts.eflag) hdr(length);
        // -q also sets tcpdump's ndo_suppress_default_print: no hex dump.
        if (!ctx.opts.qflag) hexAndAsciiPrint(ctx, '\n\t', p + NULL_HDR_LEN, f.left(p + NULL_HDR_LEN));
      }
    },
  };
}

export const bsdNull = loopback('null');
export const bsdLoop = loopback('loop');
