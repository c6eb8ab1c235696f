// Test helpers for the serve host: a WebSocket client that
// speaks the shared framing and the contract's RPC on both channels, HTTP without fetch's
// header rules (the tests set Host and Origin themselves).
import { request } from 'node:http';
import WebSocket from 'ws';
import { EngineEvents, SessionEvents, type EngineMethods, type SessionMethods } from '../../electron/shared/contract.js';
import { RpcClient, type Endpoint } from '../../electron/shared/rpc.js';
import { decodeFrame, encodeFrame, type Channel } from '../../electron/shared/ws-framing.js';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface TabClient {
  session: RpcClient<typeof SessionMethods, typeof SessionEvents>;
  engine: RpcClient<typeof EngineMethods, typeof EngineEvents>;
  ws: WebSocket;
  close(): void;
}

/** Opens a socket like the browser page does; rejects with the HTTP status when refused. */
export function connectTab(url: string, headers: Record<string, string> = {}): Promise<TabClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const handlers: Partial<Record<Channel, (m: unknown) => void>> = {};
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const f = decodeFrame(isBinary ? new Uint8Array(data) : data.toString());
      if (f) handlers[f.channel]?.(f.message);
    });
    const ep = (c: Channel): Endpoint => ({ post: (m) => ws.send(encodeFrame(c, m)), listen: (h) => void (handlers[c] = h) });
    const session = new RpcClient<typeof SessionMethods, typeof SessionEvents>(ep('session'), SessionEvents);
    const engine = new RpcClient<typeof EngineMethods, typeof EngineEvents>(ep('engine'), EngineEvents);
    ws.once('open', () => resolve({ session, engine, ws, close: () => ws.close() }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
