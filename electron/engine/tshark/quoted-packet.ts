// Dissects an IP datagram that is not the frame's own (an ICMPv6 error's quoted packet) with
// our dissectors, as raw IP, and moves its nodes to where its bytes sit in the frame.
import { FrameDissector } from '../dissect/dissect-frame.js';
import type { FieldNode } from '../dissect/field-node.js';
import { createRegistry } from '../protocols/index.js';

const RAW_IPV4 = 228;
const RAW_IPV6 = 229;

function shift(nodes: readonly FieldNode[], by: number): FieldNode[] {
  return nodes.map((n) => {
    const m: FieldNode = { ...n, offset: n.offset + by };
    if (n.children) m.children = shift(n.children, by);
    return m;
  });
}

export class QuotedDissector {
  private readonly dissector = new FrameDissector(createRegistry());

  /** The datagram's protocol nodes (no frame node), with offsets into the frame. */
  dissect(frame: Uint8Array, offset: number, end: number, version: 4 | 6, number: number): FieldNode[] {
    const bytes = frame.subarray(offset, end);
    const tree = this.dissector.dissect(bytes, bytes.length, { number, linktype: version === 4 ? RAW_IPV4 : RAW_IPV6 }, true).tree ?? [];
    return shift(
      tree.filter((n) => n.field !== 'frame'),
      offset,
    );
  }
}
