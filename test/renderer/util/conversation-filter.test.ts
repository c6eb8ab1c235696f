import { describe, expect, it } from 'vitest';
import { conversationFilter } from '../../../renderer/src/util/conversation-filter.js';
import { flowDtoOf } from '../support/synthetic-capture.js';

describe('conversation filter (Wireshark → Conversation Filter)', () => {
  it('TCP by both addresses and both ports', () => {
    expect(conversationFilter(flowDtoOf(2, 100))).toBe('ip.addr == 192.0.2.10 && ip.addr == 192.0.2.20 && tcp.port == 49152 && tcp.port == 80');
  });
  it('IPv6 endpoints in brackets', () => {
    const f = { ...flowDtoOf(2, 100), a: '[2001:db8::1]:5000', b: '[2001:db8::2]:443' };
    expect(conversationFilter(f)).toBe('ipv6.addr == 2001:db8::1 && ipv6.addr == 2001:db8::2 && tcp.port == 5000 && tcp.port == 443');
  });
  it('a flow that carries its own filter (a DHCP transaction) is filtered by it, not by every dhcp packet', () => {
    const f = { ...flowDtoOf(2, 100), kind: 'dhcp' as const, a: '02:00:00:0a:00:6a', b: '192.0.2.20', filter: 'dhcp.id == 0x532bd009' };
    expect(conversationFilter(f)).toBe('dhcp.id == 0x532bd009');
  });
});
