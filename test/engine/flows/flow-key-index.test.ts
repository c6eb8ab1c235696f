// The flows table's 5-tuple index: answers like a Map of string keys, through its resizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowKeyIndex } from '../../../electron/engine/flows/flow-key-index.js';

describe('FlowKeyIndex', () => {
  it('finds, replaces and misses keys like a Map of string keys', () => {
    const key = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.boolean()), { maxLength: 3000 }), (ops) => {
        const idx = new FlowKeyIndex(2);
        const ref = new Map<string, number>();
        ops.forEach(([[k, la, lp, ha, hp], put], n) => {
          if (put) {
            idx.set(k, la * 70001, lp * 20011, ha * 90001, hp * 16001, n + 1);
            ref.set(`${k}|${la}|${lp}|${ha}|${hp}`, n + 1);
          }
          expect(idx.get(k, la * 70001, lp * 20011, ha * 90001, hp * 16001)).toBe(ref.get(`${k}|${la}|${lp}|${ha}|${hp}`) ?? 0);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('holds large address ids (past 2^16 and 2^31) apart', () => {
    const idx = new FlowKeyIndex();
    idx.set(1, 0x80000001, 80, 0x10001, 443, 7);
    idx.set(1, 0x00000001, 80, 0x10001, 443, 8);
    expect(idx.get(1, 0x80000001, 80, 0x10001, 443)).toBe(7);
    expect(idx.get(1, 0x00000001, 80, 0x10001, 443)).toBe(8);
    expect(idx.get(2, 0x00000001, 80, 0x10001, 443)).toBe(0);
  });
});
