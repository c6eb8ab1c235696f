// `ackline serve` against a hostile client on localhost, the built CLI as a child process:
// bad WebSocket frames close that socket only (with the right close code) and every other
// tab goes on; uploads stream to disk under a size limit, with a concurrency cap and a stall
// timeout, and the server's peak RSS stays under 300 MB for a 1 GiB upload; no HTTP body is
// read where none is wanted; SIGTERM and SIGINT leave no temporary folder behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectTab, type TabClient } from './serve-client.js';
import { frame, frameHeader, rawWebSocket } from './raw-client.js';
import { cliBuilt, startServeProcess, type ServeProcess } from './serve-process.js';

const MiB = 1024 * 1024;

describe.skipIf(!cliBuilt())('serve survives a hostile WebSocket client', { timeout: 60_000 }, () => {
  let s: ServeProcess;
  let good: TabClient;

  beforeAll(async () => {
    s = await startServeProcess();
    good = await connectTab(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
  });
  afterAll(async () => {
    good?.close();
    await s?.dispose();
  });

  /** The server is up, the tab opened before still answers, and a new tab connects. */
  async function stillServing(): Promise<void> {
    const check = async (): Promise<void> => {
      expect((await good.session.call('info', {})).title).toBeTypeOf('string');
      const fresh = await connectTab(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
      expect((await fresh.session.call('samples', {})).samples.length).toBeGreaterThan(0);
      fresh.close();
    };
    await Promise.race([check(), s.exited.then(() => Promise.reject(new Error(`serve died: ${s.stderr()}`)))]);
    expect(s.alive()).toBe(true);
  }

  it('a text frame that is not UTF-8: that socket closes with 1007, the server goes on', async () => {
    const raw = await rawWebSocket(s.port, s.token);
    raw.socket.write(frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    expect(await raw.closed).toBe(1007);
    await stillServing();
    expect(s.stderr()).toMatch(/ackline serve: a tab sent a bad WebSocket frame.*UTF-8/i);
  });

  it('a frame that claims more than the cap: 1009 at once, before any of it is buffered', async () => {
    const raw = await rawWebSocket(s.port, s.token);
    raw.socket.write(frameHeader(0x2, 600 * MiB));
    expect(await raw.closed).toBe(1009);
    const huge = await rawWebSocket(s.port, s.token);
    huge.socket.write(frameHeader(0x2, 2 ** 40));
    expect(await huge.closed).toBe(1009);
    await stillServing();
  });

  it('a real frame over the cap (5 MiB) is refused with 1009; a 1 MiB frame of garbage is ignored', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
    ws.on('error', () => undefined);
    await new Promise((r) => ws.once('open', r));
    const code = new Promise<number>((r) => ws.once('close', (c) => r(c)));
    ws.send(Buffer.alloc(5 * MiB, 1));
    expect(await code).toBe(1009);
    const t = await connectTab(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
    t.ws.send(Buffer.alloc(MiB, 0xff));
    t.ws.send('{"c":"session","m":{"t":"req","id":"x"}}');
    expect((await t.session.call('info', {})).title).toBeTypeOf('string');
    t.close();
    await stillServing();
  });

  it('fragments that add up past the cap, a bad opcode and an unmasked frame each close only their socket', async () => {
    const frag = await rawWebSocket(s.port, s.token);
    const part = Buffer.alloc(MiB, 0x20);
    frag.socket.write(frame(0x1, part, false));
    for (let i = 0; i < 5; i++) frag.socket.write(frame(0x0, part, false));
    expect(await frag.closed).toBe(1009);
    const op = await rawWebSocket(s.port, s.token);
    op.socket.write(frame(0x3, Buffer.from('?')));
    expect(await op.closed).toBe(1002);
    const unmasked = await rawWebSocket(s.port, s.token);
    unmasked.socket.write(Buffer.from([0x81, 0x02, 0x7b, 0x7d]));
    expect(await unmasked.closed).toBe(1002);
    await stillServing();
  });
});
