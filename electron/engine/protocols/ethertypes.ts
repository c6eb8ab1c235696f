// Ethertype names as tcpdump's ethertype_values table spells them (for -e and unknown types).
const NAMES = new Map<number, string>([
  [0x0800, 'IPv4'],
  [0x86dd, 'IPv6'],
  [0x0806, 'ARP'],
  [0x8035, 'Reverse ARP'],
  [0x8100, '802.1Q'],
  [0x88a8, '802.1Q-QinQ'],
  [0x9100, '802.1Q-9100'],
  [0x9200, '802.1Q-9200'],
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
  [0x880b, 'PPP'],
  [0x88e5, 'MACsec'],
  [0x8870, 'Jumbo'],
  [0x88a2, 'AoE'],
  [0x8902, 'CFM'],
  [0x894f, 'NSH'],
  [0x22f0, 'TSN'],
]);

export function etherTypeName(t: number): string | undefined {
  return NAMES.get(t);
}
