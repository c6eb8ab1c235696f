// TEST-ONLY: what a hostile client on localhost sends, below what a WebSocket or HTTP
// library would let it: hand-made WebSocket frames (any opcode, any claimed length, bad
// UTF-8), and HTTP request bodies generated as streams (never allocated whole).
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';

export interface RawSocket {
  socket: Socket;
  /** Resolves with the server's close code (0 if it only dropped the connection). */
  closed: Promise<number>;
}

/** Opens /ws by hand (the upgrade handshake), so any bytes can follow. */
export function rawWebSocket(port: number, token: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const key = randomBytes(16).toString('base64');
    socket.once('error', reject);
    socket.write(`GET /ws?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    let head = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      if (!head.subarray(0, 12).toString().includes('101')) return reject(new Error(`no upgrade: ${head.toString()}`));
      let rest = head.subarray(end + 4);
      const closed = new Promise<number>((done) => {
        const look = (): void => {
          // Server frames are unmasked: 0x88 = FIN + close, then length, then the code.
          const at = rest.indexOf(0x88);
          if (at >= 0 && rest.length >= at + 4) done(rest.readUInt16BE(at + 2));
        };
        socket.on('data', (more: Buffer) => {
          rest = Buffer.concat([rest, more]).subarray(-4096);
          look();
        });
        socket.on('close', () => done(0));
        socket.on('error', () => undefined);
        look();
      });
      resolve({ socket, closed });
    };
    socket.on('data', onData);
  });
}

/** A masked client frame header claiming `length` payload bytes (which may never follow). */
export function frameHeader(opcode: number, length: number, fin = true): Buffer {
  const mask = randomBytes(4);
  let h: Buffer;
  if (length < 126) h = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length]);
  else if (length < 65536) {
    h = Buffer.alloc(4);
    h[0] = (fin ? 0x80 : 0) | opcode;
    h[1] = 0x80 | 126;
    h.writeUInt16BE(length, 2);
  } else {
    h = Buffer.alloc(10);
    h[0] = (fin ? 0x80 : 0) | opcode;
    h[1] = 0x80 | 127;
    h.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([h, mask]);
}

/** A whole masked frame with a zero mask (so the payload goes as is). */
export function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const h = frameHeader(opcode, payload.length, fin);
  h.fill(0, h.length - 4);
  return Buffer.concat([h, payload]);
}

/** `total` bytes of a pcap file (Ethernet/IPv4/UDP, 60 000-byte packets), made as it is read. */
export function pcapStream(total: number, chunk = 1 << 20): Readable {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  const PAYLOAD = 60_000;
  const frameLen = 14 + 20 + 8 + PAYLOAD;
  const packet = Buffer.alloc(16 + frameLen, 0x61);
  packet.writeUInt32LE(1_700_000_000, 0);
  packet.writeUInt32LE(frameLen, 8);
  packet.writeUInt32LE(frameLen, 12);
  const eth = Buffer.from('020000000002020000000001' + '0800', 'hex');
  eth.copy(packet, 16);
  const ip = Buffer.from('4500' + '0000' + '00004000' + '4011' + '0000' + 'c0000201' + 'c0000202', 'hex');
  ip.writeUInt16BE(20 + 8 + PAYLOAD, 2);
  ip.copy(packet, 30);
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(40000, 0);
  udp.writeUInt16BE(9, 2);
  udp.writeUInt16BE(8 + PAYLOAD, 4);
  udp.copy(packet, 50);
  // One reusable block of whole packets; the stream hands out slices of it.
  const perBlock = Math.max(1, Math.floor(chunk / packet.length));
  const block = Buffer.concat(Array.from({ length: perBlock }, () => packet));
  let sent = 0;
  let inBlock = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      if (sent === 0) {
        sent += header.length;
        return void this.push(Buffer.from(header));
      }
      const n = Math.min(block.length - inBlock, total - sent);
      this.push(Buffer.from(block.subarray(inBlock, inBlock + n)));
      inBlock = (inBlock + n) % block.length;
      sent += n;
    },
  });
}

/** Bytes that trickle: `bytes` every `everyMs`, forever (until destroyed). */
export function trickle(bytes = 1, everyMs = 200): Readable {
  let timer: NodeJS.Timeout | undefined;
  return new Readable({
    read() {
      timer = setTimeout(() => this.push(Buffer.alloc(bytes, 0x61)), everyMs);
    },
    destroy(err, cb) {
      clearTimeout(timer);
      cb(err);
    },
  });
}

export interface UploadResult {
  status: number;
  body: string;
  /** The request side failed (reset) after or instead of an answer. */
  error?: string;
  /** Until the answer was in (or the request failed without one). */
  ms: number;
  /** With `untilClosed`: until the connection was closed, by either side. */
  closedMs?: number;
}

/**
 * POSTs `body` to `url`; with `length` the request says its Content-Length, else it is
 * chunked. Resolves once the answer is in (the body stops), or with `untilClosed` once the
 * server has closed the connection (the body goes on until then).
 */
export function postStream(url: string, body: Readable | undefined, opts: { length?: number; headers?: Record<string, string>; method?: string; untilClosed?: boolean } = {}): Promise<UploadResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    let status = 0;
    let text = '';
    let ms: number | undefined;
    let answered = false;
    let closed = false;
    let settled = false;
    let error: string | undefined;
    const settle = (): void => {
      if (settled || !(answered || closed) || (opts.untilClosed && !closed)) return;
      settled = true;
      body?.destroy();
      agent.destroy();
      resolve({ status, body: text, ...(error ? { error } : {}), ms: ms ?? Date.now() - t0, ...(closed ? { closedMs: Date.now() - t0 } : {}) });
    };
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', ...(opts.headers ?? {}) };
    if (opts.length !== undefined) headers['Content-Length'] = String(opts.length);
    // A browser's kind of connection (keep-alive), but never one an earlier test left
    // half-used: each request has an agent of its own.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const req = request(url, { method: opts.method ?? 'POST', headers, agent }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      const end = (e?: Error): void => {
        if (e) error = e.message;
        ms = Date.now() - t0;
        answered = true;
        settle();
      };
      res.on('end', () => end());
      res.on('error', end);
    });
    req.on('error', (e) => {
      if (!status) error = e.message;
    });
    req.on('close', () => {
      // The body stops with its connection: a stream with 'data' listeners (a test counting
      // bytes) would otherwise flow on, unpiped, in one synchronous loop.
      body?.destroy();
      // A reset can close the request a moment before the answer's end is processed.
      setTimeout(() => {
        closed = true;
        settle();
      }, 50);
    });
    if (body) body.pipe(req);
    else req.end();
  });
}
