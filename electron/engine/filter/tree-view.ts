// One packet's detail tree seen by the filter: the nodes of the fields an expression needs,
// in tree order, gathered in one walk. Aliases (ip.addr = ip.src or ip.dst) collect the
// nodes of the fields they stand for; frame.protocols is the chain of protocol nodes.
import type { FieldNode } from '../dissect/field-node.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { lookupField } from './field-registry.js';

/** What the slow path is given besides the tree: the index row (for fields that span packets) and the bytes. */
export interface FrameInfo {
  readonly index: CaptureIndex;
  /** Row of the packet in the index (frame number - 1). */
  readonly i: number;
  /** The packet's captured bytes (for protocols, byte fields and slices). */
  readonly data: Uint8Array;
}

export interface TreeView {
  readonly nodes: ReadonlyMap<string, readonly FieldNode[]>;
  readonly data: Uint8Array;
  readonly protocols: string;
}

/** Which tree fields feed which filter fields (an alias is fed by the fields it stands for). */
export function treeFeeds(fields: Iterable<string>): Map<string, string[]> {
  const feeds = new Map<string, string[]>();
  const add = (from: string, to: string): void => {
    const l = feeds.get(from);
    if (l) l.push(to);
    else feeds.set(from, [to]);
  };
  for (const name of fields) {
    const def = lookupField(name);
    if (!def) continue;
    if (def.source.kind === 'alias') for (const of of def.source.of) add(of, name);
    else if (def.source.kind === 'tree') add(name, name);
  }
  return feeds;
}

const ETHERTYPE_AFTER = new Set(['eth', 'sll', 'vlan', 'ieee8021ad']);

export function buildTreeView(tree: readonly FieldNode[], data: Uint8Array, feeds: ReadonlyMap<string, readonly string[]>, wantProtocols: boolean): TreeView {
  const nodes = new Map<string, FieldNode[]>();
  const protos: string[] = [];
  const walk = (list: readonly FieldNode[]): void => {
    for (const n of list) {
      const to = feeds.get(n.field);
      if (to) {
        for (const name of to) {
          const l = nodes.get(name);
          if (l) l.push(n);
          else nodes.set(name, [n]);
        }
      }
      if (wantProtocols && n.field !== 'frame' && lookupField(n.field)?.type === 'protocol') {
        protos.push(n.field);
        // Wireshark lists the ethertype hand-off as a layer of its own.
        if (ETHERTYPE_AFTER.has(n.field)) protos.push('ethertype');
      }
      if (n.children) walk(n.children);
    }
  };
  walk(tree);
  return { nodes, data, protocols: protos.join(':') };
}
