// The Content-Security-Policy the renderer bundle is served under, by Electron's ackline://app/
// scheme and by `ackline serve` alike: one policy, so the app and the browser run the same page
// under the same rules.

/** The renderer's policy: only our own scripts; packet data is never markup. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
