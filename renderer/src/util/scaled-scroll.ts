// A browser element cannot be taller than ~33.5M px (Chromium clamps near 2^25), so at
// 20 px a row a list of more than ~1.6M rows cannot be one scrollable element. We keep
// the real list in "virtual" pixels and map them onto a scroller no taller than
// MAX_SCROLL_PX: while the list fits, 1:1; beyond that, linearly (the thumb still says
// where you are), with wheel and keys moving in virtual pixels so a notch is still a notch.
export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  /** Height of the spacer element the scroller gets. */
  spacer: number;
  /** Virtual px per real px of scrollTop (1 when the list fits). */
  ratio: number;
  /** Largest virtual offset (total − viewport, at least 0). */
  maxVirtual: number;
}

export function geometry(count: number, rowHeight: number, viewport: number): ScrollGeometry {
  const total = count * rowHeight;
  const maxVirtual = Math.max(0, total - viewport);
  if (total <= MAX_SCROLL_PX) return { spacer: total, ratio: 1, maxVirtual };
  const maxReal = MAX_SCROLL_PX - viewport;
  return { spacer: MAX_SCROLL_PX, ratio: maxReal > 0 ? maxVirtual / maxReal : 1, maxVirtual };
}

export interface RowRange {
  first: number;
  /** Exclusive. */
  end: number;
  /** Position of row `first` relative to the top of the viewport (≤ 0). */
  shift: number;
}

/** Rows to draw for a virtual offset, with `overscan` extra on each side. */
export function visibleRows(virtualTop: number, count: number, rowHeight: number, viewport: number, overscan = 4): RowRange {
  const top = Math.max(0, virtualTop);
  const firstFull = Math.floor(top / rowHeight);
  const first = Math.max(0, firstFull - overscan);
  const end = Math.min(count, Math.ceil((top + viewport) / rowHeight) + overscan);
  return { first, end, shift: first * rowHeight - top };
}

/** Virtual offset that brings row `index` into view, moving as little as possible. */
export function revealOffset(index: number, current: number, rowHeight: number, viewport: number): number {
  const top = index * rowHeight;
  if (top < current) return top;
  if (top + rowHeight > current + viewport) return top + rowHeight - viewport;
  return current;
}
