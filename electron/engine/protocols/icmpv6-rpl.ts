// RPL control messages carried in ICMPv6 type 155 (RFC 6550 section 6). Not a dissector:
// a helper of icmpv6.ts, printing like tcpdump 4.99's rpl_print (print-icmp6.c).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv6String } from '../format/addresses.js';
import { hexPrint } from '../summary/hexdump.js';

const MOP = ['nonstoring', 'storing', 'nonstoring-multicast', 'storing-multicast'];
const SUBOPTS = ['pad1', 'padN', 'metrics', 'routinginfo', 'config', 'rpltarget', 'transitinfo', '', 'destprefix', 'rpltargetdesc'];

/** rpl_printopts (-vv): ` opt:NAME len:N ` per option, hex at -vvv. */
function options(ctx: DissectContext, o: number, length: number): void {
  const f = ctx.frame;
  while (length > 0) {
    const type = f.u8(o);
    let optlen: number;
    if (type === 0) {
      optlen = 1;
      ctx.print(' opt:pad1');
    } else {
      if (length < 2) return ctx.printTrunc();
      optlen = f.u8(o + 1) + 2;
      ctx.print(` opt:${SUBOPTS[type] || `subopt:${type}`} len:${optlen} `);
      if (!f.has(o, optlen) || length < optlen) return ctx.printTrunc();
      if (ctx.opts.verbose > 2) hexPrint(ctx, ' ', o + 2, optlen - 2);
    }
    o += optlen;
    length -= optlen;
  }
}

function addr(ctx: DissectContext, o: number): string {
  ctx.frame.check(o, 16);
  return ipv6String(ctx.frame.data, o);
}

function dio(ctx: DissectContext, bp: number, length: number): void {
  const f = ctx.frame;
  const dagid = addr(ctx, bp + 8);
  const mopprf = f.u8(bp + 4);
  ctx.print(
    ` [dagid:${dagid},seq:${f.u8(bp + 5)},instance:${f.u8(bp)},rank:${f.be16(bp + 2)},` +
      `${mopprf & 0x80 ? 'grounded,' : ''}mop:${MOP[(mopprf >> 3) & 7] ?? `mop${(mopprf >> 3) & 7}`},prf:${mopprf & 7}]`,
  );
  if (ctx.opts.verbose > 1) options(ctx, bp + 24, length - 24);
}

function dao(ctx: DissectContext, bp: number, length: number): void {
  const f = ctx.frame;
  if (!f.has(bp, 20)) return ctx.printTrunc();
  if (length < 4) return ctx.print(' [|length too short]');
  let o = bp + 4;
  length -= 4;
  const flags = f.u8(bp + 1);
  let dagid = '<elided>';
  if (flags & 0x40) {
    if (length < 16) return ctx.print(' [|length too short]');
    dagid = addr(ctx, bp + 4);
    o += 16;
    length -= 16;
  }
  ctx.print(
    ` [dagid:${dagid},seq:${f.u8(bp + 3)},instance:${f.u8(bp)}${flags & 0x80 ? ',acK' : ''}${flags & 0x40 ? ',Dagid' : ''},${flags.toString(16).padStart(2, '0')}]`,
  );
  if (ctx.opts.verbose > 1) options(ctx, o, length);
}

function daoAck(ctx: DissectContext, bp: number, length: number): void {
  const f = ctx.frame;
  if (!f.has(bp, 4)) return ctx.printTrunc();
  if (length < 4) return ctx.print(' [|dao-length too short]');
  let o = bp + 4;
  length -= 4;
  let dagid = '<elided>';
  if (f.u8(bp + 1) & 0x80) {
    if (!f.has(bp + 4, 16)) return ctx.printTrunc();
    if (length < 16) return ctx.print(' [|dao-length too short]');
    dagid = ipv6String(f.data, bp + 4);
    o += 16;
    length -= 16;
  }
  ctx.print(` [dagid:${dagid},seq:${f.u8(bp + 2)},instance:${f.u8(bp)},status:${f.u8(bp + 3)}]`);
  if (ctx.opts.verbose > 1) options(ctx, o, length);
}

/** rpl_print: `, (CLR)DODAG Information Object` (+ details at -v); `bp` is the ICMPv6 data after type/code/checksum. */
export function rpl(ctx: DissectContext, code: number, bp: number, length: number): void {
  if (code & 0x80) {
    ctx.print(', (SEC) [worktodo]');
    return;
  }
  ctx.print(', (CLR)');
  const v = ctx.opts.verbose > 0;
  switch (code & 0x7f) {
    case 0:
      ctx.print('DODAG Information Solicitation');
      break;
    case 1:
      ctx.print('DODAG Information Object');
      if (v) dio(ctx, bp, length);
      break;
    case 2:
      ctx.print('Destination Advertisement Object');
      if (v) dao(ctx, bp, length);
      break;
    case 3:
      ctx.print('Destination Advertisement Object Ack');
      if (v) daoAck(ctx, bp, length);
      break;
    default:
      ctx.print(`RPL message, unknown code ${code}`);
  }
}
