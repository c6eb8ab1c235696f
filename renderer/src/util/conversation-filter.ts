// Wireshark's "Conversation Filter": the display filter that selects one flow, built
// from its endpoints the way Wireshark's own menu builds it, or the engine's own for a flow
// its endpoints do not pick out (a DHCP transaction: dhcp.id).
import type { FlowDto } from '../../../electron/shared/dto.js';

interface Endpoint {
  addr: string;
  port?: string;
}

function parseEndpoint(s: string): Endpoint {
  const v6 = /^\[(.+)\]:(\d+)$/.exec(s);
  if (v6) return { addr: v6[1]!, port: v6[2]! };
  const v4 = /^([\d.]+):(\d+)$/.exec(s);
  if (v4) return { addr: v4[1]!, port: v4[2]! };
  return { addr: s };
}

export function conversationFilter(flow: FlowDto): string {
  if (flow.filter) return flow.filter;
  const a = parseEndpoint(flow.a);
  const b = parseEndpoint(flow.b);
  const ip = a.addr.includes(':') ? 'ipv6.addr' : 'ip.addr';
  if (flow.kind === 'arp') return `arp && (arp.src.proto_ipv4 == ${a.addr} || arp.dst.proto_ipv4 == ${a.addr})`;
  const hosts = `${ip} == ${a.addr} && ${ip} == ${b.addr}`;
  const l4 = flow.kind === 'tcp' ? 'tcp' : flow.kind === 'udp' || flow.kind === 'dns' || flow.kind === 'dhcp' ? 'udp' : undefined;
  if (l4 && a.port && b.port) return `${hosts} && ${l4}.port == ${a.port} && ${l4}.port == ${b.port}`;
  // A DHCP flow from a host that does not say its transaction: every DHCP packet is the closest.
  if (flow.kind === 'dhcp') return 'dhcp';
  if (flow.kind === 'icmp' || flow.kind === 'icmpv6') return `${hosts} && ${flow.kind}`;
  return hosts;
}
