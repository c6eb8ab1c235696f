import { describe, expect, it } from 'vitest';
import { conversationFilter, endpointFilter } from '../../../renderer/src/util/stats-filter.js';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';

describe('Conversations / Endpoints filters', () => {
  it('writes them as Wireshark does, and our filter engine reads them', () => {
    const cases = [
      conversationFilter('ip', { a: '192.0.2.10', b: '192.0.2.20', aPort: 0, bPort: 0 }),
      conversationFilter('eth', { a: '02:00:00:0a:00:10', b: 'ff:ff:ff:ff:ff:ff', aPort: 0, bPort: 0 }),
      conversationFilter('tcp', { a: '192.0.2.10', b: '192.0.2.20', aPort: 56368, bPort: 80 }),
      conversationFilter('udp', { a: '2001:db8::1', b: '2001:db8::2', aPort: 53, bPort: 5353 }),
      conversationFilter('ipv6', { a: '2001:db8::1', b: '2001:db8::2', aPort: 0, bPort: 0 }),
      endpointFilter('tcp', { address: '192.0.2.10', port: 80 }),
      endpointFilter('ip', { address: '192.0.2.10', port: 0 }),
    ];
    expect(cases).toEqual([
      'ip.addr==192.0.2.10 && ip.addr==192.0.2.20',
      'eth.addr==02:00:00:0a:00:10 && eth.addr==ff:ff:ff:ff:ff:ff',
      'ip.addr==192.0.2.10 && tcp.port==56368 && ip.addr==192.0.2.20 && tcp.port==80',
      'ipv6.addr==2001:db8::1 && udp.port==53 && ipv6.addr==2001:db8::2 && udp.port==5353',
      'ipv6.addr==2001:db8::1 && ipv6.addr==2001:db8::2',
      'ip.addr==192.0.2.10 && tcp.port==80',
      'ip.addr==192.0.2.10',
    ]);
    for (const f of cases) expect(compileFilter(f).ok, f).toBe(true);
  });
});
