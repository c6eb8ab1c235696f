// A display filter the engine cannot accept: what is wrong and where (0-based offset into
// the filter text, so the filter bar can underline it and the CLI can point a caret at it).

export class FilterError extends Error {
  constructor(
    message: string,
    readonly position: number,
    /** Length of the offending text (0 when the problem is a missing token). */
    readonly length = 0,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

/** tshark's way of showing where a filter went wrong: the text, then a caret line under it. */
export function caretLine(text: string, position: number, length: number): string {
  const pad = ' '.repeat(Math.max(0, Math.min(position, text.length)));
  return `${text}\n${pad}^${'~'.repeat(Math.max(0, length - 1))}`;
}
