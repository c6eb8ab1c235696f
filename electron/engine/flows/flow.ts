// One flow: a conversation keyed symmetrically (both directions are one flow).
// Endpoint A is the source of the flow's first packet; direction 0 = A→B, 1 = B→A.

export type FlowKind = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'arp' | 'dhcp' | 'dns' | 'ip';

export interface Flow {
  readonly id: number;
  readonly kind: FlowKind;
  /** 4 or 6 for IP flows, 0 for ARP. */
  readonly ipVersion: number;
  /** Address ids (AddressTable) of A and B. */
  readonly a: number;
  readonly b: number;
  /** Ports for TCP/UDP/DNS (a DNS flow's A is its client); the ICMP echo id in both; DHCP: its first message's. */
  readonly aPort: number;
  readonly bPort: number;
  /** For TCP: Wireshark's tcp.stream (0-based, in order of appearance). -1 otherwise. */
  readonly stream: number;
  firstIndex: number;
  lastIndex: number;
  firstSec: number;
  firstNsec: number;
  lastSec: number;
  lastNsec: number;
  /** Packets and bytes (frame lengths) per direction: [A→B, B→A]. */
  readonly packets: [number, number];
  readonly bytes: [number, number];
}
