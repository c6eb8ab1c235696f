// WHOIS (RFC 3912): plain text, first line printed.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import { txtprotoPrint } from './text-protocol.js';

const PROTOCOL: FieldDecl = { abbrev: 'whois', name: 'WHOIS', type: 'protocol', indexed: true };

export const whois: Dissector = {
  name: 'whois',
  fields: [PROTOCOL],
  dissect(ctx: DissectContext, offset: number, length: number): void {
    ctx.facts.protocol = 'WHOIS';
    ctx.print(': ');
    ctx.tree?.field(PROTOCOL, offset, Math.min(length, ctx.frame.left(offset)));
    txtprotoPrint(ctx, offset, length, null, 0);
  },
};
