// Linux "cooked" capture v2 (LINKTYPE_LINUX_SLL2, 276), as tcpdump's print-sll.c prints it.
// https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html
// tcpdump prints the interface name by looking the stored ifindex up on the reading host;
// Ackline cannot know the capturing host's names, so it prints what tcpdump prints in an
// empty network namespace ("lo" for ifindex 1, "?" otherwise) unless the host supplies names.
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { IndexContext } from '../dissect/index-context.js';
import { macString } from '../format/addresses.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { etherTypeName, MAX_ETHERNET_LENGTH_VAL } from '../format/ethertypes.js';
import { indexSllPayload, SLL_FIELDS, sllPacketType, sllPayload, sllProtocolLabel, sllTreeField } from './sll-common.js';

const SLL2_HDR_LEN = 20;

export function defaultInterfaceName(ifindex: number): string {
  return ifindex === 1 ? 'lo' : '?';
}

function sll2Print(ctx: DissectContext, p: number, length: number): void {
  const f = ctx.frame;
  ctx.print(`ifindex ${f.be32(p + 4)} `);
  if (f.u8(p + 11) === 6) ctx.print(`${macString(f.data, p + 12)} `);
  if (!ctx.opts.qflag) {
    const et = f.be16(p);
    if (et <= MAX_ETHERNET_LENGTH_VAL) ctx.print(et === 1 ? '802.3' : et === 4 ? '802.2' : `ethertype Unknown (0x${et.toString(16).padStart(4, '0')})`);
    else ctx.print(`ethertype ${etherTypeName(et) ?? 'Unknown'} (0x${et.toString(16).padStart(4, '0')})`);
    // -q drops the length with the protocol (print-sll.c prints both inside `if (!qflag)`).
    ctx.print(`, length ${length}: `);
  }
}

export const linuxSll2: Dissector = {
  name: 'sll2',
  fields: SLL_FIELDS,
  index(ctx: IndexContext, p: number, length: number): void {
    if (ctx.end - p < SLL2_HDR_LEN) return;
    indexSllPayload(ctx, be16(ctx.data, p), p + SLL2_HDR_LEN, length - SLL2_HDR_LEN);
  },
  dissect(ctx: DissectContext, p: number, length: number): void {
    const f = ctx.frame;
    f.check(p, SLL2_HDR_LEN);
    ctx.facts.protocol = 'SLL2';
    const ifindex = f.be32(p + 4);
    const name = (ctx.meta.interfaceName ?? defaultInterfaceName)(ifindex);
    ctx.print(`${name.padEnd(5)} `);
    const pkttype = f.u8(p + 10);
    ctx.print(`${(sllPacketType(pkttype) ?? '?').padEnd(3)} `);
    const t = ctx.tree;
    if (t) {
      t.open('sll', `Linux cooked capture v2`, p, SLL2_HDR_LEN);
      t.add('sll.etype', sllProtocolLabel(f.be16(p)), p, 2, f.be16(p));
      t.add('sll.ifindex', `Interface index: ${ifindex}`, p + 4, 4, ifindex);
      sllTreeField(ctx, 'hatype', p + 8, f.be16(p + 8));
      sllTreeField(ctx, 'pkttype', p + 10, pkttype, 1);
      t.add('sll.halen', `Link-layer address length: ${f.u8(p + 11)}`, p + 11, 1, f.u8(p + 11));
      sllTreeField(ctx, 'address', p + 12, f.u8(p + 11));
      t.close();
    }
    if (ctx.opts.eflag) sll2Print(ctx, p, length);
    const handled = sllPayload(ctx, f.be16(p), p + SLL2_HDR_LEN, length - SLL2_HDR_LEN);
    if (!handled) {
      if (!ctx.opts.eflag) sll2Print(ctx, p, length);
      // -q also sets tcpdump's ndo_suppress_default_print: no hex dump.
      if (!ctx.opts.qflag) hexAndAsciiPrint(ctx, '\n\t', p + SLL2_HDR_LEN, f.left(p + SLL2_HDR_LEN));
    }
  },
};
