// IP Payload Compression (RFC 3173): tcpdump prints the CPI only (print-ipcomp.c).
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';

const PROTOCOL: FieldDecl = { abbrev: 'ipcomp', name: 'IP Payload Compression', type: 'protocol' };
const CPI: FieldDecl = { abbrev: 'ipcomp.cpi', name: 'IPComp CPI', type: 'uint', base: 'hex' };

export const ipcomp: Dissector = {
  name: 'ipcomp',
  fields: [PROTOCOL, CPI],
  dissect(ctx: DissectContext, p: number): void {
    ctx.facts.protocol = 'IPComp';
    const cpi = ctx.frame.be16(p + 2);
    ctx.print(`IPComp(cpi=0x${cpi.toString(16).padStart(4, '0')})`);
    const t = ctx.tree;
    if (t) {
      t.openField(PROTOCOL, p, Math.min(4, ctx.frame.left(p)));
      t.field(CPI, p + 2, 2, cpi);
      t.close();
    }
  },
};
