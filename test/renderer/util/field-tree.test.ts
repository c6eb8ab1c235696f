import { describe, expect, it } from 'vitest';
import { ancestors, deepestAt, expandKey, flaggedRanges, flattenTree, nodeAt } from '../../../renderer/src/util/field-tree.js';
import { detailOf } from '../support/synthetic-capture.js';

describe('detail tree flattening and byte lookup', () => {
  const d = detailOf(3);
  it('shows top-level nodes collapsed, children when expanded (kept by depth and field)', () => {
    expect(flattenTree(d.tree, new Set()).map((r) => r.node.field)).toEqual(['frame', 'eth', 'ip', 'tcp']);
    const rows = flattenTree(d.tree, new Set([expandKey('3', d.tree[3]!)]));
    expect(rows.map((r) => r.node.field)).toContain('tcp.flags');
    expect(rows.find((r) => r.node.field === 'tcp.srcport')).toMatchObject({ depth: 1, parent: '3' });
  });
  it('a byte selects the deepest field that covers it', () => {
    expect(nodeAt(d.tree, deepestAt(d.tree, 47)!)!.field).toBe('tcp.flags.syn');
    expect(nodeAt(d.tree, deepestAt(d.tree, 27)!)!.field).toBe('ip.src');
    expect(nodeAt(d.tree, deepestAt(d.tree, 13)!)!.field).toBe('eth.type');
    expect(ancestors('3.3.0')).toEqual(['3', '3.3']);
  });
  it('a payload byte selects the TCP payload or the application field, never "Frame"', () => {
    // As our dissectors build it: the tcp node spans its header, its payload child lies after it.
    const tree = [
      { field: 'frame', label: 'Frame 4', offset: 0, length: 100 },
      { field: 'eth', label: 'Ethernet II', offset: 0, length: 14 },
      { field: 'ip', label: 'IPv4', offset: 14, length: 20 },
      {
        field: 'tcp',
        label: 'TCP',
        offset: 34,
        length: 20,
        children: [
          { field: 'tcp.srcport', label: 'Source Port', offset: 34, length: 2 },
          { field: 'tcp.len', label: 'TCP Segment Len: 46', offset: 34, length: 0 },
          { field: 'tcp.payload', label: 'TCP payload (46 bytes)', offset: 54, length: 46 },
        ],
      },
    ];
    expect(nodeAt(tree, deepestAt(tree, 60)!)!.field).toBe('tcp.payload');
    expect(nodeAt(tree, deepestAt(tree, 35)!)!.field).toBe('tcp.srcport');
    // An application protocol after it wins, as in Wireshark (the last field covering the byte).
    const http = [...tree, { field: 'http', label: 'HTTP', offset: 54, length: 46, children: [{ field: 'http.request.line', label: 'GET / HTTP/1.1', offset: 54, length: 16 }] }];
    expect(nodeAt(http, deepestAt(http, 60)!)!.field).toBe('http.request.line');
    expect(nodeAt(http, deepestAt(http, 80)!)!.field).toBe('http');
  });
  it('collects truncated and expert byte ranges for the hex pane', () => {
    const tree = [{ field: 'tcp', label: 'TCP', offset: 0, length: 20, truncated: true }, { field: 'x', label: 'x', offset: 30, length: 2, expert: { severity: 'error' as const, group: 'Malformed', message: 'bad' } }];
    expect(flaggedRanges(tree)).toEqual([{ offset: 0, length: 20, kind: 'truncated' }, { offset: 30, length: 2, kind: 'error' }]);
  });
});
