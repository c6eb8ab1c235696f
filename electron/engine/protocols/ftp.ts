// FTP control connection (RFC 959): tcpdump prints the first line of each command or reply.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import { txtprotoPrint } from './text-protocol.js';

export const ftp: Dissector = {
  name: 'ftp',
  dissect(ctx: DissectContext, offset: number, length: number): void {
    ctx.facts.protocol = 'FTP';
    ctx.print(': ');
    txtprotoPrint(ctx, offset, length, null, 0);
  },
};
