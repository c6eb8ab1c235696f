// SortedSparse: rows added in packet order, found again by binary search, across growth.
import { describe, expect, it } from 'vitest';
import { SortedSparse } from '../../../electron/engine/store/sorted-sparse.js';

describe('SortedSparse', () => {
  it('finds every row added and nothing else', () => {
    const s = new SortedSparse();
    for (let i = 0; i < 1000; i += 3) s.add(i, i * 2, i / 7);
    expect(s.size).toBe(334);
    expect(s.get(999)).toEqual({ a: 1998, b: 999 / 7 });
    expect(s.get(0)).toEqual({ a: 0, b: 0 });
    expect(s.get(1)).toBeUndefined();
    expect(s.get(1002)).toBeUndefined();
  });
});
