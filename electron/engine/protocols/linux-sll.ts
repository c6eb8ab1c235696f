// Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL, 113), as tcpdump's print-sll.c prints it.
// https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { IndexContext } from '../dissect/index-context.js';
import { macString } from '../format/addresses.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { etherTypeName, MAX_ETHERNET_LENGTH_VAL } from '../format/ethertypes.js';
import { indexSllPayload, SLL_FIELDS, sllPacketType, sllPayload, sllProtocolLabel, sllTreeField } from './sll-common.js';

const SLL_HDR_LEN = 16;

function sllPrint(ctx: DissectContext, p: number, length: number): void {
  const f = ctx.frame;
  ctx.print(`${(sllPacketType(f.be16(p)) ?? '?').padStart(3)} `);
  if (f.be16(p + 4) === 6) ctx.print(`${macString(f.data, p + 6)} `);
  if (!ctx.opts.qflag) {
    const et = f.be16(p + 14);
    if (et <= MAX_ETHERNET_LENGTH_VAL) ctx.print(et === 1 ? '802.3' : et === 4 ? '802.2' : `ethertype Unknown (0x${et.toString(16).padStart(4, '0')})`);
    else ctx.print(`ethertype ${etherTypeName(et) ?? 'Unknown'} (0x${et.toString(16).padStart(4, '0')})`);
    // -q drops the length with the protocol (print-sll.c prints both inside `if (!qflag)`).
    ctx.print(`, length ${length}: `);
  }
}

export const linuxSll: Dissector = {
  name: 'sll',
  fields: SLL_FIELDS,
  index(ctx: IndexContext, p: number, length: number): void {
    if (ctx.end - p < SLL_HDR_LEN) return;
    indexSllPayload(ctx, be16(ctx.data, p + 14), p + SLL_HDR_LEN, length - SLL_HDR_LEN);
  },
  dissect(ctx: DissectContext, p: number, length: number): void {
    const f = ctx.frame;
    f.check(p, SLL_HDR_LEN);
    ctx.facts.protocol = 'SLL';
    const t = ctx.tree;
    const pkttype = f.be16(p);
    if (t) {
      t.open('sll', `Linux cooked capture v1`, p, SLL_HDR_LEN);
      sllTreeField(ctx, 'pkttype', p, pkttype);
      sllTreeField(ctx, 'hatype', p + 2, f.be16(p + 2));
      t.add('sll.halen', `Link-layer address length: ${f.be16(p + 4)}`, p + 4, 2, f.be16(p + 4));
      sllTreeField(ctx, 'address', p + 6, f.be16(p + 4));
      t.add('sll.etype', sllProtocolLabel(f.be16(p + 14)), p + 14, 2, f.be16(p + 14));
      t.close();
    }
    if (f.be16(p + 4) === 6) ctx.facts.src = macString(f.data, p + 6);
    if (ctx.opts.eflag) sllPrint(ctx, p, length);
    const handled = sllPayload(ctx, f.be16(p + 14), p + SLL_HDR_LEN, length - SLL_HDR_LEN);
    if (!handled) {
      if (!ctx.opts.eflag) sllPrint(ctx, p, length);
      // -q also sets tcpdump's ndo_suppress_default_print: no hex dump.
      if (!ctx.opts.qflag) hexAndAsciiPrint(ctx, '\n\t', p + SLL_HDR_LEN, f.left(p + SLL_HDR_LEN));
    }
  },
};
