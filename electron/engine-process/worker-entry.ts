// Entry of the engine host as a worker_threads worker (`ackline serve`, tests, the CLI):
// wiring only. The parent posts { t: 'attach', role, port } with a MessagePort; the
// logic is EngineHost, the same as in the Electron utility process.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { isEngineAttach } from '../shared/engine-control.js';
import { EngineHost } from './engine-host.js';
import { nodePortEndpoint } from '../node-platform/port-endpoint.js';

if (!parentPort) throw new Error('engine-worker must run as a worker thread');
const host = new EngineHost();
parentPort.on('message', (m: unknown) => {
  if (!isEngineAttach(m)) return;
  const port = (m as { port?: MessagePort }).port;
  if (port) host.attach(nodePortEndpoint(port), m.role);
});
