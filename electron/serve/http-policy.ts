// What every response of the serve host carries, and who may ask: the security headers, the
// token read from the query or from the cookie set by the first authorised page load (the
// page's own scripts and styles are loaded by relative URL, without the query), and the
// Host/Origin checks that stop DNS rebinding and cross-site WebSocket use.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { CSP } from '../renderer-files/csp.js';
import { tokenMatches } from './token.js';

export const SECURITY_HEADERS: OutgoingHttpHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  // The token is in the page URL: never send it on in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** One cookie per port: cookies are shared by every port of a host. */
function cookieName(port: number): string {
  return `ackline-token-${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface Authorisation {
  ok: boolean;
  /** The token came in the query string (the page then gets the cookie). */
  viaQuery: boolean;
}

export function authorise(req: IncomingMessage, url: URL, port: number, token: string): Authorisation {
  if (tokenMatches(url.searchParams.get('token'), token)) return { ok: true, viaQuery: true };
  return { ok: tokenMatches(cookieValue(req, cookieName(port)), token), viaQuery: false };
}

/** Host names a browser on this machine uses for us; anything else is DNS rebinding. */
export function hostAllowed(req: IncomingMessage, port: number, bound: string): boolean {
  const host = req.headers.host;
  if (!host) return false;
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bound.includes(':') ? `[${bound}]` : bound]);
  for (const n of names) if (host === `${n}:${port}`) return true;
  return false;
}

/** A WebSocket may only be opened by our own page (or by a client that sends no Origin). */
export function originAllowed(req: IncomingMessage, port: number, bound: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    const fake = { headers: { host: u.host } } as IncomingMessage;
    return u.protocol === 'http:' && hostAllowed(fake, port, bound);
  } catch {
    return false;
  }
}
