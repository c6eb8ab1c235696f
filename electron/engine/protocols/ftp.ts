// FTP control connection (RFC 959): tcpdump prints the first line of each command or reply.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import { txtprotoPrint } from './text-protocol.js';

const PROTOCOL: FieldDecl = { abbrev: 'ftp', name: 'File Transfer Protocol (FTP)', type: 'protocol', indexed: true };

export const ftp: Dissector = {
  name: 'ftp',
  fields: [PROTOCOL],
  dissect(ctx: DissectContext, offset: number, length: number): void {
    ctx.facts.protocol = 'FTP';
    ctx.print(': ');
    ctx.tree?.field(PROTOCOL, offset, Math.min(length, ctx.frame.left(offset)));
    txtprotoPrint(ctx, offset, length, null, 0);
  },
};
