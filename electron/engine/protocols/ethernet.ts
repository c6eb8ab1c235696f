// Ethernet II / 802.3 with 802.1Q and 802.1ad (QinQ) tags.
// IEEE 802.3; printing follows tcpdump's print-ether.c (ether_common_print).
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { macString } from '../format/addresses.js';
import { ETHERTYPE_8021AD, etherTypeName, isVlanType, MAX_ETHERNET_LENGTH_VAL } from '../format/ethertypes.js';

const ETHER_HDR_LEN = 14;
const VLAN_TAG_LEN = 4;

export const ETHERNET_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'eth', name: 'Ethernet', type: 'protocol', indexed: true },
  { abbrev: 'eth.dst', name: 'Destination', type: 'ether' },
  { abbrev: 'eth.src', name: 'Source', type: 'ether' },
  { abbrev: 'eth.addr', name: 'Address', type: 'ether', alias: ['eth.src', 'eth.dst'] },
  { abbrev: 'eth.type', name: 'Type', type: 'uint', base: 'hex' },
  { abbrev: 'eth.padding', name: 'Padding', type: 'bytes' },
  { abbrev: 'eth.trailer', name: 'Trailer', type: 'bytes' },
  { abbrev: 'vlan', name: '802.1Q Virtual LAN', type: 'protocol' },
  { abbrev: 'vlan.priority', name: 'Priority', type: 'uint', base: 'dec', bitmask: 0xe000 },
  { abbrev: 'vlan.dei', name: 'DEI', type: 'uint', bitmask: 0x1000 },
  { abbrev: 'vlan.id', name: 'ID', type: 'uint', base: 'dec', bitmask: 0xfff },
  { abbrev: 'vlan.etype', name: 'Type', type: 'uint', base: 'hex' },
  { abbrev: 'ieee8021ad', name: 'IEEE 802.1ad', type: 'protocol' },
  { abbrev: 'ieee8021ad.priority', name: 'Priority', type: 'uint', base: 'dec', bitmask: 0xe000 },
  { abbrev: 'ieee8021ad.dei', name: 'DEI', type: 'uint', base: 'dec', bitmask: 0x1000 },
  { abbrev: 'ieee8021ad.id', name: 'ID', type: 'uint', base: 'dec', bitmask: 0xfff },
  { abbrev: 'ieee8021ah.etype', name: 'Type', type: 'uint', base: 'hex' },
];

/** ieee8021q_tci_string: `vlan 100, p 0` (+ `, DEI` when set). */
function tciString(tci: number): string {
  return `vlan ${tci & 0xfff}, p ${tci >> 13}${tci & 0x1000 ? ', DEI' : ''}`;
}

/** ether_type_print: `ethertype IPv4 (0x0800)`, or just `IPv4` / `Unknown Ethertype (0x1234)` at -q. */
function etherTypePrint(t: number, qflag: boolean): string {
  const hex = `0x${t.toString(16).padStart(4, '0')}`;
  if (qflag) return etherTypeName(t) ?? `Unknown Ethertype (${hex})`;
  return `ethertype ${etherTypeName(t) ?? 'Unknown'} (${hex})`;
}

export const ethernet: Dissector = {
  name: 'ether',
  fields: ETHERNET_FIELDS,
  index(ctx: IndexContext, offset: number, length: number): void {
    const n = ctx.end;
    if (n - offset < ETHER_HDR_LEN) return;
    let type = be16(ctx.data, offset + 12);
    let p = offset + ETHER_HDR_LEN;
    while (isVlanType(type) && p + VLAN_TAG_LEN <= n) {
      type = be16(ctx.data, p + 2);
      p += VLAN_TAG_LEN;
    }
    // An 802.3 length or a tag cut short is recorded as it is: the index then knows no IP layer.
    ctx.network(type, p, length - (p - offset));
  },
  dissect(ctx: DissectContext, offset: number, length: number): void {
    const f = ctx.frame;
    let caplen = f.left(offset);
    if (caplen < ETHER_HDR_LEN || length < ETHER_HDR_LEN) {
      ctx.printTrunc();
      return;
    }
    const d = f.data;
    const origLength = length;
    // MAC strings cost more than the rest of the Ethernet header: build them only when printed or kept.
    const needMacs = ctx.opts.eflag || ctx.tree !== null;
    const src = needMacs ? macString(d, offset + 6) : '';
    const dst = needMacs ? macString(d, offset) : '';
    ctx.facts.protocol = 'Ethernet';
    const t = ctx.tree;
    if (t) {
      t.open('eth', `Ethernet II, Src: ${src}, Dst: ${dst}`, offset, ETHER_HDR_LEN);
      t.add('eth.dst', `Destination: ${dst}`, offset, 6, dst);
      t.add('eth.src', `Source: ${src}`, offset + 6, 6, src);
    }
    if (ctx.opts.eflag) ctx.print(`${src} > ${dst}, `);
    let p = offset + 12;
    length -= 12;
    caplen -= 12;
    let type = f.be16(p);
    p += 2;
    length -= 2;
    caplen -= 2;
    t?.add('eth.type', `Type: ${etherTypeName(type) ?? 'Unknown'} (0x${type.toString(16).padStart(4, '0')})`, p - 2, 2, type);
    t?.close();
    let printedLength = false;
    while (isVlanType(type)) {
      if (caplen < VLAN_TAG_LEN || length < VLAN_TAG_LEN) {
        ctx.protocol = 'vlan';
        ctx.printTrunc();
        return;
      }
      const tci = f.be16(p);
      if (ctx.opts.eflag) {
        ctx.print(etherTypePrint(type, ctx.opts.qflag));
        if (!printedLength) {
          ctx.print(`, length ${origLength}: `);
          printedLength = true;
        } else ctx.print(', ');
        ctx.print(`${tciString(tci)}, `);
      }
      const inner = f.be16(p + 2);
      const innerLabel = `Type: ${etherTypeName(inner) ?? 'Unknown'} (0x${inner.toString(16).padStart(4, '0')})`;
      if (t && type === ETHERTYPE_8021AD) {
        // Wireshark's 802.1ad (service tag) fields, with their byte widths.
        t.open('ieee8021ad', `IEEE 802.1ad, ID: ${tci & 0xfff}`, p, 4);
        t.add('ieee8021ad.priority', `Priority: ${tci >> 13}`, p, 1, tci >> 13);
        t.add('ieee8021ad.dei', `DEI: ${(tci >> 12) & 1}`, p, 1, (tci >> 12) & 1);
        t.add('ieee8021ad.id', `ID: ${tci & 0xfff}`, p, 2, tci & 0xfff);
        t.add('ieee8021ah.etype', innerLabel, p + 2, 2, inner);
        t.close();
      } else if (t) {
        t.open('vlan', `802.1Q Virtual LAN, PRI: ${tci >> 13}, DEI: ${(tci >> 12) & 1}, ID: ${tci & 0xfff}`, p, 4);
        t.add('vlan.priority', `Priority: ${tci >> 13}`, p, 2, tci >> 13);
        t.add('vlan.dei', `DEI: ${(tci >> 12) & 1}`, p, 2, (tci >> 12) & 1);
        t.add('vlan.id', `ID: ${tci & 0xfff}`, p, 2, tci & 0xfff);
        t.add('vlan.etype', innerLabel, p + 2, 2, inner);
        t.close();
      }
      ctx.facts.layers.push(type === ETHERTYPE_8021AD ? 'ieee8021ad' : 'vlan');
      type = inner;
      p += VLAN_TAG_LEN;
      length -= VLAN_TAG_LEN;
      caplen -= VLAN_TAG_LEN;
    }
    if (type <= MAX_ETHERNET_LENGTH_VAL) {
      // 802.3 length field: an LLC header follows, which Ackline does not decode.
      if (type < length) {
        length = type;
        if (caplen > length) caplen = length;
      }
      if (ctx.opts.eflag) {
        ctx.print('802.3');
        if (!printedLength) ctx.print(`, length ${length}: `);
      }
      ctx.protocol = 'llc';
      f.pushEnd(p + length);
      ctx.print(`LLC, dsap Unknown (0x${f.u8(p).toString(16).padStart(2, '0')})`);
      f.popEnd();
      return;
    }
    if (ctx.opts.eflag) {
      ctx.print(etherTypePrint(type, ctx.opts.qflag));
      ctx.print(printedLength ? ', ' : `, length ${origLength}: `);
    }
    const handled = ctx.dispatch('ethertype', type, p, length);
    // Columns fall back to the MAC addresses when no network layer named the endpoints.
    if (!ctx.facts.src) {
      ctx.facts.src = src || macString(d, offset + 6);
      ctx.facts.dst = dst || macString(d, offset);
    }
    if (!handled) {
      // The MAC addresses of this frame: inside a tunnel the columns hold the outer IP's.
      if (!ctx.opts.eflag) {
        ctx.print(`${src || macString(d, offset + 6)} > ${dst || macString(d, offset)}, ${etherTypePrint(type, ctx.opts.qflag)}, length ${origLength}: `);
      }
      // -q also sets tcpdump's ndo_suppress_default_print: no hex dump.
      if (!ctx.opts.qflag) hexAndAsciiPrint(ctx, '\n\t', p, caplen);
    }
  },
};
