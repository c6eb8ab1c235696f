// HTTP/1.x (RFC 9112) request and status lines, as tcpdump's print-http.c prints them.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import { RESP_CODE_SECOND_TOKEN, txtprotoPrint } from './text-protocol.js';

export const HTTP_METHODS = [
  'GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL', 'TRACE', 'LABEL', 'MERGE',
  'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'NOTIFY', 'BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN', 'PROPFIND',
  'CHECKOUT', 'CCM_POST', 'SUBSCRIBE', 'PROPPATCH', 'BPROPFIND', 'BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY',
  'MKWORKSPACE', 'UNSUBSCRIBE', 'RPC_CONNECT', 'VERSION-CONTROL', 'BASELINE-CONTROL',
];

const PROTOCOL: FieldDecl = { abbrev: 'http', name: 'Hypertext Transfer Protocol', type: 'protocol', indexed: true };

export const http: Dissector = {
  name: 'http',
  fields: [PROTOCOL],
  dissect(ctx: DissectContext, offset: number, length: number): void {
    ctx.facts.protocol = 'HTTP';
    ctx.print(': ');
    ctx.tree?.add(PROTOCOL.abbrev, `${PROTOCOL.name} (${length} bytes)`, offset, Math.min(length, ctx.frame.left(offset)));
    txtprotoPrint(ctx, offset, length, HTTP_METHODS, RESP_CODE_SECOND_TOKEN);
  },
};
