// Resend groups and the RFC 6298 doubling verdict.
import { describe, expect, it } from 'vitest';
import { BackoffTracker, backoffVerdict } from '../../../electron/engine/flows/tcp-backoff.js';

describe('backoffVerdict', () => {
  it('SYN retries after 1, 2, 4, 8 s double from the start', () => {
    const v = backoffVerdict([0, 1.03, 3.046, 7.078, 15.27]);
    expect(v.doubles).toBe(true);
    expect(v.doublingFrom).toBe(0);
    expect(v.maxDeviation).toBeLessThan(0.05);
  });
  it('a repeated first gap (tail-loss probe) then doubling: doublingFrom 1', () => {
    const v = backoffVerdict([0.051, 0.257, 0.465, 0.897, 1.729, 3.393, 6.689, 13.345]);
    expect(v.doubles).toBe(false);
    expect(v.doublingFrom).toBe(1);
  });
  it('linear retries never double', () => {
    const v = backoffVerdict([0, 1, 2, 3, 4]);
    expect(v.doublingFrom).toBe(v.ratios.length);
  });
});

describe('BackoffTracker', () => {
  it('groups sends of the same seq/len/direction, ignores new data and keep-alives', () => {
    const b = new BackoffTracker();
    expect(b.observe(0, 0, 0, 1000, 10, 0x18, 0)).toBeNull();
    expect(b.observe(1, 0.1, 0, 1010, 10, 0x18, 0)).toBeNull();
    const r1 = b.observe(2, 0.3, 0, 1000, 10, 0x18, 0);
    expect(r1).toMatchObject({ tryNo: 1, prevGap: -1 });
    expect(r1!.gap).toBeCloseTo(0.3, 9);
    const r2 = b.observe(3, 0.9, 0, 1000, 10, 0x18, 0);
    expect(r2).toMatchObject({ tryNo: 2 });
    expect(r2!.gap / r2!.prevGap).toBeCloseTo(2, 9);
    expect(b.observe(4, 1, 1, 1000, 10, 0x18, 0)).toBeNull();
    expect(b.observe(5, 1, 0, 999, 0, 0x10, 1 << 9)).toBeNull();
    expect(b.groups).toHaveLength(1);
    expect(b.groups[0]!.times).toEqual([0, 0.3, 0.9]);
  });
  it('stays bounded on a long flow', () => {
    const b = new BackoffTracker();
    for (let k = 0; k < 100000; k++) b.observe(k, k, 0, (k % 500) * 10, 10, 0x18, 0);
    expect(b.groups.length).toBeLessThanOrEqual(64);
    expect(b.groups.every((g) => g.indices.length <= 32)).toBe(true);
  });
});
