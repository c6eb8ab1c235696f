// TCP options as tcpdump prints them inside `options [...]` (print-tcp.c), and the
// values the analysis needs (MSS, window scale, SACK, timestamps).
import type { DissectContext } from '../dissect/dissect-context.js';

const NAMES = new Map<number, string>([
  [0, 'eol'],
  [1, 'nop'],
  [2, 'mss'],
  [3, 'wscale'],
  [4, 'sackOK'],
  [5, 'sack'],
  [6, 'echo'],
  [7, 'echoreply'],
  [8, 'TS'],
  [11, 'cc'],
  [12, 'ccnew'],
  [13, ''],
  [19, 'md5'],
  [20, 'scps'],
  [28, 'uto'],
  [29, 'tcp-ao'],
  [30, 'mptcp'],
  [34, 'tfo'],
  [254, 'exp'],
]);

const hex2 = (v: number): string => (v < 16 ? '0' : '') + v.toString(16);

export interface TcpOptionValues {
  mss?: number;
  wscale?: number;
  sackPermitted?: boolean;
  tsVal?: number;
  tsEcr?: number;
  sack?: [number, number][];
}

/** Internal: the option list is bad (tcpdump's `goto bad`). */
class BadOption {}

/**
 * Internal: LENCHECK found an option's data cut by the capture (tcpdump's `goto trunc`, which
 * adds `>`). A plain read past the capture (GET_U_1 of a kind or length byte) longjmps out of
 * tcp_print instead and prints ` [|tcp]` alone.
 */
class OptionDataCut {}

// LENCHECK's operands, set before each option (a module-level function avoids a closure per option).
let lencheckHlen = 0;
let lencheckCp = 0;
let lencheckFrame: DissectContext['frame'] | null = null;
function LENCHECK(l: number): void {
  if (l > lencheckHlen) throw new BadOption();
  if (!lencheckFrame!.has(lencheckCp, l)) throw new OptionDataCut();
}

function fastOpen(ctx: DissectContext, cp: number, datalen: number, exp: boolean): void {
  if (exp) ctx.print('tfo');
  if (datalen === 0) ctx.print(' cookiereq');
  else if (datalen % 2 !== 0 || datalen < 4 || datalen > 16) ctx.printInvalid();
  else {
    let s = ' cookie ';
    for (let i = 0; i < datalen; i++) s += hex2(ctx.frame.u8(cp + i));
    ctx.print(s);
  }
}

/**
 * Prints `, options [...]` for the `optlen` option bytes at `cp`. `thseq`/`thack` and
 * `rev` make SACK blocks relative like tcpdump does; `payloadLength` (the segment's data
 * after the header) is what an MD5 signature would cover. Returns the values it read.
 */
export function printTcpOptions(ctx: DissectContext, cp: number, hlen: number, rev: boolean, thseq: number, thack: number, payloadLength = 0): TcpOptionValues {
  const f = ctx.frame;
  const payloadEnd = cp + hlen + payloadLength;
  const vals: TcpOptionValues = {};
  let ch = '';
  ctx.print(', options [');
  try {
    while (hlen > 0) {
      if (ch) ctx.print(ch);
      const opt = f.u8(cp);
      cp++;
      let len: number;
      if (opt === 0 || opt === 1) len = 1;
      else {
        len = f.u8(cp);
        cp++;
        if (len < 2 || len > hlen) throw new BadOption();
        --hlen;
      }
      --hlen;
      let datalen = 0;
      // tcpdump's LENCHECK: bail if `l` bytes of data are not left or were not captured.
      const lencheck = LENCHECK;
      lencheckHlen = hlen;
      lencheckCp = cp;
      lencheckFrame = f;
      ctx.print(NAMES.get(opt) ?? `unknown-${opt}`);
      switch (opt) {
        case 2:
          datalen = 2;
          lencheck(datalen);
          vals.mss = f.be16(cp);
          ctx.print(` ${vals.mss}`);
          break;
        case 3:
          datalen = 1;
          lencheck(datalen);
          vals.wscale = f.u8(cp);
          ctx.print(` ${vals.wscale}`);
          break;
        case 4:
          vals.sackPermitted = true;
          break;
        case 5:
          datalen = len - 2;
          if (datalen % 8 !== 0) ctx.print(' invalid sack');
          else {
            ctx.print(` ${datalen / 8} `);
            vals.sack = [];
            for (let i = 0; i < datalen; i += 8) {
              lencheck(i + 4);
              const s0 = f.be32(cp + i);
              lencheck(i + 8);
              const e0 = f.be32(cp + i + 4);
              vals.sack.push([s0, e0]);
              const base = rev ? thseq : thack;
              ctx.print(`{${(s0 - base) >>> 0}:${(e0 - base) >>> 0}}`);
            }
          }
          break;
        case 11:
        case 12:
        case 13:
        case 6:
        case 7:
          datalen = 4;
          lencheck(datalen);
          ctx.print(` ${f.be32(cp)}`);
          break;
        case 8:
          datalen = 8;
          lencheck(datalen);
          vals.tsVal = f.be32(cp);
          vals.tsEcr = f.be32(cp + 4);
          ctx.print(` val ${vals.tsVal} ecr ${vals.tsEcr}`);
          break;
        case 19: {
          datalen = 16;
          lencheck(datalen);
          // tcpdump (built with libcrypto) tries tcp_verify_signature; without a -M secret it
          // cannot check, and says why: the segment is cut, or there is no secret.
          let s = ' ';
          s += payloadEnd > f.snapend ? 'snaplen too short, ' : 'shared secret not supplied with -M, ';
          s += "can't check - ";
          for (let i = 0; i < 16; i++) s += hex2(f.u8(cp + i));
          ctx.print(s);
          break;
        }
        case 20:
          datalen = 2;
          lencheck(datalen);
          ctx.print(` cap ${hex2(f.u8(cp))} id ${f.u8(cp + 1)}`);
          break;
        case 29:
          datalen = len - 2;
          if (datalen < 2) ctx.printInvalid();
          else {
            lencheck(1);
            ctx.print(` keyid ${f.u8(cp)}`);
            lencheck(2);
            ctx.print(` rnextkeyid ${f.u8(cp + 1)}`);
            if (datalen > 2) {
              ctx.print(' mac 0x');
              for (let i = 2; i < datalen; i++) {
                lencheck(i + 1);
                ctx.print(hex2(f.u8(cp + i)));
              }
            }
          }
          break;
        case 0:
        case 1:
          break;
        case 28: {
          datalen = 2;
          lencheck(datalen);
          let uto = f.be16(cp);
          ctx.print(` 0x${uto.toString(16)}`);
          uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
          ctx.print(` ${uto}`);
          break;
        }
        case 30:
          datalen = len - 2;
          lencheck(datalen);
          // MPTCP sub-options: tcpdump's mptcp_print is not ported; print the subtype only.
          if (datalen >= 1) ctx.print(` ${mptcpSubtype(f.u8(cp) >> 4)}`);
          break;
        case 34:
          datalen = len - 2;
          lencheck(datalen);
          ctx.print(' ');
          fastOpen(ctx, cp, datalen, false);
          break;
        case 254: {
          datalen = len - 2;
          lencheck(datalen);
          if (datalen < 2) throw new BadOption();
          const magic = f.be16(cp);
          ctx.print('-');
          if (magic === 0xf989) fastOpen(ctx, cp + 2, datalen - 2, true);
          else ctx.print(magic.toString(16).padStart(4, '0'));
          break;
        }
        default:
          datalen = len - 2;
          if (datalen) ctx.print(' 0x');
          for (let i = 0; i < datalen; ++i) {
            lencheck(i + 1);
            ctx.print(hex2(f.u8(cp + i)));
          }
      }
      cp += datalen;
      hlen -= datalen;
      ++datalen;
      if (opt !== 0 && opt !== 1) ++datalen;
      if (datalen !== len) ctx.print(`[len ${len}]`);
      ch = ',';
      if (opt === 0) break;
    }
    ctx.print(']');
  } catch (e) {
    if (e instanceof BadOption) {
      ctx.print('[bad opt]');
      if (ch) ctx.print(']');
      ctx.markMalformed('bad TCP option');
      throw new TcpOptionsEnded();
    }
    if (e instanceof OptionDataCut) {
      ctx.printTrunc();
      if (ch) ctx.print('>');
      throw new TcpOptionsEnded();
    }
    throw e;
  }
  return vals;
}

/** The option list ended the line (tcpdump returns from tcp_print after `[bad opt]` or a truncation there). */
export class TcpOptionsEnded {}

function mptcpSubtype(st: number): string {
  return ['capable', 'join', 'dss', 'add-addr', 'rem-addr', 'prio', 'fail', 'fast-close', 'tcprst'][st] ?? `unknown-${st}`;
}
