// tcpdump's util-print.c character printers (fn_print_char, nd_printn, nd_printztn,
// nd_printjn) over the bounds-checked frame: non-ASCII bytes become `M-x`, control
// characters `^X`, so any byte string prints as safe text.
import type { Frame } from '../bytes/frame.js';

/** fn_print_char. */
function printChar(c: number): string {
  let s = '';
  if (c > 0x7f) {
    c &= 0x7f;
    s += 'M-';
  }
  if (c < 0x20 || c > 0x7e) {
    c ^= 0x40; // DEL becomes '?', other controls a letter
    s += '^';
  }
  return s + String.fromCharCode(c);
}

/**
 * nd_printn: up to `n` characters, stopping at the captured end.
 * `truncated` is true when the end came first (tcpdump returns 1).
 */
export function ndPrintn(f: Frame, o: number, n: number): { text: string; truncated: boolean } {
  let text = '';
  const end = f.snapend;
  while (n > 0 && o < end) {
    text += printChar(f.data[o]!);
    o++;
    n--;
  }
  return { text, truncated: n !== 0 };
}

/**
 * nd_printztn: a NUL-terminated string in a field of `n` bytes. `bytes` is the count
 * consumed including the NUL, or 0 when no NUL came before the field or capture ended
 * (tcpdump then treats the string as truncated).
 */
export function ndPrintztn(f: Frame, o: number, n: number): { text: string; bytes: number } {
  let text = '';
  let bytes = 0;
  const end = f.snapend;
  for (;;) {
    if (n === 0 || o >= end) return { text, bytes: 0 };
    const c = f.data[o]!;
    o++;
    bytes++;
    n--;
    if (c === 0) return { text, bytes };
    text += printChar(c);
  }
}
