// Wireshark's default colouring rules (first match wins), plus DHCP which users asked
// for. The engine evaluates the filters and names the rule on each row; we paint it.
import type { Preferences } from '../../../electron/shared/contract.js';

export type ColorRule = Preferences['colorRules'][number];

export const DEFAULT_COLOR_RULES: ColorRule[] = [
  { name: 'Bad TCP', filter: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack', fg: '#f78787', bg: '#121212', enabled: true },
  { name: 'Checksum Errors', filter: 'eth.fcs.status == "Bad" || ip.checksum.status == "Bad" || tcp.checksum.status == "Bad" || udp.checksum.status == "Bad"', fg: '#f78787', bg: '#121212', enabled: true },
  { name: 'TCP RST', filter: 'tcp.flags.reset eq 1', fg: '#fffc9c', bg: '#a40000', enabled: true },
  { name: 'ICMP errors', filter: 'icmp.type in {3..5 11} || icmpv6.type in {1..4}', fg: '#b7f774', bg: '#121212', enabled: true },
  { name: 'TTL low or unexpected', filter: 'ip.dst != 224.0.0.0/4 && ip.ttl < 5', fg: '#fffc9c', bg: '#a40000', enabled: true },
  { name: 'TCP SYN/FIN', filter: 'tcp.flags.syn == 1 || tcp.flags.fin == 1', fg: '#121212', bg: '#a0a0a0', enabled: true },
  { name: 'ARP', filter: 'arp', fg: '#121212', bg: '#fafaf0', enabled: true },
  { name: 'DHCP', filter: 'dhcp', fg: '#121212', bg: '#e4f4d4', enabled: true },
  { name: 'ICMP', filter: 'icmp || icmpv6', fg: '#121212', bg: '#fce0ff', enabled: true },
  { name: 'UDP', filter: 'udp', fg: '#121212', bg: '#daeeff', enabled: true },
  { name: 'TCP', filter: 'tcp', fg: '#121212', bg: '#e7e6ff', enabled: true },
  { name: 'Broadcast', filter: 'eth.dst == ff:ff:ff:ff:ff:ff', fg: '#babdb6', bg: '#ffffff', enabled: true },
];
