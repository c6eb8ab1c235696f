// The shared RPC's Endpoint over Node's worker_threads MessagePort (and the parentPort).
import type { MessagePort } from 'node:worker_threads';
import type { Endpoint } from '../shared/rpc.js';

export interface ClosableEndpoint extends Endpoint {
  onClose(fn: () => void): void;
  close(): void;
}

export function nodePortEndpoint(port: MessagePort): ClosableEndpoint {
  return {
    post: (message, transfer) => port.postMessage(message, transfer ?? []),
    listen: (handler) => {
      port.on('message', handler);
    },
    onClose: (fn) => {
      port.once('close', fn);
    },
    close: () => port.close(),
  };
}
