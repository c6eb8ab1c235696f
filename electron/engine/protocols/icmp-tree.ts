// Wireshark-style detail nodes for an ICMP message (packet-icmp.c field names). Not a dissector.
// Opens the `icmp` node and leaves it open: the caller closes it after the quoted datagram.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import { ipv4String } from '../format/addresses.js';
import { internetChecksum } from '../format/checksum.js';

const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'Echo (ping) reply'],
  [3, 'Destination unreachable'],
  [4, 'Source quench (flow control)'],
  [5, 'Redirect'],
  [8, 'Echo (ping) request'],
  [9, 'Router advertisement'],
  [10, 'Router solicitation'],
  [11, 'Time-to-live exceeded'],
  [12, 'Parameter problem'],
  [13, 'Timestamp request'],
  [14, 'Timestamp reply'],
  [15, 'Information request'],
  [16, 'Information reply'],
  [17, 'Address mask request'],
  [18, 'Address mask reply'],
]);

export const ICMP_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'icmp', name: 'Internet Control Message Protocol', type: 'protocol', indexed: true },
  { abbrev: 'icmp.type', name: 'Type', type: 'uint', base: 'dec', strings: Object.fromEntries(TYPE_NAMES), indexed: 'messageType' },
  { abbrev: 'icmp.code', name: 'Code', type: 'uint', base: 'dec', indexed: 'messageSubcode' },
  { abbrev: 'icmp.checksum', name: 'Checksum', type: 'uint', base: 'hex' },
  { abbrev: 'icmp.checksum.status', name: 'Checksum Status', type: 'uint' },
  { abbrev: 'icmp.ident', name: 'Identifier (BE)', type: 'uint', base: 'dec_hex' },
  { abbrev: 'icmp.ident_le', name: 'Identifier (LE)', type: 'uint', base: 'dec_hex' },
  { abbrev: 'icmp.seq', name: 'Sequence Number (BE)', type: 'uint', base: 'dec_hex' },
  { abbrev: 'icmp.seq_le', name: 'Sequence Number (LE)', type: 'uint', base: 'dec_hex' },
  { abbrev: 'icmp.data_time', name: 'Timestamp from icmp data', type: 'string' },
  { abbrev: 'icmp.data_time_relative', name: 'Timestamp from icmp data (relative)', type: 'float' },
  { abbrev: 'icmp.resp_to', name: 'Request frame', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.resptime', name: 'Response time', type: 'float' },
  { abbrev: 'icmp.mtu', name: 'MTU of next hop', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.pointer', name: 'Pointer', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.unused', name: 'Unused', type: 'bytes' },
  { abbrev: 'icmp.redir_gw', name: 'Gateway Address', type: 'ipv4' },
  { abbrev: 'icmp.address_mask', name: 'Address Mask', type: 'ipv4' },
  { abbrev: 'icmp.num_addrs', name: 'Number of addresses', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.addr_entry_size', name: 'Address entry size', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.lifetime', name: 'Lifetime', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.router_address', name: 'Router address', type: 'ipv4' },
  { abbrev: 'icmp.pref_level', name: 'Preference level', type: 'int', base: 'dec' },
  { abbrev: 'icmp.originate_timestamp', name: 'Originate Timestamp', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.receive_timestamp', name: 'Receive Timestamp', type: 'uint', base: 'dec' },
  { abbrev: 'icmp.transmit_timestamp', name: 'Transmit Timestamp', type: 'uint', base: 'dec' },
];

const CODE_NAMES: ReadonlyMap<number, readonly string[]> = new Map([
  [
    3,
    [
      'Network unreachable',
      'Host unreachable',
      'Protocol unreachable',
      'Port unreachable',
      'Fragmentation needed',
      'Source route failed',
      'Destination network unknown',
      'Destination host unknown',
      'Source host isolated',
      'Network administratively prohibited',
      'Host administratively prohibited',
      'Network unreachable for TOS',
      'Host unreachable for TOS',
      'Communication administratively filtered',
      'Host precedence violation',
      'Precedence cutoff in effect',
    ],
  ],
  [5, ['Redirect for network', 'Redirect for host', 'Redirect for TOS and network', 'Redirect for TOS and host']],
  [11, ['Time to live exceeded in transit', 'Fragment reassembly time exceeded']],
  [12, ['Pointer indicates the error', 'Required option missing', 'Bad length']],
]);

export function addIcmpTree(ctx: DissectContext, bp: number, plen: number, type: number, code: number): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  const d = f.data;
  const has = (o: number, n: number): boolean => f.has(bp + o, n);
  t.open('icmp', 'Internet Control Message Protocol', bp, Math.min(plen, f.left(bp)));
  const typeName = TYPE_NAMES.get(type);
  t.add('icmp.type', `Type: ${type}${typeName ? ` (${typeName})` : ''}`, bp, 1, type);
  const codeName = CODE_NAMES.get(type)?.[code];
  t.add('icmp.code', `Code: ${code}${codeName ? ` (${codeName})` : ''}`, bp + 1, 1, code);
  if (!has(2, 2)) return;
  const sum = f.be16(bp + 2);
  const whole = has(0, plen) && !ctx.ip?.fragmented;
  const ok = whole ? internetChecksum(d, bp, plen) === 0 : null;
  const status = ok === null ? ' [unverified]' : ok ? ' [correct]' : ' [incorrect]';
  t.add('icmp.checksum', `Checksum: 0x${sum.toString(16).padStart(4, '0')}${status}`, bp + 2, 2, sum);
  // Wireshark's status values: 0 Bad, 1 Good, 2 Unverified.
  t.add('icmp.checksum.status', `[Checksum Status: ${ok === null ? 'Unverified' : ok ? 'Good' : 'Bad'}]`, bp + 2, 2, ok === null ? 2 : ok ? 1 : 0);
  if (!has(4, 4)) return;
  const u16 = (o: number): number => f.be16(bp + o);
  const hexBytes = (o: number, n: number): string => Array.from(d.subarray(o, o + n), (b) => b.toString(16).padStart(2, '0')).join('');
  switch (type) {
    case 0:
    case 8:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18: {
      const id = u16(4);
      const seq = u16(6);
      // Wireshark shows both byte orders: pings differ on which one they count in.
      const le = (v: number): number => ((v & 0xff) << 8) | (v >> 8);
      const hex4 = (v: number): string => v.toString(16).padStart(4, '0');
      t.add('icmp.ident', `Identifier (BE): ${id} (0x${hex4(id)})`, bp + 4, 2, id);
      t.add('icmp.ident_le', `Identifier (LE): ${le(id)} (0x${hex4(le(id))})`, bp + 4, 2, le(id));
      t.add('icmp.seq', `Sequence Number (BE): ${seq} (0x${hex4(seq)})`, bp + 6, 2, seq);
      t.add('icmp.seq_le', `Sequence Number (LE): ${le(seq)} (0x${hex4(le(seq))})`, bp + 6, 2, le(seq));
      if ((type === 13 || type === 14) && has(8, 12)) {
        const names = ['originate', 'receive', 'transmit'];
        names.forEach((n, i) => {
          const v = f.be32(bp + 8 + 4 * i);
          const label = `${n[0]!.toUpperCase()}${n.slice(1)} timestamp: ${v}`;
          t.add(`icmp.${n}_timestamp`, label, bp + 8 + 4 * i, 4, v);
        });
      }
      if ((type === 17 || type === 18) && has(8, 4)) {
        const m = ipv4String(d, bp + 8);
        t.add('icmp.address_mask', `Address Mask: ${m}`, bp + 8, 4, m);
      }
      break;
    }
    case 3:
      if (code === 4) {
        t.add('icmp.unused', `Unused: ${hexBytes(bp + 4, 2)}`, bp + 4, 2);
        t.add('icmp.mtu', `MTU of next hop: ${u16(6)}`, bp + 6, 2, u16(6));
      }
      else t.add('icmp.unused', `Unused: ${hexBytes(bp + 4, 4)}`, bp + 4, 4);
      break;
    case 11:
      t.add('icmp.unused', `Unused: ${hexBytes(bp + 4, 4)}`, bp + 4, 4);
      break;
    case 5: {
      const gw = ipv4String(d, bp + 4);
      t.add('icmp.redir_gw', `Gateway Address: ${gw}`, bp + 4, 4, gw);
      break;
    }
    case 9: {
      const n = d[bp + 4]!;
      t.add('icmp.num_addrs', `Number of addresses: ${n}`, bp + 4, 1, n);
      t.add('icmp.addr_entry_size', `Address entry size: ${d[bp + 5]!}`, bp + 5, 1, d[bp + 5]!);
      t.add('icmp.lifetime', `Lifetime: ${u16(6)}`, bp + 6, 2, u16(6));
      for (let i = 0, o = bp + 8; i < n && f.has(o, 8); i++, o += 8) {
        const a = ipv4String(d, o);
        t.add('icmp.router_address', `Router address: ${a}`, o, 4, a);
        t.add('icmp.pref_level', `Preference level: ${f.be32(o + 4) | 0}`, o + 4, 4, f.be32(o + 4) | 0);
      }
      break;
    }
    case 12:
      t.add('icmp.pointer', `Pointer: ${d[bp + 4]!}`, bp + 4, 1, d[bp + 4]!);
      break;
    default:
      break;
  }
  const dataLen = Math.min(plen, f.left(bp)) - 8;
  if ((type === 0 || type === 8) && dataLen > 0) t.add('data', `Data (${dataLen} bytes)`, bp + 8, dataLen);
}
