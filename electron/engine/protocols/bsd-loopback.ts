// BSD loopback encapsulation: LINKTYPE_NULL (0, host byte order) and LINKTYPE_LOOP
// (108, network byte order), as tcpdump's print-null.c prints them.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';

// tcpdump's bsd_af_values (af.c).
const AF_NAMES = new Map<number, string>([
  [2, 'IPv4'],
  [6, 'NS'],
  [7, 'ISO'],
  [16, 'Appletalk'],
  [23, 'IPX'],
  [24, 'IPv6'],
  [28, 'IPv6'],
  [30, 'IPv6'],
]);

function loopback(name: string): Dissector {
  return {
    name,
    dissect(ctx: DissectContext, p: number, length: number): void {
      const f = ctx.frame;
      // print-null.c serves both link types and names itself "null" in ` [|null]`.
      ctx.protocol = 'null';
      if (f.left(p) < 4) {
        ctx.printTrunc();
        return;
      }
      // NULL is in the capturing host's byte order, LOOP in network order: like tcpdump
      // (on a little-endian host), read it little-endian and swap when the upper half is set.
      let family = f.le32(p);
      if ((family & 0xffff0000) !== 0) family = f.be32(p);
      const hdr = (len: number): void => ctx.print(`AF ${AF_NAMES.get(family) ?? 'Unknown'} (${family}), length ${len}: `);
      ctx.tree?.add('null.family', `Family: ${AF_NAMES.get(family) ?? 'Unknown'} (${family})`, p, 4, family);
      if (ctx.opts.eflag) hdr(length);
      if (family === 2) ctx.dispatch('ethertype', 0x0800, p + 4, length - 4);
      else if (family === 24 || family === 28 || family === 30) ctx.dispatch('ethertype', 0x86dd, p + 4, length - 4);
      else {
        if (!ctx.opts.eflag) hdr(length);
        // -q also sets tcpdump's ndo_suppress_default_print: no hex dump.
        if (!ctx.opts.qflag) hexAndAsciiPrint(ctx, '\n\t', p + 4, f.left(p + 4));
      }
    },
  };
}

export const bsdNull = loopback('null');
export const bsdLoop = loopback('loop');
