// IP Payload Compression (RFC 3173): tcpdump prints the CPI only (print-ipcomp.c).
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';

export const ipcomp: Dissector = {
  name: 'ipcomp',
  dissect(ctx: DissectContext, p: number): void {
    ctx.facts.protocol = 'IPComp';
    const cpi = ctx.frame.be16(p + 2);
    ctx.print(`IPComp(cpi=0x${cpi.toString(16).padStart(4, '0')})`);
    ctx.tree?.add('ipcomp.cpi', `IPComp CPI: 0x${cpi.toString(16).padStart(4, '0')}`, p + 2, 2, cpi);
  },
};
