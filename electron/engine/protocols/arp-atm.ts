// ATM ARP (RFC 2225), reached from the ARP dissector when ar_hrd is 19 (not a dissector).
// Printing follows tcpdump's print-arp.c atmarp_print: no protocol-address length field
// in the fixed part, and hardware addresses made of an ATM number plus subaddress.
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv4String } from '../format/addresses.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { ARP_OPS, hrdName, isIpProto, linkAddrString, protoTypeName } from './arp-format.js';

const ATMARP_HDRLEN = 12;
const ATMARP_LEN_MASK = 0x3f;

export function atmArpPrint(ctx: DissectContext, off: number, length: number, caplen: number): void {
  const f = ctx.frame;
  f.check(off, ATMARP_HDRLEN);
  const hrd = f.be16(off);
  const pro = f.be16(off + 2);
  const shl = f.u8(off + 4) & ATMARP_LEN_MASK;
  const ssl = f.u8(off + 5) & ATMARP_LEN_MASK;
  const op = f.be16(off + 6);
  const spln = f.u8(off + 8);
  const thl = f.u8(off + 9) & ATMARP_LEN_MASK;
  const tsl = f.u8(off + 10) & ATMARP_LEN_MASK;
  const tpln = f.u8(off + 11);
  const sha = off + ATMARP_HDRLEN;
  const ssa = sha + shl;
  const spa = ssa + ssl;
  const tha = spa + spln;
  const tsa = tha + thl;
  const tpa = tsa + tsl;
  f.check(tpa, tpln);

  if (!ctx.opts.eflag) ctx.print('ARP, ');
  const v = ctx.opts.verbose;
  if (!isIpProto(pro) || spln !== 4 || tpln !== 4 || v) {
    ctx.print(`${hrdName(hrd)}, ${protoTypeName(pro)} (len ${spln}/${tpln})`);
    if (!v) {
      ctx.print(`, length ${length}`);
      return;
    }
  }
  ctx.print(`${v ? ', ' : ''}${ARP_OPS.get(op) ?? `Unknown (${op})`} `);
  const ip = (o: number, plen: number, which: 's' | 't'): string =>
    !isIpProto(pro) ? '<wrong proto type>' : plen !== 4 ? `<wrong ${which}plen>` : ipv4String(f.data, o);
  const addr = (ha: number, haLen: number, sa: number, saLen: number): string => {
    if (haLen === 0) return '<No address>';
    let s = linkAddrString(f, ha, haLen, 'atm');
    if (saLen !== 0) s += `,${linkAddrString(f, sa, saLen, 'atm')}`;
    return s;
  };
  switch (op) {
    case 1:
      ctx.print(`who-has ${ip(tpa, tpln, 't')}`);
      if (thl !== 0) ctx.print(` (${addr(tha, thl, tsa, tsl)})`);
      ctx.print(` tell ${ip(spa, spln, 's')}`);
      break;
    case 2:
      ctx.print(`${ip(spa, spln, 's')} is-at ${addr(sha, shl, ssa, ssl)}`);
      break;
    case 8:
      ctx.print(`who-is ${addr(tha, thl, tsa, tsl)} tell ${addr(sha, shl, ssa, ssl)}`);
      break;
    case 9:
      // tcpdump prints no space before "at" here.
      ctx.print(`${addr(sha, shl, ssa, ssl)}at ${ip(spa, spln, 's')}`);
      break;
    case 10:
      ctx.print(`for ${ip(spa, spln, 's')}`);
      break;
    default:
      hexAndAsciiPrint(ctx, '\n\t', off, caplen);
      return;
  }
  ctx.print(`, length ${length}`);
}
