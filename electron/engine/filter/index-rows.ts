// What the capture index can say for sure about a packet's layers. The index keeps one row
// of numbers per packet; the detail tree may hold more (an ICMP error quotes an IP header
// and its ports, a tunnel nests a second IP layer, a cut-short header loses fields), so
// each answer is exact or "unknown" (-1), and unknown sends the packet to the tree.
//
// A gate says whether a protocol is in the packet (1), is not (0), or the index cannot tell
// (-1). A field declared `indexed` is answered from the index only where its protocol has a
// gate: a new protocol with indexed fields adds its gate here.
import type { CaptureIndex } from '../flows/capture-index.js';
import { IPPROTO_ESP, IPPROTO_EIGRP, IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_IGMP, IPPROTO_NONE, IPPROTO_OSPF, IPPROTO_PIM, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_VRRP } from '../format/ipprotos.js';
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL } from '../../capfile/linktypes.js';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_REVARP } from '../format/ethertypes.js';
import { protocolRegistry } from '../protocols/index.js';

/** IP protocols whose payload can hold no further IP header or TCP/UDP ports for our dissectors. */
const LEAF_PROTOS = new Set([IPPROTO_IGMP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ESP, IPPROTO_NONE, IPPROTO_EIGRP, IPPROTO_OSPF, IPPROTO_PIM, IPPROTO_VRRP, IPPROTO_SCTP]);
/** ICMP types without a quoted datagram: echo reply/request, router adv/sol, timestamp, info, mask. */
const ICMP_LEAF = new Set([0, 8, 9, 10, 13, 14, 15, 16, 17, 18]);
/** ICMPv6 types without a quoted packet: echo, MLD, RS/RA/NS/NA, MLDv2 (not redirect, 137). */
const ICMP6_LEAF = new Set([128, 129, 130, 131, 132, 133, 134, 135, 136, 143]);
/** The smallest Ethernet header: a shorter frame has no `eth` node. */
const ETHER_HDR_LEN = 14;

export const UNKNOWN = -1;

/** A bit per port: 8 KB, so the test per packet stays in the CPU cache. */
class PortBits {
  private readonly bits = new Int32Array(0x10000 >> 5);
  empty = true;

  add(port: number): void {
    this.bits[port >> 5]! |= 1 << (port & 31);
    this.empty = false;
  }

  has(port: number): boolean {
    return ((this.bits[port >> 5]! >>> (port & 31)) & 1) === 1;
  }
}

/** TCP and UDP ports whose dissector is a tunnel (VXLAN): what the registry says, once. */
function tunnelPorts(table: 'tcpport' | 'udpport'): PortBits {
  const bits = new PortBits();
  for (const [port, e] of protocolRegistry().entries(table)) if (e.dissector.tunnel) bits.add(port);
  return bits;
}
const TUNNEL_TCP = tunnelPorts('tcpport');
const TUNNEL_UDP = tunnelPorts('udpport');

/**
 * True when the packet's ports hand its payload to a tunnel dissector: its tree holds a second
 * link or network layer (and its fields) that the index, keeping the outermost layers, lacks.
 */
function tunnelled(ix: CaptureIndex, i: number, proto: number): boolean {
  const tcp = proto === IPPROTO_TCP;
  const ports = tcp ? TUNNEL_TCP : TUNNEL_UDP;
  const s = ix.packets.sport.get(i);
  const d = ix.packets.dport.get(i);
  if (!ports.has(s) && !ports.has(d)) return false;
  return protocolRegistry().lookupPorts(tcp ? 'tcpport' : 'udpport', s, d)?.tunnel === true;
}

export type Gate = (ix: CaptureIndex, i: number) => number;

export function linktypeOf(ix: CaptureIndex, i: number): number {
  return ix.interfaces[ix.packets.iface.get(i)]?.linktype ?? -1;
}

/** 4 or 6 when the packet has exactly one IP layer of that version, 0 when it has none, -1 unknown. */
export function netLayer(ix: CaptureIndex, i: number): number {
  const t = ix.packets;
  const et = t.etherType.get(i);
  if (et === ETHERTYPE_IPV4 || et === ETHERTYPE_IPV6) {
    const s = t.src.get(i);
    if (s === 0) return UNKNOWN;
    const fam = ix.addresses.family[s];
    if (fam !== (et === ETHERTYPE_IPV4 ? 4 : 6)) return UNKNOWN;
    const p = t.ipProto.get(i);
    if (p === IPPROTO_TCP) return TUNNEL_TCP.empty || !tunnelled(ix, i, p) ? fam : UNKNOWN;
    if (p === IPPROTO_UDP) return TUNNEL_UDP.empty || !tunnelled(ix, i, p) ? fam : UNKNOWN;
    if (p === IPPROTO_ICMP || p === IPPROTO_ICMPV6) {
      const c = ix.messageCode.get(i);
      if (c === undefined) return UNKNOWN;
      return (p === IPPROTO_ICMP ? ICMP_LEAF : ICMP6_LEAF).has(c >> 8) ? fam : UNKNOWN;
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
  const p = t.ipProto.get(i);
  if (p !== IPPROTO_TCP && p !== IPPROTO_UDP) return 0;
  // Header cut short by the capture, or a later fragment (no header): let the tree decide.
  if (t.caplen.get(i) < t.wirelen.get(i) - t.payloadLength.get(i)) return UNKNOWN;
  if (t.sport.get(i) === 0 && t.dport.get(i) === 0) return UNKNOWN;
  return p;
}


function link(...types: number[]): Gate {
  return (ix, i) => {
    const lt = linktypeOf(ix, i);
    if (lt < 0) return UNKNOWN;
    if (lt === LINKTYPE_ETHERNET && types.includes(lt) && ix.packets.caplen.get(i) < ETHER_HDR_LEN) return UNKNOWN;
    return types.includes(lt) ? 1 : 0;
  };
}

function net(version: 4 | 6): Gate {
  return (ix, i) => {
    const l3 = netLayer(ix, i);
    return l3 < 0 ? UNKNOWN : l3 === version ? 1 : 0;
  };
}

function icmp(version: 4 | 6, proto: number): Gate {
  return (ix, i) => {
    const l3 = netLayer(ix, i);
    return l3 < 0 ? UNKNOWN : l3 === version && ix.packets.ipProto.get(i) === proto ? 1 : 0;
  };
}

function transport(proto: number): Gate {
  return (ix, i) => {
    const l4 = transportLayer(ix, i);
    return l4 < 0 ? UNKNOWN : l4 === proto ? 1 : 0;
  };
}

const arp: Gate = (ix, i) => {
  const et = ix.packets.etherType.get(i);
  if (et !== ETHERTYPE_ARP && et !== ETHERTYPE_REVARP) return netLayer(ix, i) >= 0 ? 0 : UNKNOWN;
  // Not an Ethernet/IPv4 ARP the index parsed.
  return ix.messageCode.has(i) ? 1 : UNKNOWN;
};

/**
 * An application protocol (reached through a port table): absent when no dissector of the
 * protocol would run for the packet's ports, else unknown (its tree tells).
 */
function application(names: readonly string[]): Gate {
  const registry = protocolRegistry();
  return (ix, i) => {
    const l4 = transportLayer(ix, i);
    if (l4 <= 0) return l4;
    const t = ix.packets;
    if (t.payloadLength.get(i) === 0) return 0;
    const d = registry.lookupPorts(l4 === IPPROTO_TCP ? 'tcpport' : 'udpport', t.sport.get(i), t.dport.get(i));
    return !d || !names.includes(d.name) ? 0 : UNKNOWN;
  };
}

/** Application protocol -> the port-table dissectors that declare it (dns: UDP, TCP, mDNS). */
function applicationGates(): [string, Gate][] {
  const registry = protocolRegistry();
  const names = new Map<string, string[]>();
  for (const d of registry.dissectors()) {
    if (!registry.onPorts(d)) continue;
    for (const f of d.fields ?? []) if (f.type === 'protocol') names.set(f.abbrev, [...(names.get(f.abbrev) ?? []), d.name]);
  }
  return [...names].map(([proto, ds]) => [proto, application(ds)]);
}

/** The gate of fields every packet has: the filter skips calling it. */
export const ALWAYS: Gate = () => 1;

const APPLICATION_GATES = applicationGates();

/** Whether a protocol is reached through a port table (its gate cannot tell where its dissector runs). */
export function isApplication(protocol: string): boolean {
  return APPLICATION_GATES.some(([p]) => p === protocol);
}

const GATES = new Map<string, Gate>([
  ['frame', ALWAYS],
  ['eth', link(LINKTYPE_ETHERNET)],
  ['sll', link(LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2)],
  ['null', link(LINKTYPE_NULL, LINKTYPE_LOOP)],
  ['ip', net(4)],
  ['ipv6', net(6)],
  ['icmp', icmp(4, IPPROTO_ICMP)],
  ['icmpv6', icmp(6, IPPROTO_ICMPV6)],
  ['arp', arp],
  ['tcp', transport(IPPROTO_TCP)],
  ['udp', transport(IPPROTO_UDP)],
  ...APPLICATION_GATES,
]);

/** The gate of a protocol (the first part of a field's name), if the index knows it. */
export function protocolGate(protocol: string): Gate | undefined {
  return GATES.get(protocol);
}
