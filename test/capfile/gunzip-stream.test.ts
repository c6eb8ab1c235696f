// The streaming gunzip under capture input: any chunking gives the same bytes, multi-member
// files read as one, and every kind of damage (cut short, CRC, length, garbage, bad header)
// is one line after everything good before it. Gzip data is made here with node:zlib (and
// members with optional header fields by hand), the same bytes gzip(1) writes.
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Update, GunzipStream, isGzip } from '../../electron/capfile/gunzip-stream.js';

function inflate(gz: Uint8Array, chunk = gz.length || 1): { out: Uint8Array; error: string | null; members: number; pieces: number[] } {
  const parts: Uint8Array[] = [];
  const s = new GunzipStream((d) => void parts.push(d));
  for (let o = 0; o < gz.length; o += chunk) if (!s.push(gz.subarray(o, o + chunk))) break;
  s.end();
  return { out: Buffer.concat(parts), error: s.error, members: s.members, pieces: parts.map((p) => p.length) };
}

const text = (n: number): Uint8Array => Buffer.from(Array.from({ length: n }, (_, i) => `line ${i} of some capture-like text\n`).join(''));

/** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set (zlib writes none of them). */
function memberWithHeaderFields(data: Uint8Array): Uint8Array {
  const plain = gzipSync(data);
  const extra = Buffer.from([0x41, 0x42, 3, 0, 1, 2, 3]);
  const head = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3]), Buffer.from([extra.length, 0]), extra, Buffer.from('capture.pcap\0comment\0', 'latin1')]);
  const hcrc = (~crc32Update(~0, head) >>> 0) & 0xffff;
  return Buffer.concat([head, Buffer.from([hcrc & 0xff, hcrc >> 8]), plain.subarray(10)]);
}

describe('GunzipStream', () => {
  it('recognises gzip by its two magic bytes only', () => {
    expect(isGzip(gzipSync(Buffer.from('x')))).toBe(true);
    expect(isGzip(Uint8Array.of(0x1f))).toBe(false);
    expect(isGzip(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1))).toBe(false);
  });

  it('gives back the data whatever the chunking (1 byte at a time included)', () => {
    const data = text(3000);
    const gz = gzipSync(data);
    for (const chunk of [1, 7, 1000, gz.length]) expect(inflate(gz, chunk)).toMatchObject({ out: Buffer.from(data), error: null, members: 1 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 9 }), (bytes, chunk, level) => {
        const r = inflate(gzipSync(bytes, { level }), chunk);
        expect(r.error).toBeNull();
        expect(Buffer.compare(r.out, Buffer.from(bytes))).toBe(0);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('reads concatenated members as one stream, header fields and all', () => {
    const a = text(500);
    const b = text(20);
    const c = new Uint8Array(0);
    const gz = Buffer.concat([gzipSync(a), memberWithHeaderFields(b), gzipSync(c), gzipSync(a)]);
    for (const chunk of [1, 5, 64, gz.length]) {
      expect(inflate(gz, chunk)).toMatchObject({ out: Buffer.concat([a, b, c, a]), error: null, members: 4 });
    }
  });

  it('a stream cut inside the compressed data: what inflated before the cut, then "cut short"', () => {
    const data = text(5000);
    const gz = gzipSync(data);
    for (const keep of [3, 10, 500, gz.length - 100]) {
      const r = inflate(gz.subarray(0, keep), 97);
      expect(r.error).toBe('gzip data cut short: unexpected end of file');
      expect(Buffer.compare(r.out, Buffer.from(data).subarray(0, r.out.length))).toBe(0);
    }
    // Most of the data is recovered from a cut near the end.
    expect(inflate(gz.subarray(0, gz.length - 100)).out.length).toBeGreaterThan(data.length * 0.9);
  });

  it('a cut inside the trailer or inside the next member\'s header fails the last check', () => {
    // fflate sees neither; the last 8 bytes are then not the trailer of what was inflated.
    const gz = gzipSync(text(100));
    expect(inflate(gz.subarray(0, gz.length - 3)).error).toBe('gzip data damaged: CRC-32 mismatch');
    const two = Buffer.concat([gz, gz.subarray(0, 5)]);
    expect(inflate(two, 3).error).toBe('gzip data damaged: CRC-32 mismatch');
  });

  it('checks each member\'s CRC-32 and length', () => {
    const gz = gzipSync(text(100));
    const badCrc = Buffer.from(gz);
    badCrc[badCrc.length - 6]! ^= 1;
    expect(inflate(badCrc).error).toBe('gzip data damaged: CRC-32 mismatch');
    const badLen = Buffer.from(gz);
    badLen[badLen.length - 2]! ^= 1;
    expect(inflate(badLen).error).toBe('gzip data damaged: length mismatch');
    // In a multi-member file, the member is named; the members before it are delivered whole.
    const r = inflate(Buffer.concat([gz, badCrc, gz]), 50);
    expect(r.error).toBe('gzip data damaged: CRC-32 mismatch in member 2');
    expect(r.out.length).toBeGreaterThanOrEqual(text(100).length);
    expect(inflate(Buffer.concat([gz, gz, badLen]), 50).error).toBe('gzip data damaged: length mismatch in member 3');
  });

  it('garbage after the last member, and a header that is not gzip\'s', () => {
    const gz = gzipSync(text(100));
    const r = inflate(Buffer.concat([gz, Buffer.from('not gzip at all')]));
    expect(r.error).toBe('gzip data damaged: trailing garbage after the compressed data');
    expect(r.out).toEqual(Buffer.from(text(100)));
    const method = Buffer.from(gz);
    method[2] = 7;
    expect(inflate(method).error).toBe('gzip data damaged: invalid gzip header');
  });

  it('corrupt deflate data is reported, never thrown', () => {
    const gz = Buffer.from(gzipSync(text(2000)));
    let reported = 0;
    for (let i = 10; i < gz.length - 8; i += 17) {
      const bad = Buffer.from(gz);
      bad[i]! ^= 0x5a;
      const r = inflate(bad, 64);
      if (r.error) reported++;
      expect(r.error ?? '').toMatch(/^(|gzip data (damaged|cut short): .+)$/);
    }
    expect(reported).toBeGreaterThan(0);
  });

  it('inflates a bomb in bounded pieces, and stops when the consumer says so', () => {
    const zeros = gzipSync(new Uint8Array(200 * 1024 * 1024), { level: 9 });
    expect(zeros.length).toBeLessThan(1024 * 1024);
    let pieces = 0;
    let largest = 0;
    const s = new GunzipStream((d) => {
      pieces++;
      largest = Math.max(largest, d.length);
      return pieces < 2;
    });
    expect(s.push(zeros)).toBe(false);
    s.end();
    expect(s.error).toBeNull();
    expect(pieces).toBe(2);
    // One fflate push of 32 KiB of compressed zeros inflates to at most ~33 MiB.
    expect(largest).toBeLessThanOrEqual(34 * 1024 * 1024);
  });
});
