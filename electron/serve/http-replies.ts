// The serve host's answers that are not files: refusals and small JSON bodies, with the
// security headers. A request whose body was not read (refused from its headers, or stopped
// half way) gets a lingering close, as nginx does: once the answer is out, what the client
// still sends is read and dropped for a moment, then the connection is cut. Cutting it at
// once, with unread bytes, makes the kernel send a reset that can destroy the answer before
// the client reads it; reading on for ever would let a client hold the connection.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './http-policy.js';

/** At most this long; past LINGER_BYTES, at least LINGER_MIN_MS (so the client reads the answer). */
const LINGER_MS = 2000;
const LINGER_MIN_MS = 500;
const LINGER_BYTES = 64 * 1024 * 1024;

/** The request says a body follows (a length above zero, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function lingerIfUnread(req: IncomingMessage, res: ServerResponse): void {
  if (!hasBody(req) || req.complete) return;
  // Node closes a connection the client asked to close as soon as the answer is written,
  // unread bytes or not: kept open here, and cut by the watch below instead.
  res.shouldKeepAlive = true;
  res.once('finish', () => {
    const socket = req.socket;
    const start = socket.bytesRead;
    const t0 = Date.now();
    const watch = setInterval(() => {
      const ms = Date.now() - t0;
      if (ms > LINGER_MS || (ms > LINGER_MIN_MS && socket.bytesRead - start > LINGER_BYTES)) stop(true);
    }, 100);
    const stop = (cut: boolean): void => {
      clearInterval(watch);
      if (cut) socket.destroy();
    };
    // The rest of the body arrived (within the bounds): the connection may serve again.
    req.once('end', () => stop(false));
    socket.once('close', () => stop(false));
    // Dropped unread, also when the body was piped somewhere that has stopped taking it.
    req.resume();
  });
}

export function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  lingerIfUnread(req, res);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  lingerIfUnread(req, res);
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
