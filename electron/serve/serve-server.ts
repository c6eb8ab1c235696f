// The HTTP + WebSocket server of `ackline serve`: the renderer bundle, downloads of exported
// files, uploads of dropped files, and one WebSocket per browser tab carrying the contract's
// two channels (framed by shared/ws-framing.ts). Every request needs the token; Host and
// Origin are checked too. Whatever one client sends (a bad frame, a huge body, a stalled
// upload), only that client's socket or request ends: the server and other tabs go on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Endpoint } from '../shared/rpc.js';
import { decodeFrame, encodeFrame, MAX_TAB_FRAME_BYTES, type Channel } from '../shared/ws-framing.js';
import type { Downloads } from './downloads.js';
import { authorise, hostAllowed, originAllowed, SECURITY_HEADERS, tokenCookie } from './http-policy.js';
import { openStatic, resolveStatic, type StaticFile } from '../renderer-files/static-files.js';
import { hasBody, refuse } from './http-replies.js';
import { serveUpload } from './upload-route.js';
import type { Uploads } from './uploads.js';

export interface TabConnection {
  session: Endpoint;
  engine: Endpoint;
  /** Called once when the tab goes away. */
  onClose(fn: () => void): void;
}

export interface ServeServerOptions {
  host: string;
  port: number;
  token: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  downloads: Downloads;
  uploads: Uploads;
  /** A new browser tab connected: give it a session. */
  onTab(tab: TabConnection): void;
  /** One line per thing a client did wrong (the server itself goes on). */
  log?: (line: string) => void;
  /** Tabs (WebSockets) open at once; one more is refused (503). */
  maxTabs?: number;
}

export interface ServeServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServeServer(opts: ServeServerOptions): Promise<ServeServer> {
  let port = opts.port;
  const log = opts.log ?? (() => undefined);
  const maxTabs = opts.maxTabs ?? 32;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_TAB_FRAME_BYTES });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req, port, opts.host)) return refuse(req, res, 403, 'Forbidden: unexpected Host header');
    const auth = authorise(req, url, port, opts.token);
    if (!auth.ok) return refuse(req, res, 403, 'Forbidden: open the URL that `ackline serve` printed (it carries the access token)');
    if (url.pathname === '/upload') return serveUpload(req, res, url, { uploads: opts.uploads, port, host: opts.host, log });
    // Nothing else takes a body: it is never stored, only dropped while the refusal lingers.
    if (hasBody(req)) return refuse(req, res, 413, 'This request takes no body');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(req, res, 405, 'Method not allowed');
    const headers = { ...SECURITY_HEADERS, ...(auth.viaQuery ? { 'Set-Cookie': tokenCookie(port, opts.token) } : {}) };
    const dl = /^\/download\/([0-9a-f]{32})\/[^/]+$/.exec(url.pathname);
    const file = dl ? opts.downloads.get(dl[1]!) : undefined;
    if (dl) {
      if (!file) return refuse(req, res, 404, 'No such download');
      const st = await resolveStatic(opts.downloads.dir, '/' + file.path.slice(opts.downloads.dir.length + 1));
      if (!st) return refuse(req, res, 404, 'No such download');
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'application/vnd.tcpdump.pcap',
        'Content-Length': st.size,
        'Content-Disposition': `attachment; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      });
      if (req.method === 'HEAD') return void res.end();
      return pipeFile(st, res);
    }
    const st = await resolveStatic(opts.rendererDir, url.pathname);
    if (!st) return refuse(req, res, 404, url.pathname === '/' ? 'The renderer is not built: run `npm run build`' : 'Not found');
    res.writeHead(200, { ...headers, 'Content-Type': st.type, 'Content-Length': st.size });
    if (req.method === 'HEAD') return void res.end();
    pipeFile(st, res);
  }

  const server: Server = createServer(
    {
      // Request headers must arrive within 20 s. The whole-request timeout is off: the one
      // request that has a body (an upload) is stopped by its own stall watchdog instead, so
      // a large upload is not cut at an arbitrary time while it is moving.
      headersTimeout: 20_000,
      requestTimeout: 0,
    },
    (req, res) => {
      onRequest(req, res).catch((e: unknown) => {
        log(`ackline serve: ${req.method ?? '?'} ${(req.url ?? '').split('?')[0]}: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) refuse(req, res, 500, 'Internal error');
        else res.destroy();
      });
    },
  );
  // Leaves room for the browser's own connections and every allowed tab, not for a flood.
  server.maxConnections = 256;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset before ws has taken the socket over must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req, port, opts.host) || !originAllowed(req, port, opts.host)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!authorise(req, url, port, opts.token).ok) return refuseUpgrade(socket, 403, 'Forbidden');
    if (wss.clients.size >= maxTabs) {
      log(`ackline serve: a new tab was refused: ${maxTabs} tabs are open already`);
      return refuseUpgrade(socket, 503, 'Service Unavailable');
    }
    wss.handleUpgrade(req, socket, head, (ws) => opts.onTab(tabOver(ws, log)));
  });
  wss.on('error', (e) => log(`ackline serve: WebSocket server: ${e.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // Once listening, an error of the listening socket (EMFILE on accept under a flood of
  // connections) is logged; without a listener it would end the process.
  server.on('error', (e) => log(`ackline serve: ${e.message}`));
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `http://${hostPart}:${port}/?token=${opts.token}`,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends a file; a read error (file gone meanwhile) ends that response, nothing else. */
function pipeFile(st: StaticFile, res: ServerResponse): void {
  const stream = openStatic(st);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * The two channels of one tab's socket as endpoints. A frame the ws library refuses (bad
 * UTF-8, over the size cap, a protocol error) makes it close that socket with the matching
 * code (1007, 1009, 1002) and emit 'error': we log one line and the server goes on.
 */
function tabOver(ws: WebSocket, log: (line: string) => void): TabConnection {
  const handlers: Partial<Record<Channel, (m: unknown) => void>> = {};
  ws.on('error', (e) => log(`ackline serve: a tab sent a bad WebSocket frame (${e.message}); that tab's connection was closed`));
  ws.on('message', (data, isBinary) => {
    try {
      const frame = isBinary ? decodeFrame(toBytes(data)) : decodeFrame(String(data));
      if (frame) handlers[frame.channel]?.(frame.message);
    } catch (e) {
      // Our own bug, triggered by what this tab sent: end this tab, not the server.
      log(`ackline serve: a tab's message could not be handled (${e instanceof Error ? e.message : String(e)}); that tab's connection was closed`);
      ws.close(1011);
    }
  });
  const endpoint = (channel: Channel): Endpoint => ({
    post(message) {
      if (ws.readyState !== ws.OPEN) return;
      let frame: string | Uint8Array;
      try {
        frame = encodeFrame(channel, message);
      } catch (e) {
        // An answer that cannot be framed still answers its request, as an error.
        const text = e instanceof Error ? e.message : String(e);
        log(`ackline serve: a message to a tab could not be framed: ${text}`);
        const m: Record<string, unknown> = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
        if (m.t !== 'res' || typeof m.id !== 'number') return;
        frame = encodeFrame(channel, { t: 'res', id: m.id, ok: false, e: `the host could not send the answer: ${text}` });
      }
      ws.send(frame);
    },
    listen(handler) {
      handlers[channel] = handler;
    },
  });
  return {
    session: endpoint('session'),
    engine: endpoint('engine'),
    onClose(fn) {
      ws.once('close', fn);
    },
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
