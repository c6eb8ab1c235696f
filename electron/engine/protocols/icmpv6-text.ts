// Small text helpers of the ICMPv6 printers (tcpdump's util-print.c): not a dissector.
import type { DissectContext } from '../dissect/dissect-context.js';
import { hexPrint } from '../summary/hexdump.js';

/** fn_print_char: `M-` for 8-bit bytes, `^X` for control characters. */
export function fnPrintChar(ctx: DissectContext, c: number): void {
  let s = '';
  if (c > 0x7f) {
    c &= 0x7f;
    s = 'M-';
  }
  if (c < 0x20 || c > 0x7e) {
    c ^= 0x40;
    s += '^';
  }
  ctx.print(s + String.fromCharCode(c));
}

/** print_unknown_data: hex_print of what was captured of `len` bytes at `cp` (no truncation mark). */
export function printUnknownData(ctx: DissectContext, cp: number, ident: string, len: number): void {
  const f = ctx.frame;
  if (cp > f.snapend) {
    ctx.print(`${ident}Dissector error: print_unknown_data called with pointer past end of packet`);
    return;
  }
  hexPrint(ctx, ident, cp, Math.max(0, Math.min(len, f.snapend - cp)));
}
