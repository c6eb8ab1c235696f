// What the capture index can say for sure about a packet's layers. The index keeps one row
// of numbers per packet; the detail tree may hold more (an ICMP error quotes an IP header
// and its ports, a tunnel nests a second IP layer, a cut-short header loses fields), so
// each answer is exact or "unknown" (-1), and unknown sends the packet to the tree.
import type { CaptureIndex } from '../flows/capture-index.js';

/** IP protocols whose payload can hold no further IP header or TCP/UDP ports for our dissectors. */
const LEAF_PROTOS = new Set([2, 6, 17, 50, 59, 88, 89, 103, 112, 132]);
/** ICMP types without a quoted datagram: echo reply/request, router adv/sol, timestamp, info, mask. */
const ICMP_LEAF = new Set([0, 8, 9, 10, 13, 14, 15, 16, 17, 18]);
/** ICMPv6 types without a quoted packet: echo, MLD, RS/RA/NS/NA, MLDv2 (not redirect, 137). */
const ICMP6_LEAF = new Set([128, 129, 130, 131, 132, 133, 134, 135, 136, 143]);

export const UNKNOWN = -1;

export function linktypeOf(ix: CaptureIndex, i: number): number {
  return ix.interfaces[ix.packets.iface[i]!]?.linktype ?? -1;
}

/** 4 or 6 when the packet has exactly one IP layer of that version, 0 when it has none, -1 unknown. */
export function netLayer(ix: CaptureIndex, i: number): number {
  const t = ix.packets;
  const et = t.etherType[i]!;
  if (et === 0x0800 || et === 0x86dd) {
    const s = t.src[i]!;
    if (s === 0) return UNKNOWN;
    const fam = ix.addresses.family[s];
    if (fam !== (et === 0x0800 ? 4 : 6)) return UNKNOWN;
    const p = t.ipProto[i]!;
    if (p === 6 || p === 17) return fam;
    if (p === 1 || p === 58) {
      const c = ix.messageCode.get(i);
      if (c === undefined) return UNKNOWN;
      return (p === 1 ? ICMP_LEAF : ICMP6_LEAF).has(c >> 8) ? fam : UNKNOWN;
    }
    return LEAF_PROTOS.has(p) ? fam : UNKNOWN;
  }
  // 0: unknown link type; below 0x600: an 802.3 length (LLC/SNAP may still carry IP).
  if (et < 0x600) return UNKNOWN;
  return 0;
}

/** 6 or 17 when the packet's TCP/UDP header is fully in the index, 0 when there is none, -1 unknown. */
export function transportLayer(ix: CaptureIndex, i: number): number {
  const l3 = netLayer(ix, i);
  if (l3 <= 0) return l3;
  const t = ix.packets;
  const p = t.ipProto[i]!;
  if (p !== 6 && p !== 17) return 0;
  // Header cut short by the capture, or a later fragment (no header): let the tree decide.
  if (t.caplen[i]! < t.wirelen[i]! - t.payloadLength[i]!) return UNKNOWN;
  if (t.sport[i] === 0 && t.dport[i] === 0) return UNKNOWN;
  return p;
}

/** True when the packet belongs to a TCP conversation of the flow table (has tcp.stream). */
export function isTcpFlow(ix: CaptureIndex, i: number): boolean {
  return ix.flows.get(ix.packets.flow[i]!)?.kind === 'tcp';
}
