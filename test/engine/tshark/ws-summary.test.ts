// tshark's summary line pieces: the Time column's truncated decimals and the file's precision.
import { describe, expect, it } from 'vitest';
import { relativeSeconds, timeDigits } from '../../../electron/engine/tshark/ws-summary.js';

describe('relativeSeconds', () => {
  it('truncates to the file precision, as Wireshark does (no rounding)', () => {
    expect(relativeSeconds({ sec: 0, nsec: 45_999_999 }, 6)).toBe('0.045999');
    expect(relativeSeconds({ sec: 12, nsec: 5 }, 9)).toBe('12.000000005');
    expect(relativeSeconds({ sec: 3, nsec: 999_999_999 }, 0)).toBe('3');
  });

  it('keeps the sign of a time before the first packet', () => {
    expect(relativeSeconds({ sec: 0, nsec: -1000 }, 6)).toBe('-0.000001');
    expect(relativeSeconds({ sec: -2, nsec: -500_000_000 }, 6)).toBe('-2.500000');
  });
});

describe('timeDigits', () => {
  it('is 6 for microseconds, 9 for nanoseconds, capped at 9', () => {
    expect(timeDigits(1e6)).toBe(6);
    expect(timeDigits(1e9)).toBe(9);
    expect(timeDigits(1e12)).toBe(9);
    expect(timeDigits(1)).toBe(0);
  });
});
