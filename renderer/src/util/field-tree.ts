// The detail tree as Vitest's UI draws its tree: flattened into one list of visible rows
// with an indent, rebuilt when something expands, and virtualized by the pane.
import type { FieldNodeDto } from '../../../electron/shared/dto.js';

export interface TreeRow {
  /** Path of child positions ("2.0.3"): stable while the packet is shown. */
  id: string;
  depth: number;
  node: FieldNodeDto;
  parent: string | undefined;
  expandable: boolean;
  expanded: boolean;
}

/** Wireshark remembers expanded subtrees by field, so the next packet opens the same way. */
export function expandKey(path: string, node: FieldNodeDto): string {
  return `${path.split('.').length}:${node.field}`;
}

export function flattenTree(tree: readonly FieldNodeDto[], expanded: ReadonlySet<string>): TreeRow[] {
  const out: TreeRow[] = [];
  const walk = (nodes: readonly FieldNodeDto[], depth: number, prefix: string, parent: string | undefined): void => {
    nodes.forEach((node, i) => {
      const id = prefix ? `${prefix}.${i}` : String(i);
      const expandable = (node.children?.length ?? 0) > 0;
      const open = expandable && expanded.has(expandKey(id, node));
      out.push({ id, depth, node, parent, expandable, expanded: open });
      if (open) walk(node.children!, depth + 1, id, id);
    });
  };
  walk(tree, 0, '', undefined);
  return out;
}

export function nodeAt(tree: readonly FieldNodeDto[], id: string): FieldNodeDto | undefined {
  let nodes: readonly FieldNodeDto[] | undefined = tree;
  let node: FieldNodeDto | undefined;
  for (const part of id.split('.')) {
    node = nodes?.[Number(part)];
    nodes = node?.children;
  }
  return node;
}

/** Every expand key of a subtree (Shift+→, Ctrl+→). */
export function subtreeKeys(node: FieldNodeDto, id: string, out: Set<string>): void {
  if (!node.children?.length) return;
  out.add(expandKey(id, node));
  node.children.forEach((c, i) => subtreeKeys(c, `${id}.${i}`, out));
}

/**
 * The field a click on byte `offset` of the hex pane selects, as a path id: Wireshark's rule
 * (proto_find_field_from_offset), the last field in tree order whose bytes cover it. The whole
 * tree is searched, not only inside covering parents: a TCP node spans its header and its
 * payload child lies after it, and an application protocol follows at the top level.
 */
export function deepestAt(tree: readonly FieldNodeDto[], offset: number): string | undefined {
  let best: string | undefined;
  const walk = (nodes: readonly FieldNodeDto[], prefix: string): void => {
    nodes.forEach((n, i) => {
      const id = prefix ? `${prefix}.${i}` : String(i);
      if (n.length > 0 && offset >= n.offset && offset < n.offset + n.length) best = id;
      if (n.children) walk(n.children, id);
    });
  };
  walk(tree, '');
  return best;
}

/** Ids of the ancestors of `id` (to expand them so it becomes visible). */
export function ancestors(id: string): string[] {
  const parts = id.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Byte spans to mark as truncated / malformed / expert in the hex pane. */
export function flaggedRanges(tree: readonly FieldNodeDto[]): { offset: number; length: number; kind: 'truncated' | 'error' | 'warning' }[] {
  const out: { offset: number; length: number; kind: 'truncated' | 'error' | 'warning' }[] = [];
  const walk = (nodes: readonly FieldNodeDto[]): void => {
    for (const n of nodes) {
      if (n.truncated) out.push({ offset: n.offset, length: n.length, kind: 'truncated' });
      else if (n.expert && (n.expert.severity === 'error' || n.expert.severity === 'warning') && n.length > 0) out.push({ offset: n.offset, length: n.length, kind: n.expert.severity });
      if (n.children) walk(n.children);
    }
  };
  walk(tree);
  return out;
}
