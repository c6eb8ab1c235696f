// Which of Wireshark's default colouring rules (shared/color-rules.ts) a row gets: first match
// wins. Until rules are compiled as filters, each default is evaluated directly on the index
// columns (plus the frame's first byte for the broadcast rule).
import { A_KEEP_ALIVE, A_KEEP_ALIVE_ACK, A_WINDOW_UPDATE } from '../flows/analysis-flags.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { DEFAULT_COLOR_RULES, type DefaultColorRule } from '../../shared/color-rules.js';

export type ColorRule = DefaultColorRule;
export { DEFAULT_COLOR_RULES };

const NOT_BAD = A_WINDOW_UPDATE | A_KEEP_ALIVE | A_KEEP_ALIVE_ACK;

/** ICMPv4 types 3, 4, 5, 11 and ICMPv6 types 1..4 (Wireshark's "ICMP errors"). */
function icmpError(proto: number, type: number): boolean {
  return proto === 1 ? type === 3 || type === 4 || type === 5 || type === 11 : proto === 58 && type >= 1 && type <= 4;
}

/**
 * Name of the first default rule that matches packet `i` ('' = none). `firstByte` is the
 * frame's first byte when the link type is Ethernet (destination MAC), else -1.
 */
export function defaultColorRule(index: CaptureIndex, i: number, firstByte: number): string {
  const t = index.packets;
  const proto = t.ipProto[i]!;
  const ipv = t.src[i] !== 0 && t.etherType[i] !== 0x0806;
  const flags = t.tcpFlags[i]!;
  const sport = t.sport[i]!;
  const dport = t.dport[i]!;
  const tcp = ipv && proto === 6;
  const udp = ipv && proto === 17;
  if (tcp && t.analysis[i]! & ~NOT_BAD) return 'Bad TCP';
  if (ipv && (proto === 1 || proto === 58)) {
    const code = index.messageCode.get(i);
    if (code !== undefined && icmpError(proto, code >> 8)) return 'ICMP errors';
  }
  if (t.etherType[i] === 0x0806 || t.etherType[i] === 0x8035) return 'ARP';
  if (ipv && (proto === 1 || proto === 58)) return 'ICMP';
  if (tcp && flags & 0x04) return 'TCP RST';
  if (tcp && (sport === 80 || dport === 80)) return 'HTTP';
  if (tcp && flags & 0x03) return 'TCP SYN/FIN';
  if (udp && (sport === 67 || sport === 68) && (dport === 67 || dport === 68)) return 'DHCP';
  if ((tcp || udp) && (sport === 53 || dport === 53 || (udp && (sport === 5353 || dport === 5353)))) return 'DNS';
  if (tcp) return 'TCP';
  if (udp) return 'UDP';
  if (firstByte >= 0 && firstByte & 1) return 'Broadcast';
  return '';
}
