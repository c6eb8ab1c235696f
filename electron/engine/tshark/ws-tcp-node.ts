// The TCP nodes `tshark -V` prints for a segment: Wireshark's TCP tree with the facts tshark's
// single pass knew, the notes on the payload's fate, and a message reassembled across
// segments listed with its frames (a top-level item, before the message).
import type { FieldNode } from '../dissect/field-node.js';
import type { TcpPayloadView } from './tcp-pdus.js';
import type { TapPacket } from './tap.js';
import { tcpFacts } from './ws-tcp-facts.js';
import { wsTcpTree } from './ws-tcp-tree.js';

const plural = (n: number): string => `${n} byte${n === 1 ? '' : 's'}`;

export function wsTcpNodes(p: TapPacket, tcp: FieldNode): FieldNode[] {
  const facts = tcpFacts(p.index, p.i, p.tcpShown);
  if (!facts) return [tcp];
  const view = p.ws.tcp;
  const payload = tcp.children?.find((c) => c.field === 'tcp.payload');
  const notes = view && payload ? payloadNotes(view, payload) : [];
  const node = wsTcpTree(tcp, p.ws.bytesOf(tcp), facts);
  const out: FieldNode[] = [notes.length ? { ...node, children: [...(node.children ?? []), ...notes] } : node];
  if (view) for (const pdu of view.pdus) if (pdu.parts && pdu.parts.length > 1) out.push(reassembled(pdu.parts, pdu.bytes));
  return out;
}

function payloadNotes(view: TcpPayloadView, payload: FieldNode): FieldNode[] {
  const at = payload.offset;
  const out: FieldNode[] = [];
  if (view.retransmitted) out.push({ field: 'tcp.segment_data', label: `Retransmitted TCP segment data (${plural(payload.length)})`, offset: at, length: payload.length });
  if (view.segmentData !== undefined) {
    const n = view.segmentData;
    out.push({ field: 'tcp.segment_data', label: `TCP segment data (${plural(n)})`, offset: at + payload.length - n, length: n });
  }
  for (const n of view.pduSizes ?? []) out.push({ field: 'tcp.pdu.size', label: `[PDU Size: ${n}]`, offset: at, length: 0, value: n });
  return out;
}

/** "[2 Reassembled TCP Segments (242 bytes): #13(185), #15(57)]" and its items. */
function reassembled(parts: readonly { frame: number; length: number }[], bytes: Uint8Array): FieldNode {
  const kids: FieldNode[] = [];
  let o = 0;
  for (const x of parts) {
    kids.push({ field: 'tcp.segment', label: `[Frame: ${x.frame}, payload: ${o}-${o + x.length - 1} (${plural(x.length)})]`, offset: 0, length: 0, value: x.frame });
    o += x.length;
  }
  kids.push({ field: 'tcp.segment.count', label: `[Segment count: ${parts.length}]`, offset: 0, length: 0, value: parts.length });
  kids.push({ field: 'tcp.reassembled.length', label: `[Reassembled TCP length: ${bytes.length}]`, offset: 0, length: 0, value: bytes.length });
  let hex = '';
  for (const b of bytes.subarray(0, 36)) hex += b.toString(16).padStart(2, '0');
  kids.push({ field: 'tcp.reassembled.data', label: `[Reassembled TCP Data: ${hex}${bytes.length > 36 ? '\u2026' : ''}]`, offset: 0, length: 0 });
  const list = parts.map((x) => `#${x.frame}(${x.length})`).join(', ');
  return { field: 'tcp.segments', label: `[${parts.length} Reassembled TCP Segments (${plural(bytes.length)}): ${list}]`, offset: 0, length: 0, children: kids };
}
