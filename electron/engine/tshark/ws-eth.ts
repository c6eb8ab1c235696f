// Wireshark's Ethernet trailer (packet-eth.c add_ethernet_trailer, 4.0): the bytes after the
// payload's own length go on the Ethernet node, as "Padding" up to the 60-byte minimum frame
// and "Trailer" past it (a short frame has no padding: all of it is trailer). Only an ARP
// payload is measured here: IP's own length is the other case and Linux captures don't pad it.
import type { FieldNode } from '../dissect/field-node.js';

const MIN_FRAME = 60;

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** The tree with the Ethernet node given its padding and trailer items (a new node), if any. */
export function ethTrailer(tree: FieldNode[], data: Uint8Array, wireLength: number): void {
  const eth = tree.findIndex((n) => n.field === 'eth');
  const arp = tree.find((n) => n.field === 'arp');
  if (eth < 0 || !arp) return;
  const end = arp.offset + arp.length;
  if (end >= data.length) return;
  const padEnd = wireLength < MIN_FRAME ? end : Math.min(data.length, Math.max(end, MIN_FRAME));
  const items: FieldNode[] = [];
  if (padEnd > end) items.push({ field: 'eth.padding', label: `Padding: ${hex(data.subarray(end, padEnd))}`, offset: end, length: padEnd - end });
  if (data.length > padEnd) items.push({ field: 'eth.trailer', label: `Trailer: ${hex(data.subarray(padEnd))}`, offset: padEnd, length: data.length - padEnd });
  const node = tree[eth]!;
  tree[eth] = { ...node, children: [...(node.children ?? []), ...items] };
}
