// The application protocol's flows that replace the UDP conversation carrying them, so that
// each shows once in the flows table: a DNS conversation over UDP is one flow of kind dns
// (client = the side that asks, whichever packet came first; its messages tell queries from
// responses by the QR bit, RFC 1035 4.1.1), and a DHCP exchange is one flow per transaction:
// xid and client hardware address (RFC 2131 2). A DHCP client has no address yet, so its
// UDP address pairs are fragments of one exchange; direction comes from the message
// (BOOTREQUEST = client -> server), not from the addresses. DNS over TCP stays its TCP flow.
import type { IndexSink } from '../dissect/index-sink.js';
import type { PacketRecord } from '../../capfile/types.js';
import type { FlowAssignment, FlowTable } from './flow-table.js';

/** What the index exposes to this helper (CaptureIndex satisfies it). */
export interface TransactionSink {
  readonly flows: FlowTable;
  readonly messageCode: Map<number, number>;
  readonly dhcpClient: Map<number, { mac: string; xid: number; server: number }>;
}

/** DNS message code: id, QR bit and RCODE packed as id << 5 | QR << 4 | RCODE. */
const dnsCode = (id: number, qr: number, rcode: number): number => (id << 5) | (qr << 4) | rcode;
export const dnsCodeId = (code: number): number => code >>> 5;
export const dnsCodeQr = (code: number): number => (code >> 4) & 1;

/**
 * The flow of a DNS or DHCP message over UDP (f.dnsId >= 0 or f.dhcpOp > 0), or undefined
 * when the packet is neither. Records its message code (and the DHCP client).
 */
export function assignTransaction(
  idx: TransactionSink,
  i: number,
  rec: PacketRecord,
  buf: Uint8Array,
  end: number,
  f: IndexSink,
  src: number,
  dst: number,
): FlowAssignment | undefined {
  if (f.dnsId >= 0) {
    const dir: 0 | 1 = f.dnsQr === 1 ? 1 : 0;
    const [c, cp, s, sp] = dir === 0 ? [src, f.sport, dst, f.dport] : [dst, f.dport, src, f.sport];
    const a = idx.flows.assignKeyed('dns', `${c}|${cp}|${s}|${sp}`, f.ipVersion, src, f.sport, dst, f.dport, dir, i, rec.tsSec, rec.tsNsec, rec.wirelen);
    idx.messageCode.set(i, dnsCode(f.dnsId, f.dnsQr, f.dnsRcode));
    return a;
  }
  if (f.dhcpOp > 0) {
    const mac = hex(buf, f.dhcpChaddrOffset, 6, end);
    const dir: 0 | 1 = f.dhcpOp === 1 ? 0 : 1;
    const a = idx.flows.assignKeyed('dhcp', `${f.dhcpXid}|${mac}`, f.ipVersion, src, f.sport, dst, f.dport, dir, i, rec.tsSec, rec.tsNsec, rec.wirelen);
    idx.messageCode.set(i, f.dhcpMsgType >= 0 ? f.dhcpMsgType : 0);
    if (a.created) idx.dhcpClient.set(a.flow.id, { mac, xid: f.dhcpXid, server: 0 });
    const c = idx.dhcpClient.get(a.flow.id);
    if (c && dir === 1 && !c.server) c.server = src;
    return a;
  }
  return undefined;
}

/** `n` bytes at `o` as aa:bb:..., never reading at or past `end` (the packet's end in `d`). */
function hex(d: Uint8Array, o: number, n: number, end: number): string {
  const parts: string[] = [];
  for (let k = 0; k < n && o + k < end; k++) parts.push(d[o + k]!.toString(16).padStart(2, '0'));
  return parts.join(':');
}
