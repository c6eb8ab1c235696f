// NameResolver: DNS-learned hosts (latest record wins, only with network names on), the
// Info column's port form, and the tree labels `name (value)` as tshark -V -N prints them.
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { MacNames } from '../../../electron/engine/names/mac-names.js';
import { parseNameFlags } from '../../../electron/engine/names/name-flags.js';
import { NameResolver } from '../../../electron/engine/names/name-resolver.js';

const node = (field: string, label: string, value?: string | number, children?: FieldNode[]): FieldNode => ({ field, label, offset: 0, length: 0, ...(value !== undefined ? { value } : {}), ...(children ? { children } : {}) });
const answer = (name: string, addr: string): FieldNode => node('dns.rr', `${name}: type A`, undefined, [node('dns.resp.name', `Name: ${name}`, name), node('dns.a', `Address: ${addr}`, addr)]);
const dns = (...rrs: FieldNode[]): FieldNode[] => [node('dns', 'Domain Name System (response)', undefined, [node('dns.answers', 'Answers', undefined, rrs)])];
const macs = new MacNames(() => ({}));

describe('NameResolver', () => {
  it('names an address from DNS answers only with network names on, the latest answer winning', () => {
    const on = new NameResolver(parseNameFlags('nd'), macs);
    const off = new NameResolver(parseNameFlags('mt'), macs);
    for (const r of [on, off]) {
      r.learn(dns(answer('www.example.test', '192.0.2.80')));
      r.learn(dns(answer('web.example.test', '192.0.2.80')));
    }
    expect(on.address('192.0.2.80')).toBe('web.example.test');
    expect(on.address('192.0.2.81')).toBe('192.0.2.81');
    expect(off.address('192.0.2.80')).toBe('192.0.2.80');
  });

  it('writes ports as the Info column does', () => {
    const r = new NameResolver(parseNameFlags('t'), macs);
    expect(r.port('tcp', 53)).toBe('domain(53)');
    expect(r.port('udp', 33434)).toBe('traceroute(33434)');
    expect(r.port('tcp', 43507)).toBe('43507');
    expect(new NameResolver(parseNameFlags(''), macs).port('tcp', 53)).toBe('53');
  });

  it('labels tree fields `name (value)` and leaves the values alone', () => {
    const r = new NameResolver(parseNameFlags('mt'), macs);
    const tree = [
      node('eth', 'Ethernet II, Src: 02:00:00:0a:00:10, Dst: ff:ff:ff:ff:ff:ff', undefined, [node('eth.dst', 'Destination: ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff'), node('eth.src', 'Source: 02:00:00:0a:00:10', '02:00:00:0a:00:10')]),
      node('tcp', 'Transmission Control Protocol, Src Port: 43507, Dst Port: 53, Seq: 0, Len: 0', undefined, [node('tcp.srcport', 'Source Port: 43507', 43507), node('tcp.dstport', 'Destination Port: 53', 53)]),
    ];
    const out = r.tree(tree);
    expect(out[0]!.label).toBe('Ethernet II, Src: 02:00:00:0a:00:10 (02:00:00:0a:00:10), Dst: Broadcast (ff:ff:ff:ff:ff:ff)');
    expect(out[0]!.children!.map((c) => c.label)).toEqual(['Destination: Broadcast (ff:ff:ff:ff:ff:ff)', 'Source: 02:00:00:0a:00:10 (02:00:00:0a:00:10)']);
    expect(out[1]!.label).toBe('Transmission Control Protocol, Src Port: 43507 (43507), Dst Port: domain (53), Seq: 0, Len: 0');
    expect(out[1]!.children!.map((c) => [c.label, c.value])).toEqual([['Source Port: 43507 (43507)', 43507], ['Destination Port: domain (53)', 53]]);
    expect(tree[1]!.label).toContain('Src Port: 43507,');
  });
});
