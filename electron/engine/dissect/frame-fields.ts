// The fields every packet's tree can hold whatever its protocols: the frame node that
// dissect-frame.ts opens, the expert and malformed items any dissector adds, Wireshark's
// generic `data`, and frame.protocols (the chain of protocol nodes, read by the filter).
import type { FieldDecl } from './field-decl.js';

export const FRAME_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'frame', name: 'Frame', type: 'protocol', indexed: true },
  { abbrev: 'frame.number', name: 'Frame Number', type: 'uint', base: 'dec', indexed: 'number' },
  { abbrev: 'frame.len', name: 'Frame length on the wire', type: 'uint', base: 'dec', indexed: 'wirelen' },
  { abbrev: 'frame.cap_len', name: 'Frame length stored into the capture file', type: 'uint', base: 'dec', indexed: 'caplen' },
  // pcapng opt_comment of the packet (its own top-level node, as in Wireshark: comment-tree.ts).
  { abbrev: 'pkt_comment', name: 'Packet comments', type: 'protocol' },
  { abbrev: 'frame.comment', name: 'Comment', type: 'string' },
  { abbrev: 'frame.protocols', name: 'Protocols in frame', type: 'string', source: 'index', blurb: 'The protocol nodes of the tree, outermost first' },
  { abbrev: 'data', name: 'Data', type: 'protocol', blurb: 'Bytes no dissector decodes' },
  { abbrev: '_ws.expert', name: 'Expert Info', type: 'none' },
  { abbrev: '_ws.malformed', name: 'Malformed Packet', type: 'none' },
];
