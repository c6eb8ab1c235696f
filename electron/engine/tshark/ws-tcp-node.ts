// The TCP nodes of a segment, for `tshark -V` and for the app's detail pane: Wireshark's TCP
// tree (ws-tcp-tree.ts) and the notes on the payload's fate. tshark's single pass gives the
// facts it knew at the packet and the payload's fate from its reassembly (with a message
// reassembled across segments listed with its frames, a top-level item before the message);
// the app gives the stream's final facts, as Wireshark's GUI does after its first pass.
import type { FieldNode } from '../dissect/field-node.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { retransmittedData, tcpPortProtocol, type TcpPayloadView } from './tcp-pdus.js';
import type { TapPacket } from './tap.js';
import { childValue } from './tree-find.js';
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

/** The app's TCP node of packet `i` (the engine's node `tcp` over `data`). */
export function appTcpNode(ix: CaptureIndex, i: number, tcp: FieldNode, data: Uint8Array): FieldNode {
  const facts = tcpFacts(ix, i);
  if (!facts) return tcp;
  const node = wsTcpTree(tcp, data, facts);
  const payload = tcp.children?.find((c) => c.field === 'tcp.payload');
  // The app does not reassemble messages: of the payload's fate it knows the retransmissions.
  const proto = tcpPortProtocol(Number(childValue(tcp, 'tcp.srcport') ?? 0), Number(childValue(tcp, 'tcp.dstport') ?? 0));
  const notes = payload ? payloadNotes({ retransmitted: retransmittedData(ix.packets.analysis.get(i)!, proto) }, payload) : [];
  return notes.length ? { ...node, children: [...(node.children ?? []), ...notes] } : node;
}

function payloadNotes(view: Pick<TcpPayloadView, 'retransmitted' | 'segmentData' | 'pduSizes'>, payload: FieldNode): FieldNode[] {
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
