// What the two Linux cooked-capture printers share (print-sll.c): their fields, packet-type
// names and the ethertype/802.1Q hand-off after the header. Not a dissector.
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { ETHERTYPE_8021Q, etherTypeName, MAX_ETHERNET_LENGTH_VAL } from '../format/ethertypes.js';

/** Both versions share Wireshark's `sll` fields (v2 adds the interface index). */
export const SLL_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'sll', name: 'Linux cooked-mode capture', type: 'protocol', indexed: true },
  { abbrev: 'sll.pkttype', name: 'Packet type', type: 'uint', base: 'dec' },
  { abbrev: 'sll.hatype', name: 'Link-layer address type', type: 'uint', base: 'dec' },
  { abbrev: 'sll.halen', name: 'Link-layer address length', type: 'uint', base: 'dec' },
  { abbrev: 'sll.src.eth', name: 'Source', type: 'ether' },
  { abbrev: 'sll.etype', name: 'Protocol', type: 'uint', base: 'hex' },
  { abbrev: 'sll.ifindex', name: 'Interface index', type: 'uint', base: 'dec' },
];

/** Index mode of the hand-off below: the same 802.1Q unwrapping, then the network layer. */
export function indexSllPayload(ctx: IndexContext, etherType: number, p: number, length: number): void {
  const n = ctx.end;
  while (etherType === ETHERTYPE_8021Q && p + 4 <= n && length >= 4) {
    etherType = be16(ctx.data, p + 2);
    // print-sll.c reads a length here as 802.2 (LLC), which is not decoded.
    if (etherType <= MAX_ETHERNET_LENGTH_VAL) etherType = 4;
    p += 4;
    length -= 4;
  }
  ctx.network(etherType, p, length);
}

const PKTTYPES = ['In', 'B', 'M', 'P', 'Out'];

export function sllPacketType(t: number): string | undefined {
  return PKTTYPES[t];
}

/**
 * Prints the payload after a cooked header. Returns false when the ethertype is not
 * one tcpdump decodes (the caller prints the header and the raw bytes then).
 */
export function sllPayload(ctx: DissectContext, etherType: number, p: number, length: number): boolean {
  const f = ctx.frame;
  for (;;) {
    if (etherType <= MAX_ETHERNET_LENGTH_VAL) {
      // 802.3 (IPX) / 802.2 (LLC): not decoded; tcpdump's default print shows the bytes.
      // -q also sets tcpdump's ndo_suppress_default_print: no hex dump.
      if (!ctx.opts.qflag) hexAndAsciiPrint(ctx, '\n\t', p, f.left(p));
      return true;
    }
    if (etherType === ETHERTYPE_8021Q) {
      if (f.left(p) < 4 || length < 4) {
        ctx.protocol = 'vlan';
        ctx.printTrunc();
        return true;
      }
      if (ctx.opts.eflag) {
        const tci = f.be16(p);
        ctx.print(`vlan ${tci & 0xfff}, p ${tci >> 13}${tci & 0x1000 ? ', DEI' : ''}, `);
      }
      let inner = f.be16(p + 2);
      if (inner <= MAX_ETHERNET_LENGTH_VAL) inner = 4;
      if (!ctx.opts.qflag) ctx.print(`ethertype ${etherTypeName(inner) ?? 'Unknown'}, `);
      etherType = inner;
      p += 4;
      length -= 4;
      continue;
    }
    return ctx.dispatch('ethertype', etherType, p, length);
  }
}
