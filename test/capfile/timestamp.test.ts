// electron/capfile/timestamp.ts: the BigInt-free paths equal BigInt arithmetic for any
// 64-bit tick count, and the reverse conversion is exact.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MICRO_SCALE,
  NANO_SCALE,
  secNsecToTicks,
  tickScaleFromTsresol,
  ticksToSecNsec,
  type SecNsec,
  type TickHalves,
} from '../../electron/capfile/timestamp.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** Tick counts near the interesting places as well as anywhere. */
const hiWord = fc.oneof(u32, fc.integer({ min: 0, max: 0x1fffff }), fc.constantFrom(0, 1, 0x1fffff, 0x200000, 0xffffffff));

function reference(hi: number, lo: number, r: bigint): [number, number] {
  const t = (BigInt(hi) << 32n) | BigInt(lo);
  return [Number(t / r), Number(((t % r) * 1_000_000_000n) / r)];
}

describe('ticksToSecNsec', () => {
  const out: SecNsec = { sec: 0, nsec: 0 };

  it.each([
    ['µs', MICRO_SCALE],
    ['ns', NANO_SCALE],
    ['10^-3', tickScaleFromTsresol(3)],
    ['2^-20', tickScaleFromTsresol(0x94)],
    ['2^-63', tickScaleFromTsresol(0xbf)],
    ['10^-19', tickScaleFromTsresol(19)],
  ])('equals BigInt arithmetic at %s', (_name, scale) => {
    if (!scale) throw new Error('scale');
    fc.assert(
      fc.property(hiWord, u32, (hi, lo) => {
        ticksToSecNsec(hi, lo, scale, out);
        expect([out.sec, out.nsec]).toEqual(reference(hi, lo, scale.perSecondBig));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the µs values where a floating division rounds up to the next second', () => {
    // t = k * 10^6 - 1 for large k: t / 10^6 rounds to k in double precision.
    for (const k of [2n ** 33n, 2n ** 33n + 12345n, 9007199254n]) {
      const t = k * 1_000_000n - 1n;
      ticksToSecNsec(Number(t >> 32n), Number(t & 0xffffffffn), MICRO_SCALE, out);
      expect([out.sec, out.nsec]).toEqual([Number(k - 1n), 999_999_000]);
    }
  });
});

describe('secNsecToTicks', () => {
  const ticks: TickHalves = { hi: 0, lo: 0 };
  const back: SecNsec = { sec: 0, nsec: 0 };

  it('round-trips ns and µs times exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 34 - 1 }), fc.integer({ min: 0, max: 999_999_999 }), (sec, nsec) => {
        secNsecToTicks(sec, nsec, NANO_SCALE, ticks);
        ticksToSecNsec(ticks.hi, ticks.lo, NANO_SCALE, back);
        expect([back.sec, back.nsec]).toEqual([sec, nsec]);
        const t = (BigInt(ticks.hi) << 32n) | BigInt(ticks.lo);
        expect(t).toBe(BigInt(sec) * 1_000_000_000n + BigInt(nsec));
        secNsecToTicks(sec, nsec, MICRO_SCALE, ticks);
        ticksToSecNsec(ticks.hi, ticks.lo, MICRO_SCALE, back);
        expect([back.sec, back.nsec]).toEqual([sec, nsec - (nsec % 1000)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('uses BigInt for other resolutions, truncating the fraction', () => {
    const scale = tickScaleFromTsresol(0x80 | 20);
    if (!scale) throw new Error('scale');
    secNsecToTicks(1795238919, 500_000_000, scale, ticks);
    expect((BigInt(ticks.hi) << 32n) | BigInt(ticks.lo)).toBe(1795238919n * 2n ** 20n + 2n ** 19n);
  });
});

describe('tickScaleFromTsresol', () => {
  it('refuses what libpcap refuses: 10^-20 and finer, 2^-64 and finer', () => {
    expect(tickScaleFromTsresol(19)?.perSecondBig).toBe(10n ** 19n);
    expect(tickScaleFromTsresol(20)).toBeNull();
    expect(tickScaleFromTsresol(0x80 | 63)?.perSecondBig).toBe(2n ** 63n);
    expect(tickScaleFromTsresol(0x80 | 64)).toBeNull();
    expect(tickScaleFromTsresol(6)).toBe(MICRO_SCALE);
    expect(tickScaleFromTsresol(9)).toBe(NANO_SCALE);
  });
});
