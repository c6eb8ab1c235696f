// SMTP (RFC 5321): tcpdump prints the first line of each command or reply.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import { txtprotoPrint } from './text-protocol.js';

export const smtp: Dissector = {
  name: 'smtp',
  dissect(ctx: DissectContext, offset: number, length: number): void {
    ctx.facts.protocol = 'SMTP';
    ctx.print(': ');
    txtprotoPrint(ctx, offset, length, null, 0);
  },
};
