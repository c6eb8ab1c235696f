// /upload on the serve host (the token and the Host header are checked before this runs):
//   GET  /upload               → {maxBytes, availableBytes}: the limit the page shows
//   POST /upload?name=FILE     → the body streamed to a temporary file → 201 {id, size}, or
//                                {error} with 413 (too large), 408 (stalled), 503 (too many)
// The page then asks its session to open the upload by id (the contract's openUpload).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { originAllowed } from './http-policy.js';
import { refuse, sendJson } from './http-replies.js';
import { safeUploadName, type Uploads } from './uploads.js';

export interface UploadRouteContext {
  uploads: Uploads;
  port: number;
  host: string;
  log: (line: string) => void;
}

export async function serveUpload(req: IncomingMessage, res: ServerResponse, url: URL, ctx: UploadRouteContext): Promise<void> {
  // A page of another site may not post files here, even with the user's cookie.
  if (!originAllowed(req, ctx.port, ctx.host)) return refuse(req, res, 403, 'Forbidden: uploads come from the Ackline page only');
  if (req.method === 'GET' || req.method === 'HEAD') return sendJson(req, res, 200, await ctx.uploads.limits());
  if (req.method !== 'POST' && req.method !== 'PUT') return refuse(req, res, 405, 'Method not allowed');
  const name = safeUploadName(url.searchParams.get('name'));
  const r = await ctx.uploads.receive(req, name);
  if (r.ok) return sendJson(req, res, 201, { id: r.id, size: r.size });
  ctx.log(`ackline serve: upload refused (${r.status}): ${r.message}`);
  if (!res.headersSent && !res.destroyed) sendJson(req, res, r.status, { error: r.message }, r.status === 503 ? { 'Retry-After': '5' } : {});
}
