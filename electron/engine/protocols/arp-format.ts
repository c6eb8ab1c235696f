// Address formatting shared by the ARP and ATM ARP printers (not a dissector):
// tcpdump's linkaddr_string / q922_string from addrtoname.c and print-fr.c.
import type { Frame } from '../bytes/frame.js';
import { macString } from '../format/addresses.js';
import { ETHERTYPE_IPV4, etherTypeName } from '../format/ethertypes.js';

const ETHERTYPE_TRAIL = 0x1000;

/** print-arp.c arpop_values. */
export const ARP_OPS: ReadonlyMap<number, string> = new Map([
  [1, 'Request'],
  [2, 'Reply'],
  [3, 'Reverse Request'],
  [4, 'Reverse Reply'],
  [8, 'Inverse Request'],
  [9, 'Inverse Reply'],
  [10, 'NACK Reply'],
]);

/** print-arp.c arphrd_values. */
export const ARP_HRD: ReadonlyMap<number, string> = new Map([
  [1, 'Ethernet'],
  [6, 'TokenRing'],
  [7, 'ArcNet'],
  [15, 'FrameRelay'],
  [23, 'Strip'],
  [24, 'IEEE 1394'],
  [19, 'ATM'],
  [32, 'InfiniBand'],
]);

export function hrdName(hrd: number): string {
  return ARP_HRD.get(hrd) ?? `Unknown Hardware (${hrd})`;
}

/** tok2str(ethertype_values, "Unknown Protocol (0x%04x)", pro). */
export function protoTypeName(pro: number): string {
  const name = pro === ETHERTYPE_TRAIL ? 'Trail' : etherTypeName(pro);
  return name ?? `Unknown Protocol (0x${pro.toString(16).padStart(4, '0')})`;
}

/** Protocol types whose addresses tcpdump prints as IPv4 addresses. */
export function isIpProto(pro: number): boolean {
  return pro === ETHERTYPE_IPV4 || pro === ETHERTYPE_TRAIL;
}

/** Which link-address syntax GET_LINKADDR_STRING uses (tcpdump's LINKADDR_*). */
export type LinkAddrType = 'mac48' | 'frelay' | 'atm';

/**
 * GET_LINKADDR_STRING: `<empty>` for a zero length, a Q.922 DLCI for Frame Relay,
 * otherwise colon-separated hex bytes (a 6-byte MAC prints the same way).
 * Throws `Truncated` when the bytes are not all captured, as the GET_ macro longjmps.
 */
export function linkAddrString(f: Frame, o: number, len: number, type: LinkAddrType): string {
  f.check(o, len);
  if (len === 0) return '<empty>';
  if (type === 'frelay') return q922String(f.data, o, len);
  return macString(f.data, o, len);
}

/** True when any of `len` bytes at `o` is non-zero (print-arp.c isnonzero). */
export function isNonZero(f: Frame, o: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (f.u8(o + i) !== 0) return true;
  return false;
}

/**
 * q922_string: `DLCI n` from a 2- to 4-byte Q.922 address (parse_q922_header),
 * or the empty string when the address cannot be parsed.
 */
function q922String(d: Uint8Array, o: number, len: number): string {
  const EA = 0x01;
  const b = (i: number): number => d[o + i]!;
  if (len < 1 || b(0) & EA) return '';
  if (len < 2) return '';
  let dlci = ((b(0) & 0xfc) << 2) | ((b(1) & 0xf0) >> 4);
  if (b(1) & EA) return `DLCI ${dlci}`;
  let i = 2;
  if (len < 3) return '';
  if ((b(i) & EA) === 0) {
    dlci = (dlci << 7) | (b(i) >> 1);
    i++;
  }
  if (len <= i) return '';
  if ((b(i) & EA) === 0) return '';
  dlci = (dlci << 6) | (b(i) >> 2);
  return `DLCI ${dlci >>> 0}`;
}
