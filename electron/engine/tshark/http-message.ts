// Where an HTTP/1.x message ends (RFC 9112 section 6.3), as Wireshark's HTTP reassembly
// decides it: the header block, then Content-Length bytes or the chunks of a chunked body,
// or, for a response that gives neither, everything up to the end of the connection.

const METHODS = new Set([
  'GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PATCH', 'PROPFIND', 'PROPPATCH', 'MKCOL',
  'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'REPORT', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'M-SEARCH',
]);

function firstToken(b: Uint8Array): string {
  let s = '';
  for (let k = 0; k < b.length && k < 24; k++) {
    const c = b[k]!;
    if (c === 0x20) return s;
    if (c < 0x21 || c > 0x7e) return '';
    s += String.fromCharCode(c);
  }
  return '';
}

export function isHttpResponse(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0x48 && b[1] === 0x54 && b[2] === 0x54 && b[3] === 0x50 && b[4] === 0x2f;
}

/** Does the message start with a request line or a status line? */
export function looksLikeHttp(b: Uint8Array): boolean {
  if (isHttpResponse(b)) return true;
  return METHODS.has(firstToken(b));
}

/** Length of the header block including the empty line, or -1 when it is not complete yet. */
export function headerEnd(b: Uint8Array): number {
  for (let k = 0; k + 1 < b.length; k++) {
    if (b[k] !== 10) continue;
    if (b[k + 1] === 10) return k + 2;
    if (b[k + 1] === 13 && k + 2 < b.length && b[k + 2] === 10) return k + 3;
  }
  return -1;
}

export interface HttpHead {
  /** The request or status line. */
  readonly line: string;
  /** Header fields, names lower-cased, in order. */
  readonly fields: readonly (readonly [string, string])[];
  readonly headerLength: number;
}

export function parseHead(b: Uint8Array): HttpHead | null {
  const end = headerEnd(b);
  if (end < 0) return null;
  const text = latin1(b.subarray(0, end));
  const lines = text.split(/\r?\n/);
  const fields: [string, string][] = [];
  for (const l of lines.slice(1)) {
    const colon = l.indexOf(':');
    if (colon > 0) fields.push([l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()]);
  }
  return { line: lines[0] ?? '', fields, headerLength: end };
}

export function headerValue(h: HttpHead, name: string): string | undefined {
  return h.fields.find(([n]) => n === name)?.[1];
}

/**
 * The message's length: a number, 'fin' when it runs to the end of the connection, or null
 * when the headers (or the chunks) are not all there yet.
 */
export function httpMessageLength(b: Uint8Array): number | 'fin' | null {
  const h = parseHead(b);
  if (!h) return null;
  const response = isHttpResponse(b);
  if (response) {
    const status = Number(h.line.split(' ')[1]);
    if ((status >= 100 && status < 200) || status === 204 || status === 304) return h.headerLength;
  }
  const te = headerValue(h, 'transfer-encoding');
  if (te && /chunked/i.test(te)) return chunkedEnd(b, h.headerLength);
  const cl = headerValue(h, 'content-length');
  if (cl !== undefined && /^\d+$/.test(cl)) return h.headerLength + Number(cl);
  return response ? 'fin' : h.headerLength;
}

/** End of a chunked body starting at `at` (after the trailer), or null when incomplete. */
function chunkedEnd(b: Uint8Array, at: number): number | null {
  for (;;) {
    const eol = lineEnd(b, at);
    if (eol < 0) return null;
    const size = parseInt(latin1(b.subarray(at, eol)).split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size)) return b.length;
    at = skipEol(b, eol);
    if (size === 0) {
      // Trailer fields, then an empty line.
      for (;;) {
        const e = lineEnd(b, at);
        if (e < 0) return null;
        const empty = e === at;
        at = skipEol(b, e);
        if (empty) return at;
      }
    }
    at += size;
    if (at + 2 > b.length) return null;
    at = skipEol(b, at);
  }
}

function lineEnd(b: Uint8Array, from: number): number {
  for (let k = from; k < b.length; k++) if (b[k] === 10) return k > from && b[k - 1] === 13 ? k - 1 : k;
  return -1;
}

function skipEol(b: Uint8Array, at: number): number {
  if (b[at] === 13) at++;
  if (b[at] === 10) at++;
  return at;
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let k = 0; k < b.length; k += 8192) s += String.fromCharCode(...b.subarray(k, k + 8192));
  return s;
}
