// byte-format.ts: numbers and addresses written as bytes must read exactly as the strings
// the full printers build (String(n), padStart, ipv4String), for every size of number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv4String } from '../../../electron/engine/format/addresses.js';
import { latin1String, putIpv4, putLatin1, putUint, putUint6 } from '../../../electron/engine/summary/byte-format.js';

const written = (f: (b: Uint8Array, p: number) => number): string => {
  const b = new Uint8Array(64).fill(0x7e);
  const end = f(b, 3);
  // Nothing is written before the position or after the end it returns.
  expect(b[2]).toBe(0x7e);
  expect(b[end]).toBe(0x7e);
  return latin1String(b, 3, end - 3);
};

describe('putUint / putUint6', () => {
  const edges = [0, 1, 9, 10, 99, 100, 999, 1000, 65535, 99999, 100000, 999999, 1000000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 9999999999, 1e10, 2 ** 53 - 1];

  it('writes String(n) at number-size edges', () => {
    for (const n of edges) expect(written((b, p) => putUint(b, p, n))).toBe(String(n));
  });

  it('writes String(n) for any integer below 2^53', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (n) => written((b, p) => putUint(b, p, n)) === String(n)), { numRuns: 5000 });
    fc.assert(fc.property(fc.nat({ max: 2 ** 32 - 1 }), (n) => written((b, p) => putUint(b, p, n)) === String(n)), { numRuns: 5000 });
  });

  it('pads to six digits like %06u, and writes longer values whole', () => {
    for (const n of [...edges, 5, 42, 123456, 4_294_967]) {
      expect(written((b, p) => putUint6(b, p, n))).toBe(String(n).padStart(6, '0'));
    }
  });
});

describe('putIpv4 / putLatin1 / latin1String', () => {
  it('writes the dotted quad of any address', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (a) => written((b, p) => putIpv4(b, p, a, 0)) === ipv4String(a, 0)),
      { numRuns: 2000 },
    );
  });

  it('keeps the low byte of each char code (Buffer latin1), and reads bytes back as char codes', () => {
    const s = 'a\u00e9\u00ff\u0100\u20ac';
    const b = new Uint8Array(8);
    expect(putLatin1(b, 1, s)).toBe(6);
    expect([...b.subarray(1, 6)]).toEqual([...Buffer.from(s, 'latin1')]);
    const all = Uint8Array.from({ length: 10000 }, (_, i) => i & 0xff);
    expect(latin1String(all, 0, all.length)).toBe(Buffer.from(all).toString('latin1'));
  });
});
