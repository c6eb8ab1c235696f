// tcpdump's txtproto_print (util-print.c) for line-based protocols (HTTP, FTP, SMTP,
// RTSP, WHOIS): the protocol name and, at default verbosity, the first line of a
// request or response; with -v every text line. Not a dissector: a helper the text
// protocol files share.
import type { DissectContext } from '../dissect/dissect-context.js';

const isPrint = (c: number): boolean => c >= 0x20 && c <= 0x7e;

/** fetch_token: index after the token and the blanks that follow it, or 0. */
function fetchToken(ctx: DissectContext, p: number, idx: number, len: number): { idx: number; token: string } {
  const f = ctx.frame;
  let token = '';
  for (; idx < len; idx++) {
    if (!f.has(p + idx, 1)) return { idx: 0, token: '' };
    const c = f.data[p + idx]!;
    if (c >= 0x80) return { idx: 0, token: '' };
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    if (!isPrint(c)) return { idx: 0, token: '' };
    if (token.length + 2 > 129) return { idx: 0, token: '' };
    token += String.fromCharCode(c);
  }
  if (!token) return { idx: 0, token: '' };
  for (; idx < len; idx++) {
    if (!f.has(p + idx, 1)) break;
    const c = f.data[p + idx]!;
    if (c === 0x0d || c === 0x0a) break;
    if (!isPrint(c)) break;
    if (c !== 0x20 && c !== 0x09) break;
  }
  return { idx, token };
}

/** print_txt_line: prints one line (reads are bounds-checked like GET_U_1); returns the next index or 0. */
function printTxtLine(ctx: DissectContext, prefix: string, p: number, idx: number, len: number): number {
  const f = ctx.frame;
  const start = idx;
  let linelen: number;
  while (idx < len) {
    const c = f.u8(p + idx);
    if (c === 0x0a) {
      linelen = idx - start;
      idx++;
      ctx.print(prefix + latin1(f.data, p + start, linelen));
      return idx;
    } else if (c === 0x0d) {
      if (idx + 1 >= len) return 0;
      if (f.u8(p + idx + 1) === 0x0a) {
        linelen = idx - start;
        idx += 2;
        ctx.print(prefix + latin1(f.data, p + start, linelen));
        return idx;
      }
      return 0;
    } else if (!isPrint(c) && c !== 0x09) return 0;
    idx++;
  }
  // tcpdump 4.99: all printable but no line ending in the packet: "treat this as if it
  // were truncated" (print-ascii.c prints the text, then ` [|proto]`).
  ctx.print(prefix + latin1(f.data, p + start, idx - start));
  ctx.printTrunc();
  return 0;
}

function latin1(d: Uint8Array, o: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(d[o + i]!);
  return s;
}

export const RESP_CODE_SECOND_TOKEN = 1;

export function txtprotoPrint(ctx: DissectContext, p: number, len: number, cmds: readonly string[] | null, flags: number): void {
  let printThis = false;
  if (cmds) {
    let { idx, token } = fetchToken(ctx, p, 0, len);
    if (idx !== 0) {
      const upper = token.toUpperCase();
      if (cmds.includes(upper)) printThis = true;
      if (flags & RESP_CODE_SECOND_TOKEN) ({ idx, token } = fetchToken(ctx, p, idx, len));
      if (idx !== 0 && /^[0-9]{3}$/.test(token)) printThis = true;
    }
  } else printThis = true;
  ctx.print(ctx.protocol.toUpperCase());
  if (!printThis) return;
  if (ctx.opts.verbose) {
    ctx.print(`, length: ${len}`);
    for (let idx = 0, eol = 0; idx < len && (eol = printTxtLine(ctx, '\n\t', p, idx, len)) !== 0; idx = eol);
  } else printTxtLine(ctx, ': ', p, 0, len);
}
