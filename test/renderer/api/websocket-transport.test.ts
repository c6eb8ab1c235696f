import { describe, expect, it } from 'vitest';
import { RpcServer, type Endpoint } from '../../../electron/shared/rpc.js';
import { EngineEvents, EngineMethods } from '../../../electron/shared/contract.js';
import { decodeFrame, encodeFrame, wsCodec } from '../../../electron/shared/ws-framing.js';
import { clientOver } from '../../../renderer/src/api/client.js';
import { socketEndpoints, socketUrl, type SocketLike } from '../../../renderer/src/api/websocket-transport.js';
import { detailOf } from '../support/synthetic-capture.js';

/** A socket whose other end is a test "server" speaking the shared framing. */
function socketPair() {
  const listeners: Record<string, ((ev: { data?: unknown }) => void)[]> = {};
  const toServer: (string | Uint8Array | ArrayBuffer)[] = [];
  const socket: SocketLike = {
    binaryType: 'blob',
    readyState: 0,
    send: (d) => void toServer.push(d),
    close: () => listeners.close?.forEach((f) => f({})),
    addEventListener: (t, fn) => void (listeners[t] ??= []).push(fn),
  };
  const fire = (t: string, data?: unknown) => listeners[t]?.forEach((f) => f({ data }));
  return { socket, toServer, fire };
}

describe('browser transport over the serve host WebSocket', () => {
  it('builds the socket URL from the page URL and its token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:8123', search: '?token=a b' })).toBe('ws://127.0.0.1:8123/ws?token=a%20b');
    expect(socketUrl({ protocol: 'https:', host: 'box:443', search: '' })).toBe('wss://box:443/ws?token=');
  });

  it('queues calls until the socket opens, then carries engine calls with bytes both ways', async () => {
    const { socket, toServer, fire } = socketPair();
    const ends = socketEndpoints(socket, wsCodec, () => undefined);
    expect(socket.binaryType).toBe('arraybuffer');
    // The server side of the engine channel, answering through the same codec.
    let serverHandler: (m: unknown) => void = () => undefined;
    const serverEnd: Endpoint = {
      post: (m) => {
        const f = encodeFrame('engine', m);
        fire('message', typeof f === 'string' ? f : f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength));
      },
      listen: (h) => void (serverHandler = h),
    };
    new RpcServer(serverEnd, EngineMethods, EngineEvents, { packet: (p: { index: number }) => detailOf(p.index) } as never);
    const client = clientOver('browser', ends.session, ends.engine);
    const answer = client.engine('packet', { index: 3 });
    expect(toServer).toHaveLength(0);
    fire('open');
    expect(toServer).toHaveLength(1);
    const frame = decodeFrame(toServer[0] as string);
    expect(frame?.channel).toBe('engine');
    serverHandler(frame!.message);
    const d = await answer;
    expect(d.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(d.bytes.slice(12, 14))).toEqual([0x08, 0x00]);
  });

  it('fails pending calls with a readable reason when the host goes away', async () => {
    const { socket, fire } = socketPair();
    let client: ReturnType<typeof clientOver> | undefined;
    const ends = socketEndpoints(socket, wsCodec, (reason) => client?.fail(reason));
    client = clientOver('browser', ends.session, ends.engine);
    fire('open');
    const p = client.session('info', {});
    fire('close');
    await expect(p).rejects.toThrow('The connection to the Ackline host was closed.');
  });
});
