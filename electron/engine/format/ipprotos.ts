// IP protocol numbers the dissectors and the index use, named once, and their names as
// tcpdump's ipproto_values table spells them (-v "proto TCP (6)").
export const IPPROTO_HOPOPTS = 0;
export const IPPROTO_ICMP = 1;
export const IPPROTO_IGMP = 2;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_DCCP = 33;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_ROUTING = 43;
export const IPPROTO_FRAGMENT = 44;
export const IPPROTO_GRE = 47;
export const IPPROTO_ESP = 50;
export const IPPROTO_AH = 51;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_NONE = 59;
export const IPPROTO_DSTOPTS = 60;
export const IPPROTO_MOBILITY_OLD = 62;
export const IPPROTO_ND = 77;
export const IPPROTO_EIGRP = 88;
export const IPPROTO_OSPF = 89;
export const IPPROTO_PIM = 103;
export const IPPROTO_IPCOMP = 108;
export const IPPROTO_VRRP = 112;
export const IPPROTO_SCTP = 132;
export const IPPROTO_MOBILITY = 135;
export const IPPROTO_ETHERNET = 143;

const NAMES = new Map<number, string>([
  [IPPROTO_HOPOPTS, 'Options'],
  [IPPROTO_ICMP, 'ICMP'],
  [IPPROTO_IGMP, 'IGMP'],
  [IPPROTO_IPIP, 'IPIP'],
  [IPPROTO_TCP, 'TCP'],
  [8, 'EGP'],
  [9, 'IGRP'],
  [IPPROTO_UDP, 'UDP'],
  [IPPROTO_DCCP, 'DCCP'],
  [IPPROTO_IPV6, 'IPv6'],
  [IPPROTO_ROUTING, 'Routing'],
  [IPPROTO_FRAGMENT, 'Fragment'],
  [46, 'RSVP'],
  [IPPROTO_GRE, 'GRE'],
  [IPPROTO_ESP, 'ESP'],
  [IPPROTO_AH, 'AH'],
  [55, 'Mobile IP'],
  [IPPROTO_ICMPV6, 'ICMPv6'],
  [IPPROTO_MOBILITY_OLD, 'Mobile IP (old)'],
  [IPPROTO_EIGRP, 'EIGRP'],
  [IPPROTO_OSPF, 'OSPF'],
  [IPPROTO_PIM, 'PIM'],
  [IPPROTO_IPCOMP, 'Compressed IP'],
  [IPPROTO_VRRP, 'VRRP'],
  [113, 'PGM'],
  [IPPROTO_SCTP, 'SCTP'],
  [IPPROTO_MOBILITY, 'Mobility'],
  [IPPROTO_ETHERNET, 'Ethernet'],
]);

export function ipProtoName(p: number): string {
  return NAMES.get(p) ?? 'unknown';
}
