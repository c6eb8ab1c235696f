// The dispatch tables (dissect/registry.ts) and the protocol index that fills them
// (protocols/index.ts): exact tables, port priorities in tcpdump's tcp_print/udp_print order,
// lookups by name.
import { describe, expect, it } from 'vitest';
import type { Dissector } from '../../../electron/engine/dissect/dissector.js';
import { Registry } from '../../../electron/engine/dissect/registry.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';

const d = (name: string): Dissector => ({ name, dissect: () => undefined });

describe('Registry', () => {
  it('looks up exact tables and nothing else', () => {
    const a = d('a');
    const r = new Registry().register('ethertype', 0x0800, a);
    expect(r.lookup('ethertype', 0x0800)).toBe(a);
    expect(r.lookup('ethertype', 0x86dd)).toBeUndefined();
    expect(r.lookup('ipproto', 0x0800)).toBeUndefined();
    expect(r.lookup('linktype', 0x0800)).toBeUndefined();
  });

  it('prefers the higher-priority (lower number) port, and either port alone', () => {
    const http = d('http');
    const ftp = d('ftp');
    const r = new Registry().register('tcpport', 80, http, 11).register('tcpport', 21, ftp, 10);
    expect(r.lookupPorts('tcpport', 80, 21)).toBe(ftp);
    expect(r.lookupPorts('tcpport', 21, 80)).toBe(ftp);
    expect(r.lookupPorts('tcpport', 40000, 80)).toBe(http);
    expect(r.lookupPorts('tcpport', 80, 40000)).toBe(http);
    expect(r.lookupPorts('tcpport', 1, 2)).toBeUndefined();
    expect(r.lookupPorts('udpport', 80, 21)).toBeUndefined();
    // Equal priorities: the source port wins, as in tcpdump's IS_SRC_OR_DST_PORT chain order.
    const same = new Registry().register('udpport', 1, d('one'), 5).register('udpport', 2, d('two'), 5);
    expect(same.lookupPorts('udpport', 2, 1)?.name).toBe('two');
  });

  it('finds every registered or named dissector by name', () => {
    const x = d('x');
    const r = new Registry().register('ipproto', 6, d('tcp')).named(x);
    expect(r.byNameOf('x')).toBe(x);
    expect(r.byNameOf('tcp')?.name).toBe('tcp');
    expect(r.byNameOf('nope')).toBeUndefined();
  });
});

describe('the protocol index', () => {
  const r = createRegistry();
  it('dispatches link types, ethertypes and IP protocols to the dissectors tcpdump uses', () => {
    const name = (t: 'linktype' | 'ethertype' | 'ipproto', k: number): string | undefined => r.lookup(t, k)?.name;
    expect([0, 1, 12, 14, 101, 108, 113, 228, 229, 276].map((k) => name('linktype', k))).toEqual([
      'null', 'ether', 'raw', 'raw', 'raw', 'loop', 'sll', 'ipv4-link', 'ipv6-link', 'sll2',
    ]);
    expect([0x0800, 0x86dd, 0x0806, 0x8035].map((k) => name('ethertype', k))).toEqual(['ip', 'ip6', 'arp', 'arp']);
    expect([1, 4, 6, 17, 41, 58, 108].map((k) => name('ipproto', k))).toEqual(['icmp', 'ip', 'tcp', 'udp', 'ip6', 'icmp6', 'ipcomp']);
    expect(name('linktype', 147)).toBeUndefined();
  });

  it('orders TCP ports like tcp_print: SMTP, WHOIS, SSH, FTP, HTTP, RTSP, DNS', () => {
    const port = (a: number, b: number): string | undefined => r.lookupPorts('tcpport', a, b)?.name;
    expect(port(25, 43)).toBe('smtp');
    expect(port(43, 22)).toBe('whois');
    expect(port(22, 21)).toBe('ssh');
    expect(port(21, 80)).toBe('ftp');
    expect(port(80, 554)).toBe('http');
    expect(port(8080, 8554)).toBe('http');
    expect(port(554, 53)).toBe('rtsp');
    expect(port(53, 40000)).toBe('domain-tcp');
  });

  it('orders UDP ports like udp_print: DNS, then mDNS, then BOOTP', () => {
    expect(r.lookupPorts('udpport', 53, 67)?.name).toBe('domain');
    expect(r.lookupPorts('udpport', 5353, 53)?.name).toBe('domain');
    expect(r.lookupPorts('udpport', 68, 5353)?.name).toBe('mdns');
    expect(r.lookupPorts('udpport', 68, 40000)?.name).toBe('bootp');
  });
});
