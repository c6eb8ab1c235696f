// Ethertypes as tcpdump's ethertype_values table spells them (for -e and unknown types), and
// the ones the dissectors dispatch on, named once.
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_REVARP = 0x8035;
export const ETHERTYPE_8021Q = 0x8100;
export const ETHERTYPE_8021AD = 0x88a8;
export const ETHERTYPE_8021Q9100 = 0x9100;
export const ETHERTYPE_8021Q9200 = 0x9200;
/** Transparent Ethernet Bridging: an Ethernet frame inside GRE (gretap). */
export const ETHERTYPE_TEB = 0x6558;
export const ETHERTYPE_PPP = 0x880b;
/** Values up to this are an 802.3 length, not a type. */
export const MAX_ETHERNET_LENGTH_VAL = 1500;

const NAMES = new Map<number, string>([
  [ETHERTYPE_IPV4, 'IPv4'],
  [ETHERTYPE_IPV6, 'IPv6'],
  [ETHERTYPE_ARP, 'ARP'],
  [ETHERTYPE_REVARP, 'Reverse ARP'],
  [ETHERTYPE_8021Q, '802.1Q'],
  [ETHERTYPE_8021AD, '802.1Q-QinQ'],
  [ETHERTYPE_8021Q9100, '802.1Q-9100'],
  [ETHERTYPE_8021Q9200, '802.1Q-9200'],
  [0x8847, 'MPLS unicast'],
  [0x8848, 'MPLS multicast'],
  [0x8863, 'PPPoE D'],
  [0x8864, 'PPPoE S'],
  [0x888e, 'EAPOL'],
  [0x88cc, 'LLDP'],
  [0x88f7, 'PTP'],
  [0x8809, 'Slow Protocols'],
  [0x9000, 'Loopback'],
  [0x6003, 'DN'],
  [0x809b, 'Appletalk'],
  [0x80f3, 'Appletalk ARP'],
  [0x8137, 'IPX'],
  [ETHERTYPE_PPP, 'PPP'],
  [0x88e5, 'MACsec'],
  [0x8870, 'Jumbo'],
  [0x88a2, 'AoE'],
  [0x8902, 'CFM'],
  [0x894f, 'NSH'],
  [ETHERTYPE_TEB, 'TEB'],
  [0x22f0, 'TSN'],
]);

/** The 802.1Q tag types tcpdump's ether printer unwraps. */
export function isVlanType(t: number): boolean {
  return t === ETHERTYPE_8021Q || t === ETHERTYPE_8021Q9100 || t === ETHERTYPE_8021Q9200 || t === ETHERTYPE_8021AD;
}

export function etherTypeName(t: number): string | undefined {
  return NAMES.get(t);
}
