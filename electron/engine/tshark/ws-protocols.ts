// frame.protocols: every protocol of Wireshark's tree, depth first (an ICMP error's quoted
// datagram included), "ethertype" after each layer that hands over by EtherType, then the
// message bodies Wireshark dissects from reassembled data (data-text-lines ...).
import type { FieldNode } from '../dissect/field-node.js';
import { lookupField } from '../filter/field-registry.js';
import { wsFieldType } from './field-format.js';
import type { TapPacket } from './tap.js';

const ETHERTYPE_AFTER = new Set(['eth', 'sll', 'vlan', 'ieee8021ad']);
/** Layers of the protocol hierarchy that frame.protocols does not list. */
const NOT_PROTOCOLS = new Set(['tcp.segments', '_ws.short', '_ws.malformed', 'pkt_comment']);
/** Tree protocols that are not the packet's: the frame itself and its comments. */
const NOT_LISTED = new Set(['frame', 'pkt_comment']);

export function frameProtocols(p: TapPacket): string {
  const out: string[] = [];
  const walk = (nodes: readonly FieldNode[]): void => {
    for (const n of nodes) {
      if ((lookupField(n.field)?.type === 'protocol' || wsFieldType(n.field)?.ftype === 'FT_PROTOCOL') && !NOT_LISTED.has(n.field)) {
        out.push(n.field);
        if (ETHERTYPE_AFTER.has(n.field)) out.push('ethertype');
      }
      if (n.children) walk(n.children);
    }
  };
  walk(p.ws.tree);
  const known = new Set(out);
  for (const l of p.ws.layers) if (!known.has(l) && !NOT_PROTOCOLS.has(l)) out.push(l);
  return ['eth', 'sll'].some((l) => known.has(l)) || out.length ? out.join(':') : '';
}
