// WHOIS (RFC 3912): plain text, first line printed.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import { txtprotoPrint } from './text-protocol.js';

export const whois: Dissector = {
  name: 'whois',
  dissect(ctx: DissectContext, offset: number, length: number): void {
    ctx.facts.protocol = 'WHOIS';
    ctx.print(': ');
    txtprotoPrint(ctx, offset, length, null, 0);
  },
};
