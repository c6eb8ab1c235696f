// A packet's pcapng comments as Wireshark shows them: a "Packet comments" node (pkt_comment)
// at the top of the tree, before the frame, with one frame.comment item per comment. The
// comments live beside the capture (PacketExtras, the reader's record), not in the packet's
// bytes, so the node points at no bytes.
import type { FieldNode } from './field-node.js';

/** Label of Wireshark's pkt_comment tree item. */
export const COMMENTS_LABEL = 'Packet comments';

/** The pkt_comment node of `comments`, or null when there are none. */
export function commentTree(comments: readonly string[] | undefined): FieldNode | null {
  if (!comments?.length) return null;
  return {
    field: 'pkt_comment',
    label: COMMENTS_LABEL,
    offset: 0,
    length: 0,
    children: comments.map((c) => ({ field: 'frame.comment', label: c, offset: 0, length: 0, value: c })),
  };
}

/** `tree` with the comments' node in front (the same array when there are no comments). */
export function withComments<T extends FieldNode[] | null>(tree: T, comments: readonly string[] | undefined): T {
  const node = commentTree(comments);
  if (!node || !tree) return tree;
  tree.unshift(node);
  return tree;
}
