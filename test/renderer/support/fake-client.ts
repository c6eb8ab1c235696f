// TEST-ONLY: connects the renderer's real RPC client to the fake host through in-memory
// endpoints that clone every message, as a MessagePort would.
import type { Endpoint } from '../../../electron/shared/rpc.js';
import type { AcklineBridge } from '../../../renderer/src/api/bridge.js';
import { clientOver, type AcklineClient } from '../../../renderer/src/api/client.js';
import { FakeHost, type FakeHostOptions } from './fake-host.js';

export function endpointPair(): [Endpoint, Endpoint] {
  const handlers: ((m: unknown) => void)[] = [() => undefined, () => undefined];
  const end = (me: number): Endpoint => ({
    post(message) {
      const copy = structuredClone(message);
      setTimeout(() => handlers[1 - me]!(copy), 0);
    },
    listen(h) {
      handlers[me] = h;
    },
  });
  return [end(0), end(1)];
}

/** A fake host and the bridge the Electron preload would expose for it. */
export function fakeBridge(opts: FakeHostOptions = {}): { host: FakeHost; bridge: AcklineBridge } {
  const host = new FakeHost(opts);
  const [engineClient, engineServer] = endpointPair();
  const [sessionClient, sessionServer] = endpointPair();
  host.attach(engineServer, sessionServer);
  return { host, bridge: { engine: engineClient, session: sessionClient } };
}

export function fakeClient(opts: FakeHostOptions = {}): { host: FakeHost; client: AcklineClient } {
  const { host, bridge } = fakeBridge(opts);
  return { host, client: clientOver('fake', bridge.session, bridge.engine) };
}

/** Lets queued messages and their answers through (a few macrotask turns). */
export async function settle(turns = 6): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setTimeout(r, 0));
}
