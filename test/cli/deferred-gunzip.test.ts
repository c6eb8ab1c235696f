// The CLI's lazily loaded gunzip (cli/deferred-gunzip.ts) inside the capture input: chunks
// pushed before fflate is loaded are kept (copied: the caller reuses its array) and inflated
// in order, before any chunk pushed after; a consumer that says stop is obeyed; and a plain
// input never opens it.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCaptureInputWith } from '../../electron/capfile/capture-input-with.js';
import { DeferredGunzip } from '../../electron/cli/deferred-gunzip.js';

const plain = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);
const gz = new Uint8Array(gzipSync(plain));

/** Pushes `bytes` through one reused array of `size` bytes, as node-input.ts does. */
function pushAll(push: (c: Uint8Array) => boolean, bytes: Uint8Array, size: number, from = 0, to = bytes.length): void {
  const buf = new Uint8Array(size);
  for (let o = from; o < to; o += size) {
    const n = Math.min(size, to - o);
    buf.set(bytes.subarray(o, o + n));
    push(buf.subarray(0, n));
    buf.fill(0xee);
  }
}

describe('DeferredGunzip', () => {
  it('inflates the chunks pushed before and after it is loaded, in order', async () => {
    const parts: Uint8Array[] = [];
    const opened: DeferredGunzip[] = [];
    const input = createCaptureInputWith((c) => void parts.push(c.slice()), (onData) => {
      const g = new DeferredGunzip(onData);
      opened.push(g);
      return g;
    });
    const half = gz.length >> 1;
    pushAll((c) => input.push(c), gz, 4096, 0, half);
    expect(opened).toHaveLength(1);
    expect(parts).toHaveLength(0);
    await opened[0]!.ready;
    pushAll((c) => input.push(c), gz, 4096, half);
    input.end();
    expect(input.error).toBeNull();
    expect(Buffer.concat(parts)).toEqual(Buffer.from(plain));
    expect(input.bytesOut).toBe(plain.length);
  });

  it('stops when the consumer says so, and reports damage after it is ready', async () => {
    let calls = 0;
    const g = new DeferredGunzip(() => {
      calls++;
      return false;
    });
    expect(g.push(gz)).toBe(true);
    await g.ready;
    expect(calls).toBe(1);
    expect(g.push(gz)).toBe(false);

    const cut = new DeferredGunzip(() => true);
    cut.push(gz.subarray(0, gz.length - 4));
    await cut.ready;
    cut.end();
    expect(cut.error).toMatch(/^gzip data/);
  });

  it('is never opened for a plain input', () => {
    const input = createCaptureInputWith(() => true, () => {
      throw new Error('opened');
    });
    expect(input.push(plain)).toBe(true);
    input.end();
    expect(input.compression).toBe('none');
  });
});
