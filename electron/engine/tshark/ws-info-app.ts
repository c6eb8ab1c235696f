// Info column texts of the application protocols as Wireshark writes them: DNS (the
// questions, then every record's type and data), DHCP, HTTP.
import { typeText } from '../protocols/dns-types.js';
import type { FieldNode } from '../dissect/field-node.js';
import { headerEnd, headerValue, looksLikeHttp, parseHead } from './http-message.js';
import { childOf, childValue, findAll } from './tree-find.js';

const OPCODES: Record<number, string> = { 0: 'Standard query', 1: 'Inverse query', 2: 'Server status request', 4: 'Zone change notification', 5: 'Dynamic update' };
const RCODES: Record<number, string> = { 1: 'Format error', 2: 'Server failure', 3: 'No such name', 4: 'Not implemented', 5: 'Refused', 6: 'Name exists', 7: 'RRset exists', 8: 'RRset does not exist', 9: 'Not authoritative', 10: 'Name out of zone' };

/** The short name of a Type item's type ("SRV"), as the Info column writes it. */
function typeName(node: FieldNode | undefined): string {
  // The short name (the tree's Type item has Wireshark's long description).
  return node && typeof node.value === 'number' ? typeText(node.value) : `Unknown (${String(node?.value ?? '')})`;
}

/** What Wireshark appends for one resource record: its type, then its data for the common types. */
function rrText(rr: FieldNode): string {
  const type = Number(childValue(rr, 'dns.resp.type') ?? 0);
  const name = typeName(childOf(rr, 'dns.resp.type'));
  const v = (f: string): string => String(childValue(rr, f) ?? '');
  switch (type) {
    case 1:
      return `A ${v('dns.a')}`;
    case 2:
      return `NS ${v('dns.ns')}`;
    case 5:
      return `CNAME ${v('dns.cname')}`;
    case 6:
      return `SOA ${v('dns.soa.mname')}`;
    case 12:
      return `PTR ${v('dns.ptr.domain_name')}`;
    case 15:
      return `MX ${v('dns.mx.preference')} ${v('dns.mx.mail_exchange')}`;
    case 28:
      return `AAAA ${v('dns.aaaa')}`;
    case 33:
      return `SRV ${v('dns.srv.priority')} ${v('dns.srv.weight')} ${v('dns.srv.port')} ${v('dns.srv.target')}`;
    case 39:
      return `DNAME ${v('dns.dname')}`;
    default:
      return name;
  }
}

export function dnsInfo(dns: FieldNode): string {
  const flags = childOf(dns, 'dns.flags');
  const response = childValue(flags, 'dns.flags.response') === true;
  const opcode = Number(childValue(flags, 'dns.flags.opcode') ?? 0);
  const rcode = Number(childValue(flags, 'dns.flags.rcode') ?? 0);
  const id = Number(childValue(dns, 'dns.id') ?? 0);
  let s = `${OPCODES[opcode] ?? `Unknown operation (${opcode})`}${response ? ' response' : ''} 0x${id.toString(16).padStart(4, '0')}`;
  if (response && rcode !== 0) s += ` ${RCODES[rcode] ?? `Unknown error (${rcode})`}`;
  for (const q of findAll(dns.children, 'dns.qry')) s += ` ${typeName(childOf(q, 'dns.qry.type'))} ${String(childValue(q, 'dns.qry.name') ?? '')}`;
  for (const rr of findAll(dns.children, 'dns.rr')) s += ` ${rrText(rr)}`;
  return s;
}

const DHCP_TYPES = ['', 'Discover', 'Offer', 'Request', 'Decline', 'ACK', 'NAK', 'Release', 'Inform'];

export function dhcpInfo(dhcp: FieldNode): string {
  const type = Number(findAll(dhcp.children, 'dhcp.option.dhcp')[0]?.value ?? 0);
  const xid = Number(childValue(dhcp, 'dhcp.id') ?? 0);
  const name = DHCP_TYPES[type];
  if (!name) {
    // Wireshark names the client by its address ("resolved" to itself with -n).
    const mac = String(childValue(dhcp, 'dhcp.hw.mac_addr') ?? '');
    return Number(childValue(dhcp, 'dhcp.type') ?? 1) === 1 ? `Boot Request from ${mac} (${mac})` : 'Boot Reply';
  }
  return `DHCP ${name.padEnd(8)} - Transaction ID 0x${xid.toString(16)}`;
}

function firstLine(b: Uint8Array): string | null {
  for (let k = 0; k < b.length; k++) {
    if (b[k] === 10) return String.fromCharCode(...b.subarray(0, k > 0 && b[k - 1] === 13 ? k - 1 : k));
  }
  return null;
}

/**
 * An HTTP message: its first line and a space, then the media type of its body; a piece of
 * a body alone is "Continuation"; a message cut by the snapshot length says so.
 */
export function httpInfo(msg: Uint8Array, truncated: boolean): string {
  if (!looksLikeHttp(msg)) return 'Continuation';
  const line = firstLine(msg);
  if (line === null) return truncated ? '[Packet size limited during capture]' : 'Continuation';
  if (truncated && headerEnd(msg) < 0) return `${line} [Packet size limited during capture]`;
  const head = parseHead(msg);
  const type = head ? headerValue(head, 'content-type') : undefined;
  const body = head ? msg.length - head.headerLength : 0;
  return `${line} ${type && body > 0 ? ` (${type.split(';')[0]!.trim()})` : ''}`;
}
