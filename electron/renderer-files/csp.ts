// The Content-Security-Policy the renderer bundle is served under, by Electron's ackline://app/
// scheme and by `ackline serve` alike, and the copy its page carries in a <meta> element
// (renderer/vite.config.ts writes it into index.html at build): one policy, so the app and the
// browser run the same page under the same rules.

/** Every directive but frame-ancestors, which only a header can carry. */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // Covers serve's WebSocket on the same origin.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The renderer's policy, sent with every response: only our own scripts; packet data is never markup. */
export const CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The page's own copy: a <meta> policy cannot carry frame-ancestors (Chromium ignores it there). */
export const META_CSP = DIRECTIVES.join('; ');
