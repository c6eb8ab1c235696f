// Capture input: gzip is recognised by its magic whatever the chunking, plain bytes pass
// through untouched, and a consumer's "stop" stops the input.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCaptureInput } from '../../electron/capfile/capture-input.js';
import { createCaptureReader } from '../../electron/capfile/capture-reader.js';
import { collectingSink, emptyResult, haveCorpus, loadCapture } from './corpus.js';

function feed(bytes: Uint8Array, chunk: number): { out: Uint8Array; compression: string | null; error: string | null } {
  const parts: Uint8Array[] = [];
  const input = createCaptureInput((c) => void parts.push(c.slice()));
  for (let o = 0; o < bytes.length; o += chunk) input.push(bytes.subarray(o, o + chunk));
  input.end();
  return { out: Buffer.concat(parts), compression: input.compression, error: input.error };
}

describe('createCaptureInput', () => {
  const plain = Buffer.from('\xd4\xc3\xb2\xa1 and whatever follows', 'latin1');

  it('passes plain bytes through, the same array when it can', () => {
    const seen: Uint8Array[] = [];
    const input = createCaptureInput((c) => void seen.push(c));
    input.push(plain);
    input.end();
    expect(seen).toEqual([plain]);
    expect(seen[0]).toBe(plain);
    expect(input).toMatchObject({ compression: 'none', error: null, bytesIn: plain.length, bytesOut: plain.length });
  });

  it('decides on the first two bytes even when they come one at a time', () => {
    for (const chunk of [1, 2, 3]) {
      expect(feed(plain, chunk)).toEqual({ out: plain, compression: 'none', error: null });
      expect(feed(gzipSync(plain), chunk)).toEqual({ out: plain, compression: 'gzip', error: null });
    }
  });

  it('a lone 0x1f byte is handed on as it is (the reader then says it is too short)', () => {
    expect(feed(Uint8Array.of(0x1f), 1)).toEqual({ out: Buffer.from([0x1f]), compression: 'none', error: null });
    expect(feed(new Uint8Array(0), 1)).toEqual({ out: Buffer.alloc(0), compression: null, error: null });
  });

  it('stops when the consumer returns false, plain or gzip', () => {
    for (const bytes of [plain, gzipSync(plain)]) {
      let calls = 0;
      const input = createCaptureInput(() => {
        calls++;
        return false;
      });
      input.push(bytes.subarray(0, 5)); // (a gzip header alone gives no output yet)
      expect(input.push(bytes.subarray(5))).toBe(false);
      expect(input.push(bytes)).toBe(false);
      input.end();
      expect(calls).toBe(1);
      expect(input.error).toBeNull();
    }
  });

  it.skipIf(!haveCorpus)('a gzip-ed capture read through it gives the reader exactly the plain file\'s packets', () => {
    const bytes = loadCapture('scenarios/dns-queries.pcapng');
    const direct = emptyResult();
    const r1 = createCaptureReader(collectingSink(direct));
    r1.push(bytes);
    r1.end();
    const viaGzip = emptyResult();
    const r2 = createCaptureReader(collectingSink(viaGzip));
    const input = createCaptureInput((c) => {
      r2.push(c);
      return r2.error === null;
    });
    const gz = gzipSync(bytes);
    for (let o = 0; o < gz.length; o += 333) input.push(gz.subarray(o, o + 333));
    input.end();
    r2.end();
    expect(viaGzip).toEqual(direct);
    expect(r2.error).toBeNull();
    expect(r2.packetCount).toBeGreaterThan(0);
  });
});
