// Wireshark's DHCP tree where it differs from our detail tree (packet-dhcp.c, 4.0): every
// option with a value also has a hidden dhcp.option.value (its bytes), the End option's
// dhcp.option.type item holds 0 (its label still says 255), and the bytes after End are
// one dhcp.option.padding item.
import type { FieldNode } from '../dissect/field-node.js';
import { childValue } from './tree-find.js';

/** Nodes Wireshark keeps hidden: in the tree for filters and -T fields, never printed (-V). */
export const HIDDEN_NODES = new WeakSet<FieldNode>();

function hidden(n: FieldNode): FieldNode {
  HIDDEN_NODES.add(n);
  return n;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** The DHCP node as Wireshark's tree has it (a new node; ours is left as it is). */
export function wsDhcp(dhcp: FieldNode, data: Uint8Array): FieldNode {
  const kids = dhcp.children ?? [];
  const out: FieldNode[] = [];
  let end: FieldNode | undefined;
  for (const c of kids) {
    if (c.field !== 'dhcp.option.type') {
      out.push(c);
      continue;
    }
    if (c.value === 255) {
      end = { ...c, value: 0 };
      out.push(end);
      continue;
    }
    const len = Number(childValue(c, 'dhcp.option.length') ?? 0);
    const has = (c.children ?? []).some((x) => x.field === 'dhcp.option.value');
    if (len === 0 || has || c.value === 0) {
      out.push(c);
      continue;
    }
    const bytes = data.subarray(c.offset + 2, Math.min(data.length, c.offset + 2 + len));
    const value = hidden({ field: 'dhcp.option.value', label: `Value: ${hex(bytes)}`, offset: c.offset + 2, length: len });
    const [length, ...rest] = c.children ?? [];
    out.push({ ...c, children: length ? [length, value, ...rest] : [value] });
  }
  if (end) {
    const from = end.offset + 1;
    const to = Math.min(data.length, dhcp.offset + dhcp.length);
    // A bytes item shows its first 36 bytes, then an ellipsis.
    const shown = `${hex(data.subarray(from, Math.min(to, from + 36)))}${to - from > 36 ? '\u2026' : ''}`;
    if (to > from) out.push({ field: 'dhcp.option.padding', label: `Padding: ${shown}`, offset: from, length: to - from });
  }
  return { ...dhcp, children: out };
}
