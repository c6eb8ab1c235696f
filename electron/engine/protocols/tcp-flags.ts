// The TCP header's flag bits (RFC 9293 3.1; AE is RFC 9768's, ex-NS), defined once: the
// tcp dissector, its tree, the index, the flows and the analysis all read them from here.
import type { FieldDecl } from '../dissect/field-decl.js';

export const TH_FIN = 0x01;
export const TH_SYN = 0x02;
export const TH_RST = 0x04;
export const TH_PUSH = 0x08;
export const TH_ACK = 0x10;
export const TH_URG = 0x20;
export const TH_ECE = 0x40;
export const TH_CWR = 0x80;
/** In the data-offset byte, above the eight classic bits (tcp.flags is 12 bits wide). */
export const TH_AE = 0x100;
/** The three reserved bits above AE. */
export const TH_RES = 0xe00;

/** tcpdump's `Flags [S.]` letters, in its table order. */
export function tcpFlagString(flags: number): string {
  let s = '';
  if (flags & TH_FIN) s += 'F';
  if (flags & TH_SYN) s += 'S';
  if (flags & TH_RST) s += 'R';
  if (flags & TH_PUSH) s += 'P';
  if (flags & TH_ACK) s += '.';
  if (flags & TH_URG) s += 'U';
  if (flags & TH_ECE) s += 'E';
  if (flags & TH_CWR) s += 'W';
  return s || 'none';
}

/** tcp.flags and its bits, in Wireshark's tree order; the classic eight are in the index's flags column. */
export const TCP_FLAG_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'tcp.flags', name: 'Flags', type: 'uint', base: 'hex', bitmask: 0xfff },
  { abbrev: 'tcp.flags.res', name: 'Reserved', type: 'uint', bitmask: TH_RES },
  { abbrev: 'tcp.flags.ae', name: 'Accurate ECN', type: 'bool', bitmask: TH_AE },
  { abbrev: 'tcp.flags.cwr', name: 'Congestion Window Reduced', type: 'bool', bitmask: TH_CWR, indexed: 'tcpFlags' },
  { abbrev: 'tcp.flags.ece', name: 'ECN-Echo', type: 'bool', bitmask: TH_ECE, indexed: 'tcpFlags' },
  { abbrev: 'tcp.flags.urg', name: 'Urgent', type: 'bool', bitmask: TH_URG, indexed: 'tcpFlags' },
  { abbrev: 'tcp.flags.ack', name: 'Acknowledgment', type: 'bool', bitmask: TH_ACK, indexed: 'tcpFlags' },
  { abbrev: 'tcp.flags.push', name: 'Push', type: 'bool', bitmask: TH_PUSH, indexed: 'tcpFlags' },
  { abbrev: 'tcp.flags.reset', name: 'Reset', type: 'bool', bitmask: TH_RST, indexed: 'tcpFlags' },
  { abbrev: 'tcp.flags.syn', name: 'Syn', type: 'bool', bitmask: TH_SYN, indexed: 'tcpFlags' },
  { abbrev: 'tcp.flags.fin', name: 'Fin', type: 'bool', bitmask: TH_FIN, indexed: 'tcpFlags' },
];
