// A field's occurrences in one packet, in tree order: the detail tree's nodes of that name
// (an alias collects the nodes of the fields it stands for), or the values the capture index
// computes (tcp.stream, tcp.analysis.*, frame times). The same lookup the display filter
// makes, for the views that print or count fields.
import type { FieldNode } from '../dissect/field-node.js';
import { lookupField } from '../filter/field-registry.js';
import { derivedGetter } from '../filter/index-fields.js';
import { nodeValue, type Val } from '../filter/values.js';
import type { PacketBase } from './tap.js';

export interface FieldOccurrence {
  /** The tree node, when the value comes from the tree. */
  readonly node?: FieldNode;
  readonly value: Val;
}

function collect(nodes: readonly FieldNode[], names: ReadonlySet<string>, out: FieldNode[]): void {
  for (const n of nodes) {
    if (names.has(n.field)) out.push(n);
    if (n.children) collect(n.children, names, out);
  }
}

/** Every occurrence of `name` in the packet (none when the field is unknown or absent). */
export function fieldOccurrences(name: string, p: PacketBase): FieldOccurrence[] {
  const def = lookupField(name);
  if (!def) return [];
  if (def.source.kind === 'index') {
    const get = derivedGetter(name);
    if (!get) return [];
    const vals: Val[] = [];
    get(p.index, p.i, vals);
    return vals.map((value) => ({ value }));
  }
  const nodes: FieldNode[] = [];
  collect(p.tree, new Set(def.source.kind === 'alias' ? def.source.of : [name]), nodes);
  const out: FieldOccurrence[] = [];
  for (const node of nodes) {
    const value = nodeValue(def.type, node, p.data);
    if (value !== undefined) out.push({ node, value });
  }
  return out;
}

export function fieldValues(name: string, p: PacketBase): Val[] {
  return fieldOccurrences(name, p).map((o) => o.value);
}
