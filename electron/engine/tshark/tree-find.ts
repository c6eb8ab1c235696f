// Small readers over a packet's detail tree, for the Wireshark views.
import type { FieldNode } from '../dissect/field-node.js';

/** The first direct child named `field`. */
export function childOf(node: FieldNode | undefined, field: string): FieldNode | undefined {
  return node?.children?.find((c) => c.field === field);
}

/** The value of the first direct child named `field`. */
export function childValue(node: FieldNode | undefined, field: string): string | number | boolean | undefined {
  return childOf(node, field)?.value;
}

/** The first node named `field`, depth first, in tree order. */
export function findNode(nodes: readonly FieldNode[] | undefined, field: string): FieldNode | undefined {
  if (!nodes) return undefined;
  for (const n of nodes) {
    if (n.field === field) return n;
    const d = findNode(n.children, field);
    if (d) return d;
  }
  return undefined;
}

/** Every node named `field`, depth first, in tree order. */
export function findAll(nodes: readonly FieldNode[] | undefined, field: string, out: FieldNode[] = []): FieldNode[] {
  if (!nodes) return out;
  for (const n of nodes) {
    if (n.field === field) out.push(n);
    findAll(n.children, field, out);
  }
  return out;
}

/** The top-level node named `field`. */
export function topLevel(tree: readonly FieldNode[], field: string): FieldNode | undefined {
  return tree.find((n) => n.field === field);
}
