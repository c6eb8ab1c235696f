// Info column texts of the link and network protocols as Wireshark writes them: ARP, ICMP,
// ICMPv6 and IP fragments (the parts of the header they need are read from our tree, and
// from the bytes where the tree has no node).
import type { FieldNode } from '../dissect/field-node.js';
import { ipProtoName } from '../format/ipprotos.js';
import { ipv6String } from '../format/addresses.js';
import { childOf, childValue, findNode } from './tree-find.js';

export function arpInfo(arp: FieldNode): string {
  const op = Number(childValue(arp, 'arp.opcode') ?? 0);
  const spa = String(childValue(arp, 'arp.src.proto_ipv4') ?? '');
  const tpa = String(childValue(arp, 'arp.dst.proto_ipv4') ?? '');
  const sha = String(childValue(arp, 'arp.src.hw_mac') ?? '');
  const tha = String(childValue(arp, 'arp.dst.hw_mac') ?? '');
  const gratuitous = spa !== '' && spa === tpa;
  switch (op) {
    case 1:
      if (gratuitous) return tha === '00:00:00:00:00:00' ? `ARP Announcement for ${spa}` : `Gratuitous ARP for ${spa} (Request)`;
      if (spa === '0.0.0.0') return `Who has ${tpa}? (ARP Probe)`;
      return `Who has ${tpa}? Tell ${spa}`;
    case 2:
      return gratuitous ? `Gratuitous ARP for ${spa} (Reply)` : `${spa} is at ${sha}`;
    case 3:
      return `Who is ${tha}? Tell ${sha}`;
    case 4:
      return `${tha} is at ${tpa}`;
    default:
      return `Unknown ARP opcode 0x${op.toString(16).padStart(4, '0')}`;
  }
}

/** The text in parentheses of a label such as "Type: 3 (Destination unreachable)". */
function named(node: FieldNode | undefined): string {
  const m = node ? /\((.*)\)$/.exec(node.label) : null;
  return m ? m[1]! : '';
}

/** ICMP (echo requests and replies with id, seq both ways and the IP TTL; errors with their code). */
export function icmpInfo(icmp: FieldNode, ttl: number, requestIn: number | undefined): string {
  const type = Number(childValue(icmp, 'icmp.type') ?? 0);
  const typeName = named(childOf(icmp, 'icmp.type')) || `Unknown ICMP (obsolete or malformed?)`;
  if (type === 0 || type === 8) {
    const id = Number(childValue(icmp, 'icmp.ident') ?? 0);
    const seq = Number(childValue(icmp, 'icmp.seq') ?? 0);
    const le = ((seq & 255) << 8) | (seq >> 8);
    const reply = type === 0 && requestIn !== undefined ? ` (request in ${requestIn})` : '';
    return `${typeName.padEnd(20)} id=0x${id.toString(16).padStart(4, '0')}, seq=${seq}/${le}, ttl=${ttl}${reply}`;
  }
  const code = named(childOf(icmp, 'icmp.code'));
  return typeName.padEnd(20) + (code ? ` (${code})` : '');
}

const V6_UNREACH = ['no route to destination', 'communication with destination administratively prohibited', 'beyond scope of source address', 'address unreachable', 'Port unreachable', 'source address failed ingress/egress policy', 'reject route to destination'];
const V6_TIME = ['hop limit exceeded in transit', 'fragment reassembly time exceeded'];
const V6_PARAM = ['erroneous header field encountered', 'unrecognized Next Header type encountered', 'unrecognized IPv6 option encountered'];

function mac(d: Uint8Array, o: number): string {
  return Array.from(d.subarray(o, o + 6), (b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The link-layer address of a neighbour-discovery option of `type` (1 source, 2 target), if present. */
function ndOption(d: Uint8Array, from: number, end: number, type: number): string | undefined {
  for (let o = from; o + 8 <= end; ) {
    const len = d[o + 1]! * 8;
    if (len === 0) return undefined;
    if (d[o] === type && len >= 8) return mac(d, o + 2);
    o += len;
  }
  return undefined;
}

export function icmpv6Info(icmp: FieldNode, d: Uint8Array, hopLimit: number, requestIn: number | undefined): string {
  const type = Number(childValue(icmp, 'icmpv6.type') ?? 0);
  const code = Number(childValue(icmp, 'icmpv6.code') ?? 0);
  const o = icmp.offset;
  const end = Math.min(d.length, o + icmp.length);
  switch (type) {
    case 1:
      return `Destination Unreachable (${V6_UNREACH[code] ?? 'Unknown'})`;
    case 2:
      return 'Packet Too Big';
    case 3:
      return `Time Exceeded (${V6_TIME[code] ?? 'Unknown'})`;
    case 4:
      return `Parameter Problem (${V6_PARAM[code] ?? 'Unknown'})`;
    case 128:
    case 129: {
      const id = Number(childValue(icmp, 'icmpv6.echo.identifier') ?? 0);
      const seq = Number(childValue(icmp, 'icmpv6.echo.sequence_number') ?? 0);
      const reply = type === 129 && requestIn !== undefined ? ` (request in ${requestIn})` : '';
      return `Echo (ping) ${type === 128 ? 'request' : 'reply'} id=0x${id.toString(16).padStart(4, '0')}, seq=${seq}, hop limit=${hopLimit}${reply}`;
    }
    case 133: {
      const from = ndOption(d, o + 8, end, 1);
      return `Router Solicitation${from ? ` from ${from}` : ''}`;
    }
    case 134: {
      const from = ndOption(d, o + 16, end, 1);
      return `Router Advertisement${from ? ` from ${from}` : ''}`;
    }
    case 135: {
      const target = end >= o + 24 ? ipv6String(d, o + 8) : '';
      const from = ndOption(d, o + 24, end, 1);
      return `Neighbor Solicitation for ${target}${from ? ` from ${from}` : ''}`;
    }
    case 136: {
      const target = end >= o + 24 ? ipv6String(d, o + 8) : '';
      const f = d[o + 4] ?? 0;
      const flags = [f & 0x80 ? 'rtr' : '', f & 0x40 ? 'sol' : '', f & 0x20 ? 'ovr' : ''].filter(Boolean).join(', ');
      const at = ndOption(d, o + 24, end, 2);
      return `Neighbor Advertisement ${target}${flags ? ` (${flags})` : ''}${at ? ` is at ${at}` : ''}`;
    }
    case 137:
      return 'Redirect';
    case 130:
      return 'Multicast Listener Query';
    case 131:
      return 'Multicast Listener Report';
    case 132:
      return 'Multicast Listener Done';
    case 143:
      return 'Multicast Listener Report Message v2';
    default:
      return `Unknown (${type})`;
  }
}

/** "Fragmented IP protocol (proto=ICMP 1, off=0, ID=94c7)". */
export function ipv4FragmentInfo(ip: FieldNode): string {
  const proto = Number(childValue(ip, 'ip.proto') ?? 0);
  const off = Number(childValue(ip, 'ip.frag_offset') ?? 0) * 8;
  const id = Number(childValue(ip, 'ip.id') ?? 0);
  return `Fragmented IP protocol (proto=${ipProtoName(proto)} ${proto}, off=${off}, ID=${id.toString(16).padStart(4, '0')})`;
}

/** "IPv6 fragment (off=0 more=y ident=0xa98d563e nxt=58)". */
export function ipv6FragmentInfo(ip: FieldNode): string {
  const f = findNode(ip.children, 'ipv6.fraghdr');
  const off = Number(childValue(f, 'ipv6.fraghdr.offset') ?? 0) * 8;
  const more = childValue(f, 'ipv6.fraghdr.more') === true ? 'y' : 'n';
  const ident = Number(childValue(f, 'ipv6.fraghdr.ident') ?? 0);
  return `IPv6 fragment (off=${off} more=${more} ident=0x${ident.toString(16).padStart(8, '0')} nxt=${childValue(f, 'ipv6.fraghdr.nxt') ?? 0})`;
}
