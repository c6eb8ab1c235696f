// LineBuffer: the reused output bytes of `ackline read` (drained when full, or grown).
import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../../electron/engine/summary/line-buffer.js';

describe('LineBuffer', () => {
  it('drains in order when room is needed and on flush, and never loses bytes', () => {
    let out = '';
    const lb = new LineBuffer((b, n) => (out += Buffer.from(b.subarray(0, n)).toString('latin1')), 8);
    lb.latin1('abc');
    lb.latin1('defgh');
    expect(out).toBe('');
    lb.latin1('ij');
    expect(out).toBe('abcdefgh');
    // Longer than the array: drained first, then grown to hold it.
    lb.latin1('0123456789xyz');
    expect(out).toBe('abcdefghij');
    lb.flush();
    expect(out).toBe('abcdefghij0123456789xyz');
    expect(lb.pos).toBe(0);
    lb.flush();
    expect(out).toBe('abcdefghij0123456789xyz');
  });

  it('without a drain, grows and keeps everything written', () => {
    const lb = new LineBuffer(null, 4);
    lb.latin1('hello, ');
    lb.reserve(100);
    lb.latin1('world\u00e9\u0101');
    expect(Buffer.from(lb.buf.subarray(0, lb.pos)).toString('latin1')).toBe('hello, world\u00e9\u0001');
  });
});
