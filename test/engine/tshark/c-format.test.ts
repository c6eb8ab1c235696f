// C printf's %.Nf (glibc: exact value, ties to even) and Wireshark's format_size, as the
// tshark tables print them.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cFixed, formatSizeBytes, padLeft, padRight } from '../../../electron/engine/tshark/c-format.js';

describe('cFixed', () => {
  it('rounds an exact tie to even, as glibc does (toFixed rounds it up)', () => {
    expect((0.03125).toFixed(4)).toBe('0.0313');
    expect(cFixed(0.03125, 4)).toBe('0.0312');
    expect(cFixed(0.09375, 4)).toBe('0.0938');
    expect(cFixed(2.5, 0)).toBe('2');
    expect(cFixed(3.5, 0)).toBe('4');
    expect(cFixed(-0.03125, 4)).toBe('-0.0312');
  });

  it('agrees with toFixed when the value is not a tie', () => {
    expect(cFixed(0.000051, 9)).toBe('0.000051000');
    expect(cFixed(0.20884, 4)).toBe('0.2088');
    expect(cFixed(13.34657, 4)).toBe('13.3466');
  });

  it('matches printf(1) on random values', () => {
    const values = fc.sample(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 1 << 20 }).map((n) => n / 1024)), { numRuns: 200, seed: 42 });
    const fmt = values.map(() => '%.4f\\n').join('');
    const want = execFileSync('printf', [fmt, ...values.map((v) => v.toPrecision(17))], { encoding: 'utf8' }).split('\n');
    values.forEach((v, k) => expect(cFixed(Number(v.toPrecision(17)), 4), String(v)).toBe(want[k]));
  });
});

describe('formatSizeBytes', () => {
  it('prints bytes below 10 kB, then whole (truncated) SI units', () => {
    expect(formatSizeBytes(0)).toBe('0 bytes');
    expect(formatSizeBytes(9999)).toBe('9999 bytes');
    expect(formatSizeBytes(10000)).toBe('10 kB');
    expect(formatSizeBytes(1621999)).toBe('1621 kB');
    expect(formatSizeBytes(158912465)).toBe('158 MB');
    expect(formatSizeBytes(12_345_678_901)).toBe('12 GB');
  });
});

describe('padding', () => {
  it('never cuts', () => {
    expect(padLeft(123456, 3)).toBe('123456');
    expect(padRight('abcdef', 3)).toBe('abcdef');
    expect(padLeft('7', 3)).toBe('  7');
    expect(padRight('7', 3)).toBe('7  ');
  });
});
