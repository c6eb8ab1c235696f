// The utilityProcess entry's wiring against a fake parent port and fake MessagePortMains
// (the Electron binary is not available here): attach messages with a port are served,
// anything else is ignored.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { MessagePortMain } from 'electron';
import { serveEngineHost } from '../../electron/engine-process/utility-entry.js';

class FakePort extends EventEmitter {
  other: FakePort | null = null;
  started = false;
  postMessage(message: unknown): void {
    const o = this.other;
    setImmediate(() => o?.emit('message', { data: structuredClone(message), ports: [] }));
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.emit('close');
  }
}

function channel(): [FakePort, FakePort] {
  const a = new FakePort();
  const b = new FakePort();
  a.other = b;
  b.other = a;
  return [a, b];
}

describe('utility engine host entry', () => {
  it('serves the contract on ports main attaches, and only on those', async () => {
    const parent = new EventEmitter();
    serveEngineHost(parent as never);
    const [mine, theirs] = channel();
    const replies: unknown[] = [];
    mine.on('message', (e: { data: unknown }) => replies.push(e.data));
    parent.emit('message', { data: { t: 'attach', role: 'client' }, ports: [theirs as unknown as MessagePortMain] });
    expect(theirs.started).toBe(true);
    mine.postMessage({ t: 'req', id: 1, m: 'rows', p: { start: 0, count: 1 } });
    await new Promise((r) => setTimeout(r, 20));
    expect(replies).toEqual([{ t: 'res', id: 1, ok: false, e: 'no capture is open' }]);
    // A client port cannot open files.
    mine.postMessage({ t: 'req', id: 2, m: 'open', p: { path: '/etc/passwd' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(replies[1]).toEqual({ t: 'res', id: 2, ok: false, e: 'unknown method open' });
    // Messages that are not attach requests, or come without a port, are ignored.
    const [, stray] = channel();
    parent.emit('message', { data: { t: 'other' }, ports: [stray as unknown as MessagePortMain] });
    parent.emit('message', { data: { t: 'attach', role: 'control' }, ports: [] });
    expect(stray.started).toBe(false);
  });
});
