// `ackline serve` against a hostile client on localhost, the built CLI as a child process:
// bad WebSocket frames close that socket only (with the right close code) and every other
// tab goes on; uploads stream to disk under a size limit, with a concurrency cap and a stall
// timeout, and the server's peak RSS stays under 300 MB for a 1 GiB upload; no HTTP body is
// read where none is wanted; SIGTERM and SIGINT leave no temporary folder behind.
import { createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { repoRoot } from '../support/captures.js';
import { connectTab, type TabClient } from './serve-client.js';
import { frame, frameHeader, pcapStream, postStream, rawWebSocket, trickle } from './raw-client.js';
import { cliBuilt, startServeProcess, type ServeProcess } from './serve-process.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

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

  it('valid frames with hostile messages inside: answered or ignored, never the server down', async () => {
    const t = await connectTab(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
    const replies: unknown[] = [];
    t.ws.on('message', (d: Buffer) => replies.push(JSON.parse(d.toString())));
    for (const m of ['__proto__', 'constructor', 'hasOwnProperty', 'toString'])
      t.ws.send(JSON.stringify({ c: 'session', m: { t: 'req', id: 900, m, p: {} } }));
    await expect.poll(() => replies.filter((r) => JSON.stringify(r).includes('unknown method')).length).toBe(4);
    // Prototype keys, numbers that are not ids, an engine request with no engine, deep nesting.
    t.ws.send('{"c":"session","m":{"t":"req","id":901,"m":"info","p":{"__proto__":{"x":1}}}}');
    t.ws.send('{"c":"session","m":{"t":"req","id":1e308,"m":"info","p":{}}}');
    t.ws.send('{"c":"engine","m":{"t":"req","id":902,"m":"rows","p":' + '['.repeat(900) + ']'.repeat(900) + '}}');
    t.ws.send('{"c":"session","m":{"t":"req","id":903,"m":"openPath","p":{"path":' + '['.repeat(900) + ']'.repeat(900) + '}}}');
    t.ws.send('{"c":"session","m":{"t":"res","id":1,"ok":true,"r":{}}}');
    t.ws.send('{"c":"session","m":{"t":"ev","n":"session","p":{}}}');
    await expect.poll(() => replies.filter((r) => /"id":(901|902|903)\b/.test(JSON.stringify(r))).length).toBe(3);
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

/** The tab's file finished loading: the count of packets it holds. */
async function loadedPackets(t: TabClient, timeout = 120_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the upload did not finish loading')), timeout);
    const off = t.engine.on('update', (u) => {
      if (u.progress?.done) {
        clearTimeout(timer);
        off();
        resolve(u.packets);
      }
    });
  });
}

describe.skipIf(!cliBuilt())('serve keeps its memory while uploads stream to disk', { timeout: 300_000 }, () => {
  const PEAK = 300 * 1000 * 1000;

  it('a 1 GiB upload refused at a 256 MiB limit: under 300 MB peak RSS, nothing left, other tabs fine', async () => {
    const s = await startServeProcess(['--max-upload', '256M']);
    try {
      const other = await connectTab(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
      await other.session.call('openSample', { id: 'tcp-handshake' });
      const url = `${s.base}/upload?name=huge.pcap&token=${s.token}`;
      let pulled = 0;
      const chunked = await postStream(url, pcapStream(GiB).on('data', (c: Buffer) => (pulled += c.length)));
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body).error).toMatch(/huge\.pcap is larger than the 256 MiB this server accepts/);
      // Stopped near the limit, not at the end of the gigabyte.
      expect(pulled).toBeLessThan(512 * MiB);
      // With its length said up front: refused from the header, the body never stored.
      const declared = await postStream(url, pcapStream(GiB), { length: GiB });
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body).error).toMatch(/huge\.pcap is 1 GiB, more than the 256 MiB/);
      expect(s.peakRss()).toBeLessThan(PEAK);
      console.log(`refused 1 GiB upload: peak RSS ${(s.peakRss() / 1e6).toFixed(0)} MB`);
      expect(s.alive()).toBe(true);
      expect((await other.session.call('info', {})).title).toBe('TCP handshake');
      expect((await other.engine.call('rows', { start: 0, count: 0 })).displayed).toBe(10);
      const [root] = s.leftovers('ackline-serve-');
      expect(readdirSync(path.join(s.tmp, root!, 'uploads'))).toEqual([]);
      other.close();
    } finally {
      await s.dispose();
    }
  });

  it('an accepted 1 GiB upload, opened by its tab: under 300 MB peak RSS, every packet there', async () => {
    const s = await startServeProcess();
    try {
      const t = await connectTab(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
      const r = await postStream(`${s.base}/upload?name=big.pcap&token=${s.token}`, pcapStream(GiB), { length: GiB });
      expect(r.status).toBe(201);
      const { id, size } = JSON.parse(r.body) as { id: string; size: number };
      expect(size).toBe(GiB);
      expect(s.peakRss()).toBeLessThan(PEAK);
      const loaded = loadedPackets(t);
      expect((await t.session.call('openUpload', { id })).title).toBe('big.pcap');
      // Whole 60 042-byte frames (+16-byte record headers) after the 24-byte file header.
      expect(await loaded).toBe(Math.floor((GiB - 24) / (16 + 60_042)));
      expect(s.peakRss()).toBeLessThan(PEAK);
      console.log(`accepted and opened 1 GiB upload: peak RSS ${(s.peakRss() / 1e6).toFixed(0)} MB`);
      t.close();
    } finally {
      await s.dispose();
    }
  });
});

describe.skipIf(!cliBuilt())('serve answers a refused upload so that the client reads it', { timeout: 300_000 }, () => {
  it('every time, while the client is still sending, whether it keeps the connection alive or not', async () => {
    // Closing with unread bytes makes the kernel reset the connection, which can destroy the
    // answer before the client reads it; the lingering close reads on for a moment first.
    const s = await startServeProcess(['--max-upload', '1M']);
    try {
      for (const headers of [{}, { Connection: 'close' }] as Record<string, string>[]) {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await postStream(`${s.base}/upload?name=x.pcap&token=${s.token}`, pcapStream(256 * MiB), { length: 256 * MiB, headers })).status);
        expect(statuses, JSON.stringify(headers)).toEqual(Array(20).fill(413));
      }
    } finally {
      await s.dispose();
    }
  });
});

describe.skipIf(!cliBuilt())('serve leaves no temporary folder behind', { timeout: 60_000 }, () => {
  /** A server with everything that writes to its folder: an open upload, one in flight, an export. */
  async function busyServer(): Promise<{ s: ServeProcess; inflight: Promise<unknown> }> {
    const s = await startServeProcess();
    return { s, ...(await makeBusy(s)) };
  }

  async function makeBusy(s: ServeProcess): Promise<{ inflight: Promise<unknown> }> {
    const t = await connectTab(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
    const sample = path.join(repoRoot, 'build/samples/tcp-handshake.pcapng');
    const r = await postStream(`${s.base}/upload?name=h.pcapng&token=${s.token}`, createReadStream(sample));
    await t.session.call('openUpload', { id: (JSON.parse(r.body) as { id: string }).id });
    await expect.poll(async () => (await t.engine.call('rows', { start: 0, count: 0 })).displayed).toBe(10);
    await t.session.call('exportPackets', { selection: { kind: 'all' }, format: 'pcapng' });
    const inflight = postStream(`${s.base}/upload?name=slow.pcap&token=${s.token}`, trickle(128 * 1024, 50));
    const [root] = s.leftovers('ackline-serve-');
    await expect.poll(() => readdirSync(path.join(s.tmp, root!, 'uploads')).length).toBe(2);
    expect(readdirSync(path.join(s.tmp, root!, 'downloads')).length).toBe(1);
    return { inflight };
  }

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`on ${signal}: exits promptly and removes the folder`, async () => {
      const { s, inflight } = await busyServer();
      try {
        const exit = await s.stop(signal);
        expect(exit.code).toBe(0);
        expect(exit.ms).toBeLessThan(5000);
        expect(s.leftovers()).toEqual([]);
        await inflight;
      } finally {
        await s.dispose();
      }
    });
  }

  it('an uncaught error ends it with the folder removed all the same', async () => {
    // The built CLI, run by a script that throws from a signal handler: an uncaught error
    // in the serving process, with nothing in the product built to cause it.
    const entry = path.join(mkdtempSync(path.join(tmpdir(), 'ackline-crash-')), 'crash.mjs');
    writeFileSync(
      entry,
      `const { main, nodeIo } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'out/cli/ackline.mjs')).href)});\n` +
        `process.on('SIGUSR2', () => { throw new Error('uncaught, on purpose'); });\n` +
        `process.exitCode = await main(process.argv.slice(2), nodeIo());\n`,
    );
    const s = await startServeProcess([], { entry });
    try {
      const { inflight } = await makeBusy(s);
      const exit = await s.stop('SIGUSR2');
      expect(exit.code).not.toBe(0);
      expect(s.stderr()).toMatch(/uncaught, on purpose/);
      expect(s.leftovers()).toEqual([]);
      await inflight;
    } finally {
      await s.dispose();
      rmSync(path.dirname(entry), { recursive: true, force: true });
    }
  });
});
