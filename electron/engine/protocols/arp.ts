// ARP (RFC 826), RARP (RFC 903) and Inverse ARP (RFC 2390); ATM ARP (RFC 2225) in arp-atm.ts.
// Printing follows tcpdump's print-arp.c (arp_print).
import { be16, be32 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';
import { ipv4String } from '../format/addresses.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { atmArpPrint } from './arp-atm.js';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4 } from '../format/ethertypes.js';
import { ARP_HRD, ARP_OPS, hrdName, isIpProto, isNonZero, linkAddrString, protoTypeName, type LinkAddrType } from './arp-format.js';

const ARP_HDRLEN = 8;
const ARPHRD_FRELAY = 15;
const ARPHRD_ATM2225 = 19;
/** Wireshark's arp.opcode value names. */
const WS_OPS: ReadonlyMap<number, string> = new Map([
  [1, 'request'],
  [2, 'reply'],
  [3, 'request-reverse'],
  [4, 'reply-reverse'],
  [5, 'drarp-request'],
  [6, 'drarp-reply'],
  [7, 'drarp-error'],
  [8, 'inverse request'],
  [9, 'inverse reply'],
  [10, 'arp-nak'],
]);

export const ARP_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'arp', name: 'Address Resolution Protocol', type: 'protocol', indexed: true },
  { abbrev: 'arp.hw.type', name: 'Hardware type', type: 'uint', base: 'dec' },
  { abbrev: 'arp.proto.type', name: 'Protocol type', type: 'uint', base: 'hex' },
  { abbrev: 'arp.hw.size', name: 'Hardware size', type: 'uint', base: 'dec' },
  { abbrev: 'arp.proto.size', name: 'Protocol size', type: 'uint', base: 'dec' },
  { abbrev: 'arp.opcode', name: 'Opcode', type: 'uint', base: 'dec', strings: Object.fromEntries(WS_OPS), indexed: 'messageCode' },
  { abbrev: 'arp.isgratuitous', name: 'Is gratuitous', type: 'bool' },
  { abbrev: 'arp.src.hw_mac', name: 'Sender MAC address', type: 'ether' },
  { abbrev: 'arp.src.hw', name: 'Sender hardware address', type: 'bytes' },
  { abbrev: 'arp.src.proto_ipv4', name: 'Sender IP address', type: 'ipv4', indexed: 'src' },
  { abbrev: 'arp.src.proto', name: 'Sender protocol address', type: 'bytes' },
  { abbrev: 'arp.dst.hw_mac', name: 'Target MAC address', type: 'ether' },
  { abbrev: 'arp.dst.hw', name: 'Target hardware address', type: 'bytes' },
  { abbrev: 'arp.dst.proto_ipv4', name: 'Target IP address', type: 'ipv4', indexed: 'dst' },
  { abbrev: 'arp.dst.proto', name: 'Target protocol address', type: 'bytes' },
];

/** Offsets of the variable-size address fields after the 8-byte fixed header. */
interface ArpLayout {
  readonly hln: number;
  readonly pln: number;
  readonly sha: number;
  readonly spa: number;
  readonly tha: number;
  readonly tpa: number;
}

export const arp: Dissector = {
  name: 'arp',
  fields: ARP_FIELDS,
  index(ctx: IndexContext, off: number): void {
    // The index keeps ARP's IPv4 addresses as the packet's conversation; RARP asks for an
    // address it does not have yet, so only ARP proper is indexed.
    if (ctx.index.etherType !== ETHERTYPE_ARP) return;
    const d = ctx.data;
    if (off + 28 > ctx.end) return;
    const hln = d[off + 4]!;
    if (off + ARP_HDRLEN + 2 * hln + 8 > ctx.end) return;
    if (be16(ctx.data, off + 2) !== ETHERTYPE_IPV4 || d[off + 5] !== 4) return;
    ctx.index.arpOp = be16(ctx.data, off + 6);
    // The ARP message's own length (RFC 826: 8 + 2 hardware + 2 protocol addresses), 28 for IPv4 over Ethernet: the ladder shows it.
    ctx.index.payloadLength = ARP_HDRLEN + 2 * hln + 2 * d[off + 5]!;
    ctx.index.arpSender = be32(ctx.data, off + ARP_HDRLEN + hln);
    ctx.index.arpTarget = be32(ctx.data, off + ARP_HDRLEN + 2 * hln + 4);
  },
  dissect(ctx: DissectContext, off: number, length: number): void {
    const f = ctx.frame;
    const caplen = f.left(off);
    f.check(off, ARP_HDRLEN);
    const hrd = f.be16(off);
    const pro = f.be16(off + 2);
    const op = f.be16(off + 6);
    ctx.facts.protocol = op === 3 || op === 4 ? 'RARP' : op === 8 || op === 9 ? 'Inverse ARP' : 'ARP';
    if (hrd === ARPHRD_ATM2225) {
      ctx.facts.protocol = 'ATMARP';
      atmArpPrint(ctx, off, length, caplen);
      return;
    }
    const linkType: LinkAddrType = hrd === ARPHRD_FRELAY ? 'frelay' : 'mac48';
    const hln = f.u8(off + 4);
    const pln = f.u8(off + 5);
    const a: ArpLayout = {
      hln,
      pln,
      sha: off + ARP_HDRLEN,
      spa: off + ARP_HDRLEN + hln,
      tha: off + ARP_HDRLEN + hln + pln,
      tpa: off + ARP_HDRLEN + 2 * hln + pln,
    };
    if (ctx.tree) addTree(ctx, off, hrd, pro, op, a);
    f.check(a.tpa, pln);
    fillFacts(ctx, op, a);

    if (!ctx.opts.eflag) ctx.print('ARP, ');
    const v = ctx.opts.verbose;
    if (!isIpProto(pro) || pln !== 4 || hln === 0 || v) {
      ctx.print(`${hrdName(hrd)} (len ${hln}), ${protoTypeName(pro)} (len ${pln})`);
      // Without -v tcpdump does not guess at address formats it does not know.
      if (!v) {
        ctx.print(`, length ${length}`);
        return;
      }
    }
    ctx.print(`${v ? ', ' : ''}${ARP_OPS.get(op) ?? `Unknown (${op})`} `);
    const ip = (o: number): string => (!isIpProto(pro) ? '<wrong proto type>' : pln !== 4 ? '<wrong len>' : ipv4String(f.data, o));
    const link = (o: number): string => linkAddrString(f, o, hln, linkType);
    switch (op) {
      case 1: // who-has; a non-zero target hardware address is shown (gratuitous/probe forms)
        ctx.print(`who-has ${ip(a.tpa)}`);
        if (isNonZero(f, a.tha, hln)) ctx.print(` (${link(a.tha)})`);
        ctx.print(` tell ${ip(a.spa)}`);
        break;
      case 2:
        ctx.print(`${ip(a.spa)} is-at ${link(a.sha)}`);
        break;
      case 3: // RARP request
      case 8: // InARP request
        ctx.print(`who-is ${link(a.tha)}`);
        ctx.print(` tell ${link(a.sha)}`);
        break;
      case 4:
        ctx.print(`${link(a.tha)} at ${ip(a.tpa)}`);
        break;
      case 9:
        ctx.print(`${link(a.sha)} at ${ip(a.spa)}`);
        break;
      default:
        // Unknown operation: tcpdump hex-dumps the captured ARP bytes and omits the length.
        hexAndAsciiPrint(ctx, '\n\t', off, caplen);
        return;
    }
    ctx.print(`, length ${length}`);
  },
};

function fillFacts(ctx: DissectContext, op: number, a: ArpLayout): void {
  const d = ctx.frame.data;
  const proto = (o: number): string => (a.pln === 4 ? ipv4String(d, o) : hexBytes(d, o, a.pln));
  ctx.facts.arp = {
    op,
    senderMac: hexBytes(d, a.sha, a.hln),
    senderIp: proto(a.spa),
    targetMac: hexBytes(d, a.tha, a.hln),
    targetIp: proto(a.tpa),
  };
}

function hexBytes(d: Uint8Array, o: number, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(d[o + i]!.toString(16).padStart(2, '0'));
  return parts.join(':');
}

/** Wireshark-style detail nodes; fields past the captured bytes are left out. */
function addTree(ctx: DissectContext, off: number, hrd: number, pro: number, op: number, a: ArpLayout): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  const d = f.data;
  const wsOp = WS_OPS.get(op) ?? 'Unknown';
  const gratuitous = op <= 2 && a.pln === 4 && f.has(a.spa, 4) && f.has(a.tpa, 4) && f.be32(a.spa) === f.be32(a.tpa);
  const isRarp = op === 3 || op === 4;
  const title = isRarp ? 'Reverse Address Resolution Protocol' : 'Address Resolution Protocol';
  const total = ARP_HDRLEN + 2 * a.hln + 2 * a.pln;
  t.open('arp', `${title} (${wsOp}${gratuitous ? '/gratuitous ARP' : ''})`, off, Math.min(total, f.left(off)));
  t.add('arp.hw.type', `Hardware type: ${ARP_HRD.get(hrd) ?? 'Unknown'} (${hrd})`, off, 2, hrd);
  t.add('arp.proto.type', `Protocol type: ${protoTypeName(pro)} (0x${pro.toString(16).padStart(4, '0')})`, off + 2, 2, pro);
  t.add('arp.hw.size', `Hardware size: ${a.hln}`, off + 4, 1, a.hln);
  t.add('arp.proto.size', `Protocol size: ${a.pln}`, off + 5, 1, a.pln);
  t.add('arp.opcode', `Opcode: ${wsOp} (${op})`, off + 6, 2, op);
  if (gratuitous) t.add('arp.isgratuitous', '[Is gratuitous: True]', 0, 0, true);
  const hw = (field: 'src' | 'dst', who: string, o: number): void => {
    if (!f.has(o, a.hln)) return;
    const s = hexBytes(d, o, a.hln);
    if (a.hln === 6) t.add(`arp.${field}.hw_mac`, `${who} MAC address: ${s}`, o, 6, s);
    else t.add(`arp.${field}.hw`, `${who} hardware address: ${s}`, o, a.hln, s);
  };
  const pa = (field: 'src' | 'dst', who: string, o: number): void => {
    if (!f.has(o, a.pln)) return;
    if (a.pln === 4 && isIpProto(pro)) {
      const s = ipv4String(d, o);
      t.add(`arp.${field}.proto_ipv4`, `${who} IP address: ${s}`, o, 4, s);
    } else {
      const s = hexBytes(d, o, a.pln);
      t.add(`arp.${field}.proto`, `${who} protocol address: ${s}`, o, a.pln, s);
    }
  };
  hw('src', 'Sender', a.sha);
  pa('src', 'Sender', a.spa);
  hw('dst', 'Target', a.tha);
  pa('dst', 'Target', a.tpa);
  t.close();
}
