// One hex-pane line: offset, 16 bytes as hex and as ASCII (dots for the unprintable).
export const BYTES_PER_LINE = 16;

export function offsetText(offset: number, total: number): string {
  return offset.toString(16).padStart(total > 0xffff ? 8 : 4, '0');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export const hexByte = (b: number): string => HEX[b & 0xff]!;
export const asciiByte = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

export type ByteMark = '' | 'hi' | 'truncated' | 'error' | 'warning';

/** The mark of each byte: the selected field wins over the flagged ranges. */
export function byteMarks(length: number, highlight: { offset: number; length: number } | undefined, flagged: readonly { offset: number; length: number; kind: 'truncated' | 'error' | 'warning' }[]): Uint8Array {
  // 0 none, 1 hi, 2 truncated, 3 error, 4 warning
  const m = new Uint8Array(length);
  const code = { truncated: 2, error: 3, warning: 4 } as const;
  for (const f of flagged) m.fill(code[f.kind], Math.max(0, f.offset), Math.min(length, f.offset + f.length));
  if (highlight) m.fill(1, Math.max(0, highlight.offset), Math.min(length, highlight.offset + highlight.length));
  return m;
}

export const MARK_CLASS: readonly ByteMark[] = ['', 'hi', 'truncated', 'error', 'warning'];
