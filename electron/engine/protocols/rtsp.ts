// RTSP (RFC 2326) request and status lines, as tcpdump's print-rtsp.c prints them.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import { RESP_CODE_SECOND_TOKEN, txtprotoPrint } from './text-protocol.js';

const RTSP_METHODS = ['DESCRIBE', 'ANNOUNCE', 'GET_PARAMETER', 'OPTIONS', 'PAUSE', 'PLAY', 'RECORD', 'REDIRECT', 'SETUP', 'SET_PARAMETER', 'TEARDOWN'];

const PROTOCOL: FieldDecl = { abbrev: 'rtsp', name: 'Real Time Streaming Protocol', type: 'protocol', indexed: true };

export const rtsp: Dissector = {
  name: 'rtsp',
  fields: [PROTOCOL],
  dissect(ctx: DissectContext, offset: number, length: number): void {
    ctx.facts.protocol = 'RTSP';
    ctx.print(': ');
    ctx.tree?.field(PROTOCOL, offset, Math.min(length, ctx.frame.left(offset)));
    txtprotoPrint(ctx, offset, length, RTSP_METHODS, RESP_CODE_SECOND_TOKEN);
  },
};
