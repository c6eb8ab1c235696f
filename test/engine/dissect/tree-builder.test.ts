// TreeBuilder (dissect/tree-builder.ts): nesting, closing back after a truncation unwinds,
// expert nodes attached where the dissector is.
import { describe, expect, it } from 'vitest';
import { TreeBuilder } from '../../../electron/engine/dissect/tree-builder.js';

describe('TreeBuilder', () => {
  it('nests nodes under the open subtree and returns to the parent on close', () => {
    const t = new TreeBuilder();
    t.open('eth', 'Ethernet II', 0, 14);
    t.add('eth.dst', 'Destination', 0, 6, '02:00:00:0a:00:20');
    t.close();
    const ip = t.open('ip', 'IPv4', 14, 20);
    expect(t.depth).toBe(1);
    expect(t.current).toBe(ip);
    t.open('ip.flags', 'Flags', 20, 1, 2);
    t.add('ip.flags.df', 'DF', 20, 1, true);
    t.close();
    t.close();
    expect(t.depth).toBe(0);
    expect(t.current).toBeUndefined();
    expect(t.roots.map((n) => n.field)).toEqual(['eth', 'ip']);
    expect(t.roots[1]!.children!.map((n) => n.field)).toEqual(['ip.flags']);
    expect(t.roots[1]!.children![0]!.children).toEqual([{ field: 'ip.flags.df', label: 'DF', offset: 20, length: 1, value: true }]);
    expect(t.roots[0]!.children![0]).toEqual({ field: 'eth.dst', label: 'Destination', offset: 0, length: 6, value: '02:00:00:0a:00:20' });
    expect('value' in t.roots[0]!).toBe(false);
  });

  it('closes every subtree deeper than a depth, and never below the roots', () => {
    const t = new TreeBuilder();
    t.open('a', 'a', 0, 1);
    t.open('b', 'b', 0, 1);
    t.open('c', 'c', 0, 1);
    t.closeTo(1);
    expect(t.current?.field).toBe('a');
    t.closeTo(5);
    expect(t.depth).toBe(1);
    t.closeTo(0);
    t.close();
    expect(t.depth).toBe(0);
    t.add('d', 'd', 1, 0);
    expect(t.roots.map((n) => n.field)).toEqual(['a', 'd']);
  });

  it('attaches expert items as _ws.expert nodes under the open subtree', () => {
    const t = new TreeBuilder();
    t.open('tcp', 'TCP', 34, 20);
    const info = { severity: 'error' as const, group: 'malformed', message: '[Malformed Packet: tcp] bad' };
    const n = t.expert(info, 46, 1);
    expect(n).toEqual({ field: '_ws.expert', label: info.message, offset: 46, length: 1, expert: info });
    expect(t.roots[0]!.children).toEqual([n]);
  });
});
