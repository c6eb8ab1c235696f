// The upload receiver on its own, behind a bare HTTP server: the disk's free space (minus a
// reserve) caps an upload as the limit does, with its own message; a disk that cannot say
// its free space does not block uploads; names are reduced to one harmless component.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { safeUploadName, Uploads, type UploadOptions } from '../../electron/serve/uploads.js';
import { postStream } from './raw-client.js';

const MiB = 1024 * 1024;
let server: Server | undefined;
let dir = '';

async function receiver(o: Omit<UploadOptions, 'dir'>): Promise<{ url: string; uploads: Uploads }> {
  dir = mkdtempSync(path.join(tmpdir(), 'ackline-uploads-'));
  const uploads = new Uploads({ dir, ...o });
  server = createServer((req, res) => {
    void uploads.receive(req, 'x.pcap').then((r) => {
      res.writeHead(r.ok ? 201 : r.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(r));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, uploads };
}

afterEach(async () => {
  await new Promise((r) => server?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('Uploads', () => {
  it('caps an upload at what the disk can spare beyond its reserve, and says so', async () => {
    const { url, uploads } = await receiver({ maxBytes: 8 * MiB, reserveBytes: 256 * MiB, freeSpace: async () => 257 * MiB });
    expect(await uploads.limits()).toEqual({ maxBytes: 8 * MiB, availableBytes: MiB });
    const declared = await postStream(url, Readable.from([Buffer.alloc(2 * MiB)]), { length: 2 * MiB });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).message).toBe("x.pcap (2 MiB) does not fit: the server's temporary folder has 1 MiB to spare. The open capture is unchanged.");
    const chunked = await postStream(url, Readable.from([Buffer.alloc(MiB), Buffer.alloc(MiB)]));
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).message).toMatch(/^x\.pcap does not fit/);
    expect(readdirSync(dir)).toEqual([]);
    const fits = await postStream(url, Readable.from([Buffer.alloc(MiB - 1)]), { headers: { Connection: 'close' } });
    expect(fits.status, JSON.stringify(fits)).toBe(201);
  });

  it('a disk that cannot say its free space does not block uploads', async () => {
    const { url, uploads } = await receiver({ maxBytes: 8 * MiB, freeSpace: async () => Promise.reject(new Error('ENOSYS')) });
    expect((await uploads.limits()).availableBytes).toBeGreaterThan(8 * MiB);
    const r = await postStream(url, Readable.from([Buffer.from('hello')]));
    expect(r.status).toBe(201);
    const { id } = JSON.parse(r.body) as { id: string };
    expect(readFileSync(path.join(dir, id), 'utf8')).toBe('hello');
    // Taken once, released once (twice is harmless).
    const file = uploads.take(id)!;
    expect(uploads.take(id)).toBeUndefined();
    await file.release();
    await file.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a Content-Length past 2^53 (which Node\'s parser lets through) is refused', async () => {
    const { url } = await receiver({ maxBytes: Number.MAX_SAFE_INTEGER, freeSpace: async () => Number.MAX_SAFE_INTEGER });
    const u = new URL(url);
    const sock = connect(Number(u.port), '127.0.0.1');
    let answer = '';
    sock.on('data', (d: Buffer) => (answer += d.toString()));
    sock.write(`POST / HTTP/1.1\r\nHost: ${u.host}\r\nContent-Length: 9007199254740993\r\n\r\nabc`);
    await expect.poll(() => answer).toMatch(/^HTTP\/1\.1 400 .*"message":"Bad Content-Length\."/s);
    sock.destroy();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('safeUploadName', () => {
  it('keeps one harmless name component', () => {
    expect(safeUploadName('trace.pcapng')).toBe('trace.pcapng');
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('C:\\Users\\me\\a.pcap')).toBe('a.pcap');
    expect(safeUploadName('a\u0000b\nc".pcap')).toBe('a_b_c_.pcap');
    for (const x of [null, '', '.', '..', '/', 'dir/']) expect(safeUploadName(x), String(x)).toBe('capture');
    expect(safeUploadName('x'.repeat(1000))).toHaveLength(255);
  });
});
