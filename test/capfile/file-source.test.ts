// The Node host: FileSource (random access) and streamFile (chunked reading into a capture
// reader), plus the engine's random-access helpers over it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../electron/capfile/packet-record.js';
import { PacketByteCache, readPacketBytes } from '../../electron/capfile/random-access.js';
import type { PacketRecord, RandomAccessSource } from '../../electron/capfile/types.js';
import { FileSource, streamFile } from '../../electron/node-platform/file-source.js';
import { capturePath, haveCorpus, loadCapture, readAll } from './corpus.js';

describe.skipIf(!haveCorpus)('streamFile', () => {
  it('streams the 112,765-packet bulk capture in 1 MiB chunks', async () => {
    let packets = 0;
    let progressCalls = 0;
    const reader = createCaptureReader({ onPacket: () => void packets++ });
    const res = await streamFile(capturePath('scenarios/tcp-bulk-http.pcap'), reader, {
      onProgress: () => void progressCalls++,
    });
    expect(reader.error).toBeNull();
    expect(packets).toBe(112765);
    expect(reader.packetCount).toBe(112765);
    expect(res).toMatchObject({ aborted: false, bytesRead: res.size });
    expect(reader.bytesConsumed).toBe(res.size);
    // 64 KiB first (the first rows need a few hundred packets), doubling up to 1 MiB chunks.
    const ramp = 65536 * (1 + 2 + 4 + 8);
    expect(progressCalls).toBe(4 + Math.ceil((res.size - ramp) / (1024 * 1024)));
  });

  it('reads a small first chunk, then chunks doubling to 1 MiB: the first packets arrive before a megabyte is read', async () => {
    const seen: number[] = [];
    const reader = createCaptureReader({ onPacket: () => {} });
    await streamFile(capturePath('scenarios/tcp-bulk-http.pcap'), reader, { onProgress: (n) => void seen.push(n) });
    const sizes = seen.slice(0, 6).map((n, k) => n - (seen[k - 1] ?? 0));
    expect(sizes).toEqual([65536, 131072, 262144, 524288, 1048576, 1048576]);
  });

  it('awaits beforePush before every chunk but the first: nothing is pushed while it holds', async () => {
    const seen: number[] = [];
    let release: (() => void) | null = null;
    let holds = 0;
    const reader = createCaptureReader({ onPacket: () => {} });
    const done = streamFile(capturePath('scenarios/tcp-bulk-http.pcap'), reader, {
      onProgress: (n) => void seen.push(n),
      beforePush: () => {
        holds++;
        return holds === 2 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    while (!release) await new Promise((r) => setTimeout(r, 5));
    const at = seen.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(at);
    expect(at).toBe(2);
    (release as () => void)();
    const res = await done;
    expect(seen.at(-1)).toBe(res.size);
    expect(holds).toBe(seen.length);
  });

  it('gives the same records as reading the file at once, whatever the chunk size', async () => {
    const rel = 'scenarios/tcp-out-of-order.pcapng';
    const whole = readAll(loadCapture(rel));
    for (const chunkSize of [1000, 65536]) {
      const recs: PacketRecord[] = [];
      const reader = createCaptureReader({ onPacket: (rec) => void recs.push(copyPacketRecord(rec)) });
      await streamFile(capturePath(rel), reader, { chunkSize });
      expect(recs).toEqual(whole.packets);
    }
  });

  it('stops early on abort and leaves the reader un-ended', async () => {
    const ctl = new AbortController();
    const reader = createCaptureReader({ onPacket: () => {} });
    const res = await streamFile(capturePath('scenarios/tcp-packet-loss.pcap'), reader, {
      chunkSize: 4096,
      signal: ctl.signal,
      onProgress: (n) => {
        if (n >= 8192) ctl.abort();
      },
    });
    expect(res.aborted).toBe(true);
    expect(res.bytesRead).toBe(8192);
    expect(reader.ended).toBe(false);
  });

  it('reports a damaged file through the reader and stops reading', async () => {
    const reader = createCaptureReader({ onPacket: () => {} });
    const res = await streamFile(capturePath('malformed/derived/caplen-huge.pcap'), reader, { chunkSize: 64 });
    expect(reader.error?.message).toBe('invalid packet capture length 2147483647, bigger than snaplen of 262144');
    expect(res.bytesRead).toBeLessThan(res.size);
  });

  it('rejects on I/O errors', async () => {
    await expect(streamFile('/nonexistent/x.pcap', createCaptureReader({ onPacket: () => {} }))).rejects.toThrow();
  });
});

describe.skipIf(!haveCorpus)('random access', () => {
  const rel = 'scenarios/tcp-http-curl-ipv6.pcapng';
  const whole = readAll(loadCapture(rel));

  it('reads every packet back from the file by its record', async () => {
    const src = await FileSource.open(capturePath(rel));
    try {
      for (const [i, rec] of whole.packets.entries()) {
        expect(await readPacketBytes(src, rec)).toEqual(whole.data[i]);
      }
      expect((await src.read(src.size - 2, 10)).length).toBe(2);
    } finally {
      await src.close();
    }
  });

  it('serves packets from a block cache, sharing reads', async () => {
    const file = await FileSource.open(capturePath(rel));
    let reads = 0;
    const counting: RandomAccessSource = {
      size: file.size,
      read: (o, n) => {
        reads++;
        return file.read(o, n);
      },
    };
    try {
      const cache = new PacketByteCache(counting, { blockSize: 4096, maxBlocks: 8 });
      // Concurrent requests for neighbouring packets: one read per block.
      const first = whole.packets.slice(0, 20);
      const got = await Promise.all(first.map((rec) => cache.read(rec)));
      got.forEach((bytes, i) => expect(bytes).toEqual(whole.data[i]));
      const blocks = new Set(first.flatMap((r) => [Math.floor(r.dataOffset / 4096), Math.floor((r.dataOffset + r.caplen - 1) / 4096)]));
      expect(reads).toBeLessThanOrEqual(blocks.size);
      // Then every packet, in a scrolling order, through the small cache.
      for (const [i, rec] of whole.packets.entries()) expect(await cache.read(rec)).toEqual(whole.data[i]);
    } finally {
      await file.close();
    }
  });
});

describe('random access at the end of a shortened file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ackline-ra-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the bytes that are left', async () => {
    const path = join(dir, 'short.bin');
    writeFileSync(path, Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff));
    const src = await FileSource.open(path);
    try {
      const cache = new PacketByteCache(src, { blockSize: 1024 });
      const bytes = await cache.read({ dataOffset: 4000, caplen: 2000 });
      expect(bytes.length).toBe(1000);
      expect(bytes[0]).toBe(4000 & 0xff);
      expect((await readPacketBytes(src, { dataOffset: 4990, caplen: 100 })).length).toBe(10);
    } finally {
      await src.close();
    }
  });
});
