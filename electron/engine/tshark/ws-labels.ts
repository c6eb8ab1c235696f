// The text of a protocol item that tshark -T fields prints for a protocol field. Wireshark
// keeps a label for the protocols whose dissector formats one (frame, eth, ip, tcp, ...);
// for the others (http, icmp, ...) it prints the field name; the data protocol is its bytes.
import type { FieldNode } from '../dissect/field-node.js';
import type { TapPacket } from './tap.js';
import { childValue, findNode } from './tree-find.js';

const LABELLED = new Set(['frame', 'eth', 'sll', 'ip', 'ipv6', 'arp', 'udp', 'dns']);
const DHCP_TYPES = ['', 'Discover', 'Offer', 'Request', 'Decline', 'ACK', 'NAK', 'Release', 'Inform'];

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function protocolText(node: FieldNode, p: TapPacket, data: Uint8Array): string {
  if (node.field === 'data') return hex(data.subarray(node.offset, Math.min(data.length, node.offset + node.length)));
  if (LABELLED.has(node.field)) return node.label;
  if (node.field === 'tcp') return tcpLabel(node, p);
  if (node.field === 'dhcp') {
    const type = Number(findNode(node.children, 'dhcp.option.dhcp')?.value ?? 0);
    const name = DHCP_TYPES[type];
    return name ? `Dynamic Host Configuration Protocol (${name})` : node.label;
  }
  return node.field;
}

/** "Transmission Control Protocol, Src Port: 56368, Dst Port: 80, Seq: 1, Ack: 1, Len: 84" (relative numbers). */
function tcpLabel(node: FieldNode, p: TapPacket): string {
  const rel = (name: 'tcp.seq' | 'tcp.ack'): number => {
    const t = p.index.packets;
    const flow = p.index.flows.get(t.flow.get(p.i));
    if (!flow) return 0;
    const dir = t.src.get(p.i) === flow.a && t.sport.get(p.i) === flow.aPort ? 0 : 1;
    const base = p.index.tcp.relativeBase(flow.stream, name === 'tcp.seq' ? dir : dir === 0 ? 1 : 0) ?? 0;
    return ((name === 'tcp.seq' ? t.seq.get(p.i) : t.ack.get(p.i)) - base) >>> 0;
  };
  const flags = Number(childValue(node, 'tcp.flags') ?? 0);
  const ack = flags & 0x10 ? `, Ack: ${rel('tcp.ack')}` : '';
  return `Transmission Control Protocol, Src Port: ${childValue(node, 'tcp.srcport')}, Dst Port: ${childValue(node, 'tcp.dstport')}, Seq: ${rel('tcp.seq')}${ack}, Len: ${childValue(node, 'tcp.len')}`;
}
