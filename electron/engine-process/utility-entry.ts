// Entry of the engine host as an Electron utilityProcess (unprivileged, no window): wiring
// only. Main posts { t: 'attach', role } with a MessagePortMain (MessageChannelMain): the
// control port of the session logic, and one per renderer window so packet data goes
// straight to the renderer and never through main. Files are opened only by path through
// the control port (main chose them). The logic is EngineHost, the same as under Node.
import type { MessagePortMain } from 'electron';
import { EngineHost } from './engine-host.js';
import { isEngineAttach } from '../shared/engine-control.js';
import type { Endpoint } from '../shared/rpc.js';

/** The shared RPC's Endpoint over an Electron MessagePortMain (structured clone; no transfer list for buffers). */
export function mainPortEndpoint(port: MessagePortMain): Endpoint & { onClose(fn: () => void): void } {
  const ep = {
    post: (message: unknown) => port.postMessage(message),
    listen: (handler: (message: unknown) => void) => {
      port.on('message', (e) => handler(e.data));
      port.start();
    },
    onClose: (fn: () => void) => {
      port.once('close', fn);
    },
  };
  return ep;
}

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: MessagePortMain[] }) => void): unknown;
}

/** Wires an EngineHost to the utility process's parent port. */
export function serveEngineHost(parentPort: ParentPortLike, host = new EngineHost()): EngineHost {
  parentPort.on('message', (e) => {
    const port = e.ports[0];
    if (isEngineAttach(e.data) && port) host.attach(mainPortEndpoint(port), e.data.role);
  });
  return host;
}

const parent = (process as { parentPort?: ParentPortLike }).parentPort;
if (parent) serveEngineHost(parent);
