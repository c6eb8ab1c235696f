// The word of a display filter being typed, and putting a completed field name in its place.

export interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const NAME_CHAR = /[A-Za-z0-9_.]/;

/**
 * The field-name word that ends at the caret (`ip.sr|` → `ip.sr`), or undefined when the caret
 * is not at the end of one: inside a string, after an operator, or at a number (`== 10.0|`).
 */
export function wordAt(text: string, caret: number): Word | undefined {
  if (caret < text.length && NAME_CHAR.test(text[caret]!)) return undefined;
  let start = caret;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
  const word = text.slice(start, caret);
  if (!/^[A-Za-z_]/.test(word)) return undefined;
  // Inside a quoted string: an odd number of quotes before the word.
  if ((text.slice(0, start).match(/"/g)?.length ?? 0) % 2 === 1) return undefined;
  return { start, end: caret, text: word };
}

/** The text with the word replaced by `name`, and where the caret goes (after it). */
export function complete(text: string, word: Word, name: string): { text: string; caret: number } {
  return { text: text.slice(0, word.start) + name + text.slice(word.end), caret: word.start + name.length };
}
