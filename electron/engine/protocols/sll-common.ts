// What the two Linux cooked-capture printers share (print-sll.c): packet-type names and
// the ethertype/802.1Q hand-off after the header. Not a dissector.
import type { DissectContext } from '../dissect/dissect-context.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { etherTypeName } from './ethertypes.js';

const PKTTYPES = ['In', 'B', 'M', 'P', 'Out'];

export function sllPacketType(t: number): string | undefined {
  return PKTTYPES[t];
}

/**
 * Prints the payload after a cooked header. Returns false when the ethertype is not
 * one tcpdump decodes (the caller prints the header and the raw bytes then).
 */
export function sllPayload(ctx: DissectContext, etherType: number, p: number, length: number): boolean {
  const f = ctx.frame;
  for (;;) {
    if (etherType <= 1500) {
      // 802.3 (IPX) / 802.2 (LLC): not decoded; tcpdump's default print shows the bytes.
      // -q also sets tcpdump's ndo_suppress_default_print: no hex dump.
      if (!ctx.opts.qflag) hexAndAsciiPrint(ctx, '\n\t', p, f.left(p));
      return true;
    }
    if (etherType === 0x8100) {
      if (f.left(p) < 4 || length < 4) {
        ctx.protocol = 'vlan';
        ctx.printTrunc();
        return true;
      }
      if (ctx.opts.eflag) {
        const tci = f.be16(p);
        ctx.print(`vlan ${tci & 0xfff}, p ${tci >> 13}${tci & 0x1000 ? ', DEI' : ''}, `);
      }
      let inner = f.be16(p + 2);
      if (inner <= 1500) inner = 4;
      if (!ctx.opts.qflag) ctx.print(`ethertype ${etherTypeName(inner) ?? 'Unknown'}, `);
      etherType = inner;
      p += 4;
      length -= 4;
      continue;
    }
    return ctx.dispatch('ethertype', etherType, p, length);
  }
}
