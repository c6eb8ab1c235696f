import { describe, expect, it } from 'vitest';
import { geometry, MAX_SCROLL_PX, revealOffset, visibleRows } from '../../../renderer/src/util/scaled-scroll.js';

describe('scaled scrolling', () => {
  it('is 1:1 while the list fits in one element', () => {
    expect(geometry(1000, 20, 400)).toEqual({ spacer: 20000, ratio: 1, maxVirtual: 19600 });
  });
  it('maps 10M rows onto a scroller no taller than the browser allows, reaching the last row', () => {
    const g = geometry(10_000_000, 20, 600);
    expect(g.spacer).toBe(MAX_SCROLL_PX);
    expect(g.spacer).toBeLessThan(33_554_432);
    // The bottom of the scroller is exactly the last row.
    expect((g.spacer - 600) * g.ratio).toBeCloseTo(g.maxVirtual, 3);
    const last = visibleRows(g.maxVirtual, 10_000_000, 20, 600, 0);
    expect(last.end).toBe(10_000_000);
    expect(last.first).toBe(10_000_000 - 30);
  });
  it('draws only the rows in view plus overscan, whatever the count', () => {
    const r = visibleRows(5_000_010, 10_000_000, 20, 400, 4);
    expect(r.first).toBe(250_000 - 4);
    expect(r.end - r.first).toBeLessThanOrEqual(20 + 1 + 8);
    expect(r.shift).toBe(-(4 * 20 + 10));
  });
  it('reveals a row moving as little as possible', () => {
    expect(revealOffset(10, 0, 20, 400)).toBe(0);
    expect(revealOffset(30, 0, 20, 400)).toBe(220);
    expect(revealOffset(2, 200, 20, 400)).toBe(40);
  });
});
