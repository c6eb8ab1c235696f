// The serve host's answers that are not files: refusals and small JSON bodies, with the
// security headers. A request whose body was not read is answered with Connection: close,
// so the rest of that body is never read (nor waited for) on a kept-alive connection.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './http-policy.js';

/** The request says a body follows (a length above zero, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function closing(req: IncomingMessage): OutgoingHttpHeaders {
  return hasBody(req) && !req.complete ? { Connection: 'close' } : {};
}

export function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...closing(req), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, ...closing(req), 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
