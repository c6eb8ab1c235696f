// The display filters the Conversations and Endpoints windows apply ("Apply as Filter ›
// Selected › A ↔ B" and "…› A"), in the form Wireshark's own windows write them.
import type { ConvKindDto, ConversationDto, EndpointDto } from '../../../electron/shared/stats-dto.js';

const ADDR: Record<ConvKindDto, string> = { eth: 'eth.addr', ip: 'ip.addr', ipv6: 'ipv6.addr', tcp: 'ip.addr', udp: 'ip.addr' };

/** The address field of an endpoint: TCP/UDP over IPv6 use ipv6.addr. */
function addrField(kind: ConvKindDto, address: string): string {
  return (kind === 'tcp' || kind === 'udp') && address.includes(':') ? 'ipv6.addr' : ADDR[kind];
}

export function endpointFilter(kind: ConvKindDto, e: Pick<EndpointDto, 'address' | 'port'>): string {
  const a = `${addrField(kind, e.address)}==${e.address}`;
  return kind === 'tcp' || kind === 'udp' ? `${a} && ${kind}.port==${e.port}` : a;
}

export function conversationFilter(kind: ConvKindDto, c: Pick<ConversationDto, 'a' | 'b' | 'aPort' | 'bPort'>): string {
  if (kind === 'tcp' || kind === 'udp') return `${endpointFilter(kind, { address: c.a, port: c.aPort })} && ${endpointFilter(kind, { address: c.b, port: c.bPort })}`;
  return `${ADDR[kind]}==${c.a} && ${ADDR[kind]}==${c.b}`;
}
