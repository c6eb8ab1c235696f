// Wireshark-style detail nodes for BOOTP/DHCP (packet-dhcp.c field names) and the
// option scan the facts need at any verbosity. Not a dissector: bootp.ts calls these.
import type { Frame } from '../bytes/frame.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import { bitPattern, type FieldDecl, type FieldType } from '../dissect/field-decl.js';
import { ipv4String, macString } from '../format/addresses.js';
import { ndPrintn } from '../format/nd-print.js';
import { timeSecsText } from '../format/time-secs.js';
import { DHCP_MSG, TAG_END, TAG_PAD, tagInfo } from './bootp-tags.js';

export const BOOTP_FIXED_LEN = 236;
const MAGIC = 0x63825363;

export interface DhcpOption {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly offset: number;
  /** Value length (0 for PAD/END). */
  readonly length: number;
}

/** Options of the vendor area at `vend` (after the cookie), as far as they are captured. */
export function scanOptions(f: Frame, vend: number): DhcpOption[] {
  const out: DhcpOption[] = [];
  if (!f.has(vend, 4) || f.be32(vend) !== MAGIC) return out;
  // Each option consumes at least one byte, so this ends at the captured end.
  for (let p = vend + 4; f.has(p, 1); ) {
    const tag = f.u8(p);
    if (tag === TAG_PAD || tag === TAG_END) {
      out.push({ tag, offset: p, length: 0 });
      if (tag === TAG_END) break;
      p++;
      continue;
    }
    if (!f.has(p + 1, 1)) break;
    const len = f.u8(p + 1);
    if (!f.has(p + 2, len)) break;
    out.push({ tag, offset: p, length: len });
    p += 2 + len;
  }
  return out;
}

/** Wireshark's names for the common options; others use tcpdump's. */
const WS_OPTION: ReadonlyMap<number, [string, string, 'ip' | 'u32' | 'u16' | 'str' | null]> = new Map([
  [1, ['Subnet Mask', 'subnet_mask', 'ip']],
  [3, ['Router', 'router', 'ip']],
  [6, ['Domain Name Server', 'domain_name_server', 'ip']],
  [12, ['Host Name', 'hostname', 'str']],
  [15, ['Domain Name', 'domain_name', 'str']],
  [28, ['Broadcast Address', 'broadcast_address', 'ip']],
  [50, ['Requested IP Address', 'requested_ip_address', 'ip']],
  [51, ['IP Address Lease Time', 'ip_address_lease_time', 'u32']],
  [54, ['DHCP Server Identifier', 'dhcp_server_id', 'ip']],
  [57, ['Maximum DHCP Message Size', 'dhcp_max_message_size', 'u16']],
  [58, ['Renewal Time Value', 'renewal_time_value', 'u32']],
  [59, ['Rebinding Time Value', 'rebinding_time_value', 'u32']],
  [60, ['Vendor class identifier', 'vendor_class_id', 'str']],
]);

/** Options whose item shows its one address (packet-dhcp.c's ipv4 options, not the lists). */
const SINGLE_ADDRESS = new Set([1, 16, 28, 32, 50, 54]);

/** Options holding a time in seconds. */
const TIME_OPTIONS = new Set([51, 58, 59]);

/** Wireshark's names of other options seen in requests (packet-dhcp.c's opt table). */
const WS_OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [2, 'Time Offset'], [4, 'Time Server'], [5, 'Name Server'], [7, 'Log Server'], [26, 'Interface MTU'], [33, 'Static Route'],
  [40, 'Network Information Service Domain'], [41, 'Network Information Service Servers'], [42, 'Network Time Protocol Servers'],
  [43, 'Vendor-Specific Information'], [44, 'NetBIOS over TCP/IP Name Server'], [46, 'NetBIOS over TCP/IP Node Type'],
  [47, 'NetBIOS over TCP/IP Scope'], [55, 'Parameter Request List'], [61, 'Client identifier'], [66, 'TFTP Server Name'],
  [67, 'Bootfile name'], [77, 'User Class Information'], [91, 'Client last transaction time'], [92, 'Associated IP option'],
  [119, 'Domain Search'], [121, 'Classless Static Route'], [150, 'TFTP Server Address'],
]);

const hexOf = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

const OPTION_TYPES: Readonly<Record<'ip' | 'u32' | 'u16' | 'str', FieldType>> = { ip: 'ipv4', u32: 'uint', u16: 'uint', str: 'string' };

/** BOOTP/DHCP's fields: the fixed header's, then one per option WS_OPTION decodes. */
/** The index mode puts it for every BOOTP datagram it reads (the tree opens `dhcp` for each): the colour rule `dhcp` is answered from the index. */
export const DHCP_PROTOCOL: FieldDecl = { abbrev: 'dhcp', name: 'Dynamic Host Configuration Protocol', type: 'protocol', indexed: true };

export const BOOTP_FIELDS: readonly FieldDecl[] = [
  DHCP_PROTOCOL,
  { abbrev: 'dhcp.type', name: 'Message type', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.hw.type', name: 'Hardware type', type: 'uint', base: 'hex' },
  { abbrev: 'dhcp.hw.len', name: 'Hardware address length', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.hops', name: 'Hops', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.id', name: 'Transaction ID', type: 'uint', base: 'hex' },
  { abbrev: 'dhcp.secs', name: 'Seconds elapsed', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.flags', name: 'Bootp flags', type: 'uint', base: 'hex' },
  { abbrev: 'dhcp.flags.bc', name: 'Broadcast flag', type: 'bool', bitmask: 0x8000 },
  { abbrev: 'dhcp.ip.client', name: 'Client IP address', type: 'ipv4' },
  { abbrev: 'dhcp.ip.your', name: 'Your (client) IP address', type: 'ipv4' },
  { abbrev: 'dhcp.ip.server', name: 'Next server IP address', type: 'ipv4' },
  { abbrev: 'dhcp.ip.relay', name: 'Relay agent IP address', type: 'ipv4' },
  { abbrev: 'dhcp.hw.mac_addr', name: 'Client MAC address', type: 'ether' },
  { abbrev: 'dhcp.server', name: 'Server host name', type: 'string' },
  { abbrev: 'dhcp.file', name: 'Boot file name', type: 'string' },
  { abbrev: 'dhcp.cookie', name: 'Magic cookie', type: 'ipv4' },
  { abbrev: 'dhcp.option.type', name: 'Option', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.option.length', name: 'Length', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.option.value', name: 'Value', type: 'bytes' },
  { abbrev: 'dhcp.option.dhcp', name: 'DHCP', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.flags.reserved', name: 'Reserved flags', type: 'uint', base: 'hex', bitmask: 0x7fff },
  { abbrev: 'dhcp.hw.addr_padding', name: 'Client hardware address padding', type: 'bytes' },
  { abbrev: 'dhcp.option.request_list_item', name: 'Parameter Request List Item', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.option.end', name: 'Option End', type: 'uint', base: 'dec' },
  { abbrev: 'dhcp.option.padding', name: 'Padding', type: 'bytes' },
  ...[...WS_OPTION.values()].flatMap(([name, key, kind]): FieldDecl[] =>
    kind ? [{ abbrev: `dhcp.option.${key}`, name, type: OPTION_TYPES[kind], ...(kind === 'ip' || kind === 'str' ? {} : { base: 'dec' as const }) }] : [],
  ),
];

export function addBootpTree(ctx: DissectContext, bp: number, opts: readonly DhcpOption[], isDhcp: boolean): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  const d = f.data;
  const has = (o: number, n: number): boolean => f.has(bp + o, n);
  const node = t.open('dhcp', isDhcp ? 'Dynamic Host Configuration Protocol' : 'Bootstrap Protocol', bp, f.left(bp));
  const op = d[bp]!;
  t.add('dhcp.type', `Message type: ${op === 1 ? 'Boot Request' : op === 2 ? 'Boot Reply' : 'Unknown'} (${op})`, bp, 1, op);
  if (has(1, 3)) {
    const htype = d[bp + 1]!;
    t.add('dhcp.hw.type', `Hardware type: ${htype === 1 ? 'Ethernet' : 'Unknown'} (0x${htype.toString(16).padStart(2, '0')})`, bp + 1, 1, htype);
    t.add('dhcp.hw.len', `Hardware address length: ${d[bp + 2]!}`, bp + 2, 1, d[bp + 2]!);
    t.add('dhcp.hops', `Hops: ${d[bp + 3]!}`, bp + 3, 1, d[bp + 3]!);
  }
  if (has(4, 4)) {
    const xid = f.be32(bp + 4);
    t.add('dhcp.id', `Transaction ID: 0x${xid.toString(16).padStart(8, '0')}`, bp + 4, 4, xid);
  }
  if (has(8, 4)) {
    t.add('dhcp.secs', `Seconds elapsed: ${f.be16(bp + 8)}`, bp + 8, 2, f.be16(bp + 8));
    const flags = f.be16(bp + 10);
    t.open('dhcp.flags', `Bootp flags: 0x${flags.toString(16).padStart(4, '0')} (${flags & 0x8000 ? 'Broadcast' : 'Unicast'})`, bp + 10, 2, flags);
    t.add('dhcp.flags.bc', `${flags & 0x8000 ? 1 : 0}... .... .... .... = Broadcast flag: ${flags & 0x8000 ? 'Broadcast' : 'Unicast'}`, bp + 10, 2, !!(flags & 0x8000));
    const rsv = flags & 0x7fff;
    t.add('dhcp.flags.reserved', `${bitPattern(0x7fff, rsv, 2)} = Reserved flags: 0x${rsv.toString(16).padStart(4, '0')}`, bp + 10, 2, rsv);
    t.close();
  }
  const addrs: [string, string, number][] = [
    ['dhcp.ip.client', 'Client IP address', 12],
    ['dhcp.ip.your', 'Your (client) IP address', 16],
    ['dhcp.ip.server', 'Next server IP address', 20],
    ['dhcp.ip.relay', 'Relay agent IP address', 24],
  ];
  for (const [field, label, o] of addrs) {
    if (has(o, 4)) t.add(field, `${label}: ${ipv4String(d, bp + o)}`, bp + o, 4, ipv4String(d, bp + o));
  }
  if (has(28, 6)) {
    const mac = macString(d, bp + 28);
    t.add('dhcp.hw.mac_addr', `Client MAC address: ${mac}`, bp + 28, 6, mac);
    // The rest of the 16-byte chaddr field after a 6-byte Ethernet address.
    if (d[bp + 2] === 6 && has(34, 10)) t.add('dhcp.hw.addr_padding', `Client hardware address padding: ${hexOf(d.subarray(bp + 34, bp + 44))}`, bp + 34, 10);
  }
  if (has(44, 64)) {
    const s = ndPrintn(f, bp + 44, 64).text.replace(/(\^@)+$/, '');
    t.add('dhcp.server', d[bp + 44] ? `Server host name: ${s}` : 'Server host name not given', bp + 44, 64, s);
  }
  if (has(108, 128)) {
    const s = ndPrintn(f, bp + 108, 128).text.replace(/(\^@)+$/, '');
    t.add('dhcp.file', d[bp + 108] ? `Boot file name: ${s}` : 'Boot file name not given', bp + 108, 128, s);
  }
  if (has(BOOTP_FIXED_LEN, 4) && f.be32(bp + BOOTP_FIXED_LEN) === MAGIC) {
    t.add('dhcp.cookie', 'Magic cookie: DHCP', bp + BOOTP_FIXED_LEN, 4, MAGIC);
  }
  for (const o of opts) addOptionNode(ctx, o);
  // Wireshark names the message type on the protocol item: "... Protocol (Discover)".
  const type = opts.find((o) => o.tag === 53 && o.length === 1);
  const name = type && DHCP_MSG.get(d[type.offset + 2]!);
  if (name) (node as { label: string }).label = `Dynamic Host Configuration Protocol (${name})`;
  t.close();
}

function addOptionNode(ctx: DissectContext, o: DhcpOption): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  const d = f.data;
  const v = o.offset + 2;
  if (o.tag === TAG_PAD || o.tag === TAG_END) {
    const name = o.tag === TAG_PAD ? 'Padding' : 'End';
    t.open('dhcp.option.type', `Option: (${o.tag}) ${name}`, o.offset, 1, o.tag);
    t.add(o.tag === TAG_END ? 'dhcp.option.end' : 'dhcp.option.padding', `Option End: ${o.tag}`, o.offset, 1, o.tag);
    t.close();
    return;
  }
  const ws = WS_OPTION.get(o.tag);
  let title = ws ? ws[0] : WS_OPTION_NAMES.get(o.tag) ?? tagInfo(o.tag).name;
  // A single address is shown on the option's item too.
  if (ws?.[2] === 'ip' && o.length === 4 && SINGLE_ADDRESS.has(o.tag)) title += ` (${ipv4String(d, v)})`;
  if (o.tag === 53 && o.length === 1) title = `DHCP Message Type (${DHCP_MSG.get(d[v]!) ?? 'Unknown'})`;
  if (o.tag === 55) title = 'Parameter Request List';
  if (o.tag === 61) title = 'Client identifier';
  t.open('dhcp.option.type', `Option: (${o.tag}) ${title}`, o.offset, 2 + o.length, o.tag);
  t.add('dhcp.option.length', `Length: ${o.length}`, o.offset + 1, 1, o.length);
  if (o.tag === 53 && o.length === 1) {
    t.add('dhcp.option.dhcp', `DHCP: ${DHCP_MSG.get(d[v]!) ?? 'Unknown'} (${d[v]!})`, v, 1, d[v]!);
  } else if (o.tag === 55) {
    for (let i = 0; i < o.length; i++) {
      const item = d[v + i]!;
      t.add('dhcp.option.request_list_item', `Parameter Request List Item: (${item}) ${WS_OPTION.get(item)?.[0] ?? WS_OPTION_NAMES.get(item) ?? tagInfo(item).name}`, v + i, 1, item);
    }
  } else if (o.tag === 61 && o.length === 7 && d[v] === 1) {
    // An Ethernet client identifier: hardware type and address (RFC 2132 9.14), as Wireshark shows it.
    t.add('dhcp.hw.type', 'Hardware type: Ethernet (0x01)', v, 1, 1);
    const mac = macString(d, v + 1);
    t.add('dhcp.hw.mac_addr', `Client MAC address: ${mac}`, v + 1, 6, mac);
  } else if (ws && ws[2]) {
    const [name, key, kind] = ws;
    const field = `dhcp.option.${key}`;
    if (kind === 'ip') {
      for (let p = v; p + 4 <= v + o.length; p += 4) t.add(field, `${name}: ${ipv4String(d, p)}`, p, 4, ipv4String(d, p));
    } else if (kind === 'u32' && o.length === 4) {
      // The lease times (51, 58, 59) as Wireshark shows a time in seconds.
      const n = f.be32(v);
      t.add(field, TIME_OPTIONS.has(o.tag) ? `${name}: (${n}s) ${timeSecsText(n)}` : `${name}: ${n}`, v, 4, n);
    } else if (kind === 'u16' && o.length === 2) {
      t.add(field, `${name}: ${f.be16(v)}`, v, 2, f.be16(v));
    } else if (kind === 'str') {
      const s = ndPrintn(f, v, o.length).text;
      t.add(field, `${name}: ${s}`, v, o.length, s);
    }
  } else if (o.length > 0) {
    t.add('dhcp.option.value', `Value: ${Array.from(d.subarray(v, v + o.length), (b) => b.toString(16).padStart(2, '0')).join('')}`, v, o.length);
  }
  t.close();
}
