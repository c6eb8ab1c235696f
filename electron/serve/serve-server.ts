// The HTTP + WebSocket server of `ackline serve`: the renderer bundle, downloads of exported
// files, and one WebSocket per browser tab carrying the contract's two channels (framed by
// shared/ws-framing.ts). Every request needs the token; Host and Origin are checked too.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Endpoint } from '../shared/rpc.js';
import { decodeFrame, encodeFrame, MAX_FRAME_BYTES, type Channel } from '../shared/ws-framing.js';
import type { Downloads } from './downloads.js';
import { authorise, hostAllowed, originAllowed, SECURITY_HEADERS, tokenCookie } from './http-policy.js';
import { openStatic, resolveStatic } from '../renderer-files/static-files.js';

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
  /** A new browser tab connected: give it a session. */
  onTab(tab: TabConnection): void;
}

export interface ServeServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServeServer(opts: ServeServerOptions): Promise<ServeServer> {
  let port = opts.port;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req, port, opts.host)) return refuse(res, 403, 'Forbidden: unexpected Host header');
    const auth = authorise(req, url, port, opts.token);
    if (!auth.ok) return refuse(res, 403, 'Forbidden: open the URL that `ackline serve` printed (it carries the access token)');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const headers = { ...SECURITY_HEADERS, ...(auth.viaQuery ? { 'Set-Cookie': tokenCookie(port, opts.token) } : {}) };
    const dl = /^\/download\/([0-9a-f]{32})\/[^/]+$/.exec(url.pathname);
    const file = dl ? opts.downloads.get(dl[1]!) : undefined;
    if (dl) {
      if (!file) return refuse(res, 404, 'No such download');
      const st = await resolveStatic(opts.downloads.dir, '/' + file.path.slice(opts.downloads.dir.length + 1));
      if (!st) return refuse(res, 404, 'No such download');
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'application/vnd.tcpdump.pcap',
        'Content-Length': st.size,
        'Content-Disposition': `attachment; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      });
      if (req.method === 'HEAD') return void res.end();
      return void openStatic(st).pipe(res);
    }
    const st = await resolveStatic(opts.rendererDir, url.pathname);
    if (!st) return refuse(res, 404, url.pathname === '/' ? 'The renderer is not built: run `npm run build`' : 'Not found');
    res.writeHead(200, { ...headers, 'Content-Type': st.type, 'Content-Length': st.size });
    if (req.method === 'HEAD') return void res.end();
    openStatic(st).pipe(res);
  }

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, 500, e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req, port, opts.host) || !originAllowed(req, port, opts.host)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!authorise(req, url, port, opts.token).ok) return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => opts.onTab(tabOver(ws)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
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

/** The two channels of one tab's socket as endpoints. */
function tabOver(ws: WebSocket): TabConnection {
  const handlers: Partial<Record<Channel, (m: unknown) => void>> = {};
  ws.on('message', (data, isBinary) => {
    const frame = isBinary ? decodeFrame(toBytes(data)) : decodeFrame(String(data));
    if (frame) handlers[frame.channel]?.(frame.message);
  });
  const endpoint = (channel: Channel): Endpoint => ({
    post(message) {
      if (ws.readyState === ws.OPEN) ws.send(encodeFrame(channel, message));
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
