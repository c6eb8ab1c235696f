// A gzip-compressed capture dropped in a browser: inflated into a Blob that the engine then
// reads like the plain file; a plain Blob passes through; a cut gzip keeps what came before.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { blobSource, streamBlob } from '../../electron/host-browser/blob-source.js';
import { plainCaptureBlob } from '../../electron/host-browser/gunzip-blob.js';
import { EngineSession } from '../../electron/engine/session/engine-session.js';
import { haveCaptures, readCapture, readText } from '../support/captures.js';

const CURL = 'scenarios/tcp-http-curl.pcap';

describe.skipIf(!haveCaptures)('plainCaptureBlob', () => {
  it('inflates a gzip-ed capture (multi-member too) and the engine reads it as the plain file', async () => {
    const bytes = readCapture(CURL);
    const gz = Buffer.concat([gzipSync(bytes.subarray(0, 1000)), gzipSync(bytes.subarray(1000))]);
    const progress: number[] = [];
    const r = await plainCaptureBlob(new Blob([gz]), { chunkSize: 500, onProgress: (n) => void progress.push(n) });
    expect(r.compressed).toBe(true);
    expect(r.error).toBeNull();
    expect(new Uint8Array(await r.blob.slice(0).arrayBuffer())).toEqual(bytes);
    expect(progress.at(-1)).toBe(gz.length);
    const session = new EngineSession({ source: blobSource(r.blob), onUpdate: () => undefined });
    await streamBlob(r.blob, (c) => session.push(c));
    session.end();
    const rows = await session.rows({ start: 0, count: 100 });
    expect(rows.rows.map((x) => x.info)).toEqual(readText(`${CURL}.tcpdump.txt`).trim().split('\n').map((l) => l.slice(16)));
  });

  it('hands a plain capture back untouched', async () => {
    const blob = new Blob([readCapture(CURL)]);
    const r = await plainCaptureBlob(blob);
    expect(r).toEqual({ blob, compressed: false, error: null });
  });

  it('a cut gzip: what was inflated before the cut, and the error', async () => {
    const gz = gzipSync(readCapture(CURL));
    const r = await plainCaptureBlob(new Blob([gz.subarray(0, gz.length - 200)]));
    expect(r.error).toBe('gzip data cut short: unexpected end of file');
    expect(r.blob.size).toBeGreaterThan(0);
    expect(new Uint8Array(await r.blob.slice(0).arrayBuffer())).toEqual(readCapture(CURL).subarray(0, r.blob.size));
  });
});
