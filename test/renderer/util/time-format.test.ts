import { describe, expect, it } from 'vitest';
import { difference, duration, formatTime } from '../../../renderer/src/util/time-format.js';

const t = (sec: number, nsec: number) => ({ sec, nsec });

describe('time formats (Wireshark View → Time Display Format)', () => {
  const first = t(1_700_000_000, 997_577_000);
  const p = t(1_700_000_001, 98_240_000);
  it('since first packet, as integers (no float blur on epoch values)', () => {
    expect(formatTime(p, 'since-first', { first })).toBe('0.100663');
    expect(difference(first, p)).toBe('-0.100663');
  });
  it('since previous (captured or displayed); the first row is 0', () => {
    expect(formatTime(p, 'delta', { previous: first })).toBe('0.100663');
    expect(formatTime(p, 'delta-displayed', {})).toBe('0.000000');
  });
  it('epoch, UTC time of day and date', () => {
    expect(formatTime(p, 'epoch', {})).toBe('1700000001.098240');
    expect(formatTime(p, 'utc-time', {})).toBe('22:13:21.098240');
    expect(formatTime(p, 'utc-date', {})).toBe('2023-11-14 22:13:21.098240');
  });
  it('since-first is empty until the first packet is known', () => {
    expect(formatTime(p, 'since-first', {})).toBe('');
  });
  it('durations read like people write them', () => {
    expect(duration(0.000032)).toBe('32 µs');
    expect(duration(0.0123)).toBe('12.3 ms');
    expect(duration(1.0305)).toBe('1.03 s');
    expect(duration(16.2)).toBe('16.2 s');
  });
});
