// What lower layers tell upper ones (tcpdump passes the IP header pointer to
// tcp_print/udp_print for the pseudo-header and the address printing).

export interface NetworkLayer {
  /** 4 or 6. */
  readonly version: 4 | 6;
  /** Offset of the IP header in the frame. */
  readonly offset: number;
  /** Source and destination as printed (`192.0.2.10`, `2001:db8::1`). */
  readonly src: string;
  readonly dst: string;
  /** Raw address bytes (4 or 16), views into the frame. */
  readonly srcBytes: Uint8Array;
  readonly dstBytes: Uint8Array;
  /** Upper-layer protocol number (after IPv6 extension headers). */
  readonly proto: number;
  /** IPv4 TTL / IPv6 hop limit. */
  readonly ttl: number;
  /** True when this is a fragment other than the first, or a first fragment with more to come. */
  readonly fragmented: boolean;
  /** Upper-layer length as declared by the IP header(s). */
  readonly payloadLength: number;
}

/** Per-packet facts the dissectors fill in for columns, the index and flow tracking. */
export interface PacketFacts {
  /** Wireshark-style Protocol column (`TCP`, `DNS`, `ARP`, ...). */
  protocol: string;
  /** Column Source / Destination (network addresses, or MACs when no network layer). */
  src: string;
  dst: string;
  /** Outermost complete IP layer, when any. */
  ip: NetworkLayer | null;
  /** Transport ports (TCP/UDP), -1 when none. */
  sport: number;
  dport: number;
  /** TCP header fields when the packet carries TCP (seq/ack absolute, flags byte incl. NS/AE in bit 8). */
  tcp: TcpFacts | null;
  /** Layers seen, outermost first (`eth:ethertype:ip:tcp:http`, like Wireshark's frame.protocols). */
  layers: string[];
  /** ICMPv6 type/code (and echo identifier/sequence) when the packet carries ICMPv6. */
  icmp6?: Icmp6Facts;
  /** True when some layer is malformed (not merely cut short by the snapshot length). */
  malformed: boolean;
  /** True when some layer ran past the captured bytes. */
  truncated: boolean;
  /** DNS transaction id of the (first) DNS message, for the flow tracker. */
  dnsId?: number;
  /** True when that DNS message is a response (QR bit). */
  dnsResponse?: boolean;
  /** ARP/RARP fields (addresses as printed), for the flow tracker. */
  arp?: ArpFacts;
  /** ICMP header fields of the outermost ICMP message. */
  icmp?: IcmpFacts;
  /** BOOTP/DHCP fields. */
  dhcp?: DhcpFacts;
}

export interface ArpFacts {
  readonly op: number;
  readonly senderMac: string;
  readonly senderIp: string;
  readonly targetMac: string;
  readonly targetIp: string;
}

export interface IcmpFacts {
  readonly type: number;
  readonly code: number;
  /** Echo / timestamp identifier and sequence number, when the type has them. */
  readonly id?: number;
  readonly seq?: number;
}

export interface DhcpFacts {
  /** BOOTP op: 1 request, 2 reply. */
  readonly op: number;
  readonly xid: number;
  /** Option 53 value, when present. */
  readonly messageType?: number;
  readonly clientMac: string;
}

export interface Icmp6Facts {
  readonly type: number;
  readonly code: number;
  readonly id?: number;
  readonly seq?: number;
}

export interface TcpFacts {
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  readonly headerLength: number;
  readonly payloadLength: number;
  /** Offset of the TCP header in the frame. */
  readonly offset: number;
  /** Options of interest to analysis. */
  readonly mss?: number;
  readonly wscale?: number;
  readonly sackPermitted?: boolean;
  readonly tsVal?: number;
  readonly tsEcr?: number;
  readonly sack?: readonly (readonly [number, number])[];
}

export function emptyFacts(): PacketFacts {
  return { protocol: '', src: '', dst: '', ip: null, sport: -1, dport: -1, tcp: null, layers: [], malformed: false, truncated: false };
}
