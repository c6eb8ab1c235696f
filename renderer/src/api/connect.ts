// Picks the transport: the preload bridge inside Electron, else the serve host's socket.
import { electronBridge } from './bridge.js';
import { clientOver, type AcklineClient } from './client.js';
import { httpUploader } from './uploader.js';
import { socketEndpoints, socketUrl, type FrameCodec } from './websocket-transport.js';

export interface Connection {
  client: AcklineClient;
  /** Called once if the host goes away (browser transport only). */
  onLost(fn: (reason: string) => void): void;
}

export function connect(w: Window, codec: FrameCodec): Connection {
  const lost: ((reason: string) => void)[] = [];
  const bridge = electronBridge(w);
  if (bridge) return { client: clientOver('electron', bridge.session, bridge.engine, bridge.pathForFile), onLost: (fn) => lost.push(fn) };
  let gone = false;
  let client: ReturnType<typeof clientOver> | undefined;
  const ends = socketEndpoints(new WebSocket(socketUrl(w.location)), codec, (reason) => {
    if (gone) return;
    gone = true;
    client?.fail(reason);
    for (const fn of lost) fn(reason);
  });
  // Files go to the serve host by HTTP upload, streamed: never inside a WebSocket message.
  client = clientOver('browser', ends.session, ends.engine, undefined, httpUploader(w.location));
  return { client, onLost: (fn) => lost.push(fn) };
}
