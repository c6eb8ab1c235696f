// tcpdump's hex_print / hex_and_ascii_print (util-print.c, print-ascii.c): the
// "\n\t0x0000:  4500 0054 ..." blocks tcpdump adds for protocols it cannot decode.
import type { DissectContext } from '../dissect/dissect-context.js';

const hex2 = (v: number): string => (v < 16 ? '0' : '') + v.toString(16);
const hex4 = (v: number): string => v.toString(16).padStart(4, '0');
const graph = (v: number): string => (v >= 0x21 && v <= 0x7e ? String.fromCharCode(v) : '.');

/** hex_and_ascii_print(ident, bp, length): 16 bytes a line with an ASCII column. */
export function hexAndAsciiPrint(ctx: DissectContext, ident: string, offset: number, length: number, oset = 0): void {
  // tcpdump prints what was captured of `length`, then ` [|proto]` if the capture ran short.
  const truncated = length > ctx.frame.left(offset);
  if (truncated) length = ctx.frame.left(offset);
  const d = ctx.frame.data;
  let hex = '';
  let ascii = '';
  let i = 0;
  let p = offset;
  let nshorts = length >> 1;
  while (nshorts !== 0) {
    const s1 = d[p]!;
    const s2 = d[p + 1]!;
    p += 2;
    hex += ' ' + hex2(s1) + hex2(s2);
    ascii += graph(s1) + graph(s2);
    if (++i >= 8) {
      ctx.print(`${ident}0x${hex4(oset)}: ${hex.padEnd(40)}  ${ascii}`);
      i = 0;
      hex = '';
      ascii = '';
      oset += 16;
    }
    nshorts--;
  }
  if (length & 1) {
    const s1 = d[p]!;
    hex += ' ' + hex2(s1);
    ascii += graph(s1);
    ++i;
  }
  if (i > 0) ctx.print(`${ident}0x${hex4(oset)}: ${hex.padEnd(40)}  ${ascii}`);
  if (truncated) ctx.printTrunc();
}

/** hex_print(ident, bp, length): 16 bytes a line, no ASCII column. */
export function hexPrint(ctx: DissectContext, ident: string, offset: number, length: number, oset = 0): void {
  // tcpdump prints what was captured of `length`, then ` [|proto]` if the capture ran short.
  const truncated = length > ctx.frame.left(offset);
  if (truncated) length = ctx.frame.left(offset);
  const d = ctx.frame.data;
  let out = '';
  let i = 0;
  let p = offset;
  let nshorts = length >> 1;
  while (nshorts !== 0) {
    if (i++ % 8 === 0) {
      out += `${ident}0x${hex4(oset)}: `;
      oset += 16;
    }
    out += ' ' + hex2(d[p]!) + hex2(d[p + 1]!);
    p += 2;
    nshorts--;
  }
  if (length & 1) {
    if (i % 8 === 0) out += `${ident}0x${hex4(oset)}: `;
    out += ' ' + hex2(d[p]!);
  }
  ctx.print(out);
  if (truncated) ctx.printTrunc();
}
