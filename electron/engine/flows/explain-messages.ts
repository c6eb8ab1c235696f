// Labels and sentences for request/response flows: ARP (RFC 826), DHCP (RFC 2131),
// DNS (RFC 1035), ICMP/ICMPv6 (RFC 792/4443), plain UDP and IP.
import { seconds } from './ladder-event.js';

export const DHCP_NAMES: Readonly<Record<number, string>> = {
  1: 'DHCPDISCOVER',
  2: 'DHCPOFFER',
  3: 'DHCPREQUEST',
  4: 'DHCPDECLINE',
  5: 'DHCPACK',
  6: 'DHCPNAK',
  7: 'DHCPRELEASE',
  8: 'DHCPINFORM',
};

const RCODES: Readonly<Record<number, string>> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

/** What came before in the same flow, for "again" and "after 1.0 s". */
export interface MessageContext {
  readonly from: string;
  readonly to: string;
  /** Same message sent before by the same side: how many times, and seconds since the last one (-1 none). */
  readonly repeat: number;
  readonly sinceRepeat: number;
  /** Seconds since the request this answers (-1 when none). */
  readonly sinceRequest: number;
  readonly len: number;
}

const again = (m: MessageContext): string => (m.repeat > 0 ? ` again (try #${m.repeat + 1}, ${seconds(m.sinceRepeat)} after the last one)` : '');
const after = (m: MessageContext): string => (m.sinceRequest >= 0 ? ` after ${seconds(m.sinceRequest)}` : '');

export function arpLabel(op: number, sender: string, target: string): string {
  if (op === 1) return sender === target ? `gratuitous ${sender}` : `who-has ${target}`;
  if (op === 2) return `${sender} is-at`;
  return `op ${op}`;
}

export function explainArp(op: number, sender: string, target: string, m: MessageContext): string {
  if (op === 1 && sender === target) return `${sender} announces its own address to everyone (gratuitous ARP): caches update, and a duplicate would answer`;
  if (op === 1) return `${sender} broadcasts "who has ${target}? tell ${sender}"${again(m)}`;
  if (op === 2) return `${sender} answers with its MAC address (is-at)${after(m)}; ${target} can now send to it`;
  return `ARP operation ${op}`;
}

export function explainDhcp(type: number, m: MessageContext, offered: string): string {
  switch (type) {
    case 1:
      return `The client broadcasts DHCPDISCOVER to find a DHCP server${again(m)}`;
    case 2:
      return `The server offers ${offered ? `address ${offered}` : 'an address'} (DHCPOFFER)${after(m)}`;
    case 3:
      return `The client requests the offered address (DHCPREQUEST)${again(m)}`;
    case 4:
      return 'The client declines the address (DHCPDECLINE): it found it already in use';
    case 5:
      return `The server confirms (DHCPACK)${after(m)}: the lease is the client's, and it may configure the address`;
    case 6:
      return 'The server refuses the request (DHCPNAK): the client must start over with DHCPDISCOVER';
    case 7:
      return 'The client gives its address back (DHCPRELEASE); no answer is expected';
    case 8:
      return 'The client asks for configuration only (DHCPINFORM): it already has an address';
    default:
      return 'A BOOTP message without a DHCP message type (plain BOOTP)';
  }
}

export function dnsLabel(code: number): string {
  return code >> 4 ? `response ${RCODES[code & 15] ?? `rcode ${code & 15}`}` : 'query';
}

export function explainDns(code: number, id: number, m: MessageContext): string {
  if (!(code >> 4)) return `The client asks the DNS server (query id 0x${id.toString(16).padStart(4, '0')})${again(m)}`;
  const rc = code & 15;
  if (rc === 0) return `The server answers (NOERROR)${after(m)}`;
  if (rc === 3) return `The server answers NXDOMAIN${after(m)}: the name does not exist`;
  if (rc === 5) return `The server refuses to answer (REFUSED)${after(m)}`;
  if (rc === 2) return `The server failed to find an answer (SERVFAIL)${after(m)}`;
  return `The server answers with ${RCODES[rc] ?? `RCODE ${rc}`}${after(m)}`;
}

export function icmpLabel(v6: boolean, type: number, code: number): string {
  if (!v6) {
    if (type === 8) return 'echo request';
    if (type === 0) return 'echo reply';
    if (type === 3) return `unreachable/${code}`;
    if (type === 11) return 'time exceeded';
    return `type ${type}/${code}`;
  }
  if (type === 128) return 'echo request';
  if (type === 129) return 'echo reply';
  if (type === 1) return `unreachable/${code}`;
  if (type === 2) return 'packet too big';
  if (type === 3) return 'time exceeded';
  if (type === 135) return 'neighbor solicitation';
  if (type === 136) return 'neighbor advertisement';
  return `type ${type}/${code}`;
}

const UNREACH4: Readonly<Record<number, string>> = { 0: 'network', 1: 'host', 3: 'port', 4: 'fragmentation needed (DF set)', 13: 'administratively prohibited' };
const UNREACH6: Readonly<Record<number, string>> = { 0: 'no route', 1: 'administratively prohibited', 3: 'address', 4: 'port' };

export function explainIcmp(v6: boolean, type: number, code: number, m: MessageContext): string {
  const label = icmpLabel(v6, type, code);
  if (label === 'echo request') return `${m.from} pings ${m.to} (echo request${m.len ? `, ${m.len} bytes` : ''})${again(m)}`;
  if (label === 'echo reply') return `${m.from} answers the ping (echo reply)${after(m)}`;
  if (label.startsWith('unreachable')) {
    const why = (v6 ? UNREACH6 : UNREACH4)[code] ?? `code ${code}`;
    return `${m.from} reports the destination unreachable (${why}) to ${m.to}`;
  }
  if (label === 'time exceeded') return `${m.from} reports that the TTL/hop limit ran out on the way: the packet was dropped`;
  if (label === 'packet too big') return `${m.from} reports that the packet is too big for the next link: the sender must use a smaller path MTU`;
  return `${m.from} sends ICMP${v6 ? 'v6' : ''} ${label}`;
}

export function explainDatagram(m: MessageContext): string {
  return m.sinceRequest >= 0 ? `${m.from} answers with ${m.len} bytes${after(m)}` : `${m.from} sends ${m.len} bytes to ${m.to}`;
}
