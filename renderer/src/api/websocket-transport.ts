// The browser transport: one WebSocket to the `ackline serve` host, carrying both RPC
// channels ('session' and 'engine'), framed by the shared codec so Uint8Array payloads
// (packet bytes, dropped files) travel as binary rather than JSON arrays.
import type { Endpoint } from '../../../electron/shared/rpc.js';

export type Channel = 'session' | 'engine';

/** The shared framing codec (electron/shared/ws-framing.ts) as the transport uses it. */
export interface FrameCodec {
  encode(channel: Channel, message: unknown): string | ArrayBuffer | Uint8Array;
  decode(data: string | ArrayBuffer): { channel: Channel; message: unknown } | undefined;
}

export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | ArrayBuffer | Uint8Array): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'message' | 'error', fn: (ev: { data?: unknown }) => void): void;
}

export interface SocketEndpoints {
  session: Endpoint;
  engine: Endpoint;
  close(): void;
}

/** ws://host/ws?token=… from the page's own URL (the serve host prints it with the token). */
export function socketUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

export function socketEndpoints(socket: SocketLike, codec: FrameCodec, onClose: (reason: string) => void): SocketEndpoints {
  socket.binaryType = 'arraybuffer';
  const handlers: Partial<Record<Channel, (m: unknown) => void>> = {};
  // Calls made before the socket opens (the first `info`) wait here instead of failing.
  let queue: (string | ArrayBuffer | Uint8Array)[] | undefined = [];
  socket.addEventListener('open', () => {
    for (const f of queue ?? []) socket.send(f);
    queue = undefined;
  });
  socket.addEventListener('message', (ev) => {
    const data = ev.data;
    if (typeof data !== 'string' && !(data instanceof ArrayBuffer)) return;
    const frame = codec.decode(data);
    if (frame) handlers[frame.channel]?.(frame.message);
  });
  socket.addEventListener('close', () => onClose('The connection to the Ackline host was closed.'));
  socket.addEventListener('error', () => onClose('The connection to the Ackline host failed.'));
  const endpoint = (channel: Channel): Endpoint => ({
    post(message) {
      const frame = codec.encode(channel, message);
      if (queue) queue.push(frame);
      else socket.send(frame);
    },
    listen(handler) {
      handlers[channel] = handler;
    },
  });
  return { session: endpoint('session'), engine: endpoint('engine'), close: () => socket.close() };
}
