// What the two Linux cooked-capture printers share (print-sll.c): their fields, packet-type
// names and the ethertype/802.1Q hand-off after the header. Not a dissector.
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';
import { macString } from '../format/addresses.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { ETHERTYPE_8021Q, etherTypeName, MAX_ETHERNET_LENGTH_VAL } from '../format/ethertypes.js';

/** Both versions share Wireshark's `sll` fields (v2 adds the interface index). */
export const SLL_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'sll', name: 'Linux cooked-mode capture', type: 'protocol', indexed: true },
  { abbrev: 'sll.pkttype', name: 'Packet type', type: 'uint', base: 'dec' },
  { abbrev: 'sll.hatype', name: 'Link-layer address type', type: 'uint', base: 'dec' },
  { abbrev: 'sll.halen', name: 'Link-layer address length', type: 'uint', base: 'dec' },
  { abbrev: 'sll.src.eth', name: 'Source', type: 'ether' },
  { abbrev: 'sll.unused', name: 'Unused', type: 'bytes' },
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

/** Wireshark's packet-type names (packet-sll.c), for the detail tree. */
const WS_PKTTYPES = ['Unicast to us', 'Broadcast', 'Multicast', 'Unicast to another host', 'Sent by us'];

/** The common ARPHRD_ link types' names as Wireshark gives them (sll.hatype). */
const WS_HATYPES: ReadonlyMap<number, string> = new Map([
  [1, 'Ethernet'], [6, 'IEEE 802'], [24, 'IEEE 1394.1995'], [32, 'InfiniBand'], [512, 'PPP'], [519, 'Raw IP'], [768, 'IPIP tunnel'],
  [769, 'IP6IP6 tunnel'], [772, 'Loopback'], [776, 'sit0 device - IPv6-in-IPv4'], [778, 'GRE over IP'], [801, 'IEEE 802.11'],
  [803, 'IEEE 802.11 + radiotap header'], [65534, 'No link-layer encapsulation'],
]);

/**
 * The cooked header's fields shared by both versions, with Wireshark's labels: packet type,
 * link-layer type, address (an Ethernet one and the 2 unused bytes of its 8-byte slot).
 * `width` is the packet type's (2 bytes in v1, 1 in v2).
 */
export function sllTreeField(ctx: DissectContext, field: 'pkttype' | 'hatype' | 'address', at: number, value: number, width = 2): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  if (field === 'pkttype') t.add('sll.pkttype', `Packet type: ${WS_PKTTYPES[value] ?? 'Unknown'} (${value})`, at, width, value);
  else if (field === 'hatype') t.add('sll.hatype', `Link-layer address type: ${WS_HATYPES.get(value) ?? 'Unknown'} (${value})`, at, 2, value);
  else if (value === 6) {
    const mac = macString(f.data, at);
    t.add('sll.src.eth', `Source: ${mac}`, at, 6, mac);
    const unused = Array.from(f.bytes(at + 6, 2), (b) => b.toString(16).padStart(2, '0')).join('');
    t.add('sll.unused', `Unused: ${unused}`, at + 6, 2);
  }
}

/** `Protocol: IPv4 (0x0800)`, as packet-sll.c labels the protocol type. */
export function sllProtocolLabel(etype: number): string {
  return `Protocol: ${etherTypeName(etype) ?? 'Unknown'} (0x${etype.toString(16).padStart(4, '0')})`;
}

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
