// VXLAN (RFC 7348): an Ethernet frame carried in UDP (IANA port 4789), printed as tcpdump
// 4.99's print-vxlan.c vxlan_print does, with Wireshark's packet-vxlan.c fields (including
// the Group Policy extension's flags and ID, draft-smith-vxlan-group-policy). The inner
// frame goes to the Ethernet dissector by name.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';

export const VXLAN_PORT = 4789;
const VXLAN_HDR_LEN = 8;
/** The flags byte's I bit (a valid VNI), the only one tcpdump names. */
const VXLAN_FLAG_I = 0x08;

const PROTOCOL: FieldDecl = { abbrev: 'vxlan', name: 'Virtual eXtensible Local Area Network', type: 'protocol', indexed: true };
// Wireshark reads the first two bytes as the flags.
const FLAGS: FieldDecl = { abbrev: 'vxlan.flags', name: 'Flags', type: 'uint', base: 'hex' };
const FLAG_BITS: readonly FieldDecl[] = [
  { abbrev: 'vxlan.flag_g', name: 'GBP Extension', type: 'bool', bitmask: 0x8000, strings: { 0: 'Not defined', 1: 'Defined' } },
  { abbrev: 'vxlan.flag_i', name: 'VXLAN Network ID (VNI)', type: 'bool', bitmask: 0x0800, strings: { 0: 'False', 1: 'True' } },
  { abbrev: 'vxlan.flag_d', name: "Don't Learn", type: 'bool', bitmask: 0x0040, strings: { 0: 'False', 1: 'True' } },
  { abbrev: 'vxlan.flag_a', name: 'Policy Applied', type: 'bool', bitmask: 0x0008, strings: { 0: 'False', 1: 'True' } },
];
const RESERVED_FLAGS: FieldDecl = { abbrev: 'vxlan.flags_reserved', name: 'Reserved(R)', type: 'uint', base: 'hex', bitmask: 0x77b7 };
const GBP: FieldDecl = { abbrev: 'vxlan.gbp', name: 'Group Policy ID', type: 'uint', base: 'dec' };
const VNI: FieldDecl = { abbrev: 'vxlan.vni', name: 'VXLAN Network Identifier (VNI)', type: 'uint', base: 'dec' };
const RESERVED8: FieldDecl = { abbrev: 'vxlan.reserved8', name: 'Reserved', type: 'uint', base: 'dec' };

export const VXLAN_FIELDS: readonly FieldDecl[] = [PROTOCOL, FLAGS, ...FLAG_BITS, RESERVED_FLAGS, GBP, VNI, RESERVED8];

function addTree(ctx: DissectContext, bp: number): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  const flags = f.be16(bp);
  const named = FLAG_BITS.filter((b) => flags & b.bitmask!).map((b) => b.name);
  t.openField(PROTOCOL, bp, VXLAN_HDR_LEN);
  t.open(FLAGS.abbrev, `${FLAGS.name}: 0x${flags.toString(16).padStart(4, '0')}${named.map((n) => `, ${n}`).join('')}`, bp, 2, flags);
  for (const b of FLAG_BITS) t.field(b, bp, 2, (flags & b.bitmask!) !== 0);
  t.field(RESERVED_FLAGS, bp, 2, flags & RESERVED_FLAGS.bitmask!);
  t.close();
  t.field(GBP, bp + 2, 2, f.be16(bp + 2));
  t.field(VNI, bp + 4, 3, f.be24(bp + 4));
  t.field(RESERVED8, bp + 7, 1, f.u8(bp + 7));
  t.close();
}

export const vxlan: Dissector = {
  name: 'vxlan',
  fields: VXLAN_FIELDS,
  tunnel: true,
  dissect(ctx: DissectContext, bp: number, length: number): void {
    const f = ctx.frame;
    ctx.print('VXLAN');
    if (length < VXLAN_HDR_LEN) {
      ctx.printInvalid();
      return;
    }
    const flags = f.u8(bp);
    ctx.print(`, flags [${flags & VXLAN_FLAG_I ? 'I' : 'invalid'}] (0x${flags.toString(16).padStart(2, '0')}), `);
    const vni = f.be24(bp + 4);
    // tcpdump ends the VXLAN part with a newline: the inner frame prints on a line of its own.
    ctx.print(`vni ${vni}\n`);
    f.check(bp + 7, 1);
    if (ctx.tree) addTree(ctx, bp);
    const inner = bp + VXLAN_HDR_LEN;
    const innerLength = length - VXLAN_HDR_LEN;
    // ether_common_print's first check, for a frame whose captured bytes exceed its length.
    const caplen = f.left(inner);
    if (innerLength < caplen) {
      ctx.protocol = 'ether';
      ctx.print(`[length ${innerLength} < caplen ${caplen}]`);
      ctx.printInvalid();
      return;
    }
    ctx.run('ether', inner, innerLength);
  },
};
