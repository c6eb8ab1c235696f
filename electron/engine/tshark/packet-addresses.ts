// The endpoints of a packet at one layer, as tshark's conversation and endpoint taps see
// them: each top-level eth/ip/ipv6 layer of the detail tree (an ICMP error's quoted
// header is not a layer of its own, a tunnel's inner header is); for TCP the packet's flow
// in the capture index (a TCP flow is tshark's TCP conversation, port reuse included), and
// for UDP its UDP 4-tuple (udp.stream: DNS and DHCP flows of the index are not UDP ones).
import type { FieldNode } from '../dissect/field-node.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { udpStreamOfRow } from '../flows/udp-streams.js';
import type { TapPacket } from './tap.js';

export type ConvKind = 'eth' | 'ip' | 'ipv6' | 'tcp' | 'udp';

export interface PacketEnds {
  readonly src: string;
  readonly dst: string;
  /** Ports for TCP/UDP, 0 otherwise. */
  readonly sport: number;
  readonly dport: number;
  /** What makes two packets one conversation besides their endpoints (the TCP flow, the UDP stream). */
  readonly flow: number;
}

/**
 * The TCP or UDP endpoints of packet `i`, from the capture index alone (no dissection: the
 * app's Conversations and Endpoints answer these tabs without reading a packet).
 */
export function transportEnds(kind: 'tcp' | 'udp', index: CaptureIndex, i: number): PacketEnds[] {
  const t = index.packets;
  let conv: number;
  if (kind === 'udp') conv = udpStreamOfRow(index, i);
  else {
    const id = t.flow.get(i)!;
    conv = id && index.flows.get(id)?.kind === 'tcp' ? id : -1;
  }
  if (conv < 0) return [];
  const names = index.addresses;
  return [{ src: names.name(t.src.get(i)!), dst: names.name(t.dst.get(i)!), sport: t.sport.get(i)!, dport: t.dport.get(i)!, flow: conv }];
}

const ADDRESS_FIELDS: Record<'eth' | 'ip' | 'ipv6', readonly [string, string]> = {
  eth: ['eth.src', 'eth.dst'],
  ip: ['ip.src', 'ip.dst'],
  ipv6: ['ipv6.src', 'ipv6.dst'],
};

function childValue(node: FieldNode, field: string): string | undefined {
  for (const c of node.children ?? []) if (c.field === field && c.value !== undefined) return String(c.value);
  return undefined;
}

function moreFragments(ipv6: FieldNode): boolean {
  const frag = ipv6.children?.find((c) => c.field === 'ipv6.fraghdr');
  return frag?.children?.some((c) => c.field === 'ipv6.fraghdr.more' && c.value === true) ?? false;
}

/** The packet's endpoints at `kind`, once per layer that carries them (usually zero or one). */
export function packetEnds(kind: ConvKind, p: TapPacket): PacketEnds[] {
  if (kind === 'tcp' || kind === 'udp') return transportEnds(kind, p.index, p.i);
  const [fs, fd] = ADDRESS_FIELDS[kind];
  const out: PacketEnds[] = [];
  for (const n of p.tree) {
    if (n.field !== kind) continue;
    // Wireshark taps an IPv6 fragment only once reassembled, in the frame of the last one.
    if (kind === 'ipv6' && moreFragments(n)) continue;
    const src = childValue(n, fs);
    const dst = childValue(n, fd);
    if (src !== undefined && dst !== undefined) out.push({ src, dst, sport: 0, dport: 0, flow: 0 });
  }
  return out;
}
