// The Blob source: slices read back exactly, the engine session opens a capture from a Blob
// and renders rows identical to tcpdump's lines.
import { describe, expect, it } from 'vitest';
import { blobSource, streamBlob } from '../../electron/host-browser/blob-source.js';
import { EngineSession } from '../../electron/engine/session/engine-session.js';
import { haveCaptures, readCapture, readText } from '../support/captures.js';

describe.skipIf(!haveCaptures)('Blob as a random-access capture source', () => {
  it('reads slices and opens a capture in an engine session', async () => {
    const bytes = readCapture('scenarios/tcp-http-curl.pcap');
    const blob = new Blob([bytes]);
    const src = blobSource(blob);
    expect(src.size).toBe(bytes.length);
    expect([...(await src.read(24, 8))]).toEqual([...bytes.subarray(24, 32)]);
    expect((await src.read(bytes.length, 10)).length).toBe(0);
    const session = new EngineSession({ source: src, onUpdate: () => undefined });
    session.setTotal(blob.size);
    await streamBlob(blob, (c) => session.push(c), 100);
    session.end();
    const rows = await session.rows({ start: 0, count: 100 });
    const want = readText('scenarios/tcp-http-curl.pcap.tcpdump.txt').trim().split('\n').map((l) => l.slice(16));
    expect(rows.rows.map((r) => r.info)).toEqual(want);
  });
});
