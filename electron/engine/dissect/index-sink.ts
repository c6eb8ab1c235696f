// What the dissectors' index mode writes for one packet (ctx.index): the numbers the capture
// index keeps per packet and the flows need, read straight from the bytes without building
// the tcpdump line or the tree (that happens only for rows on screen), plus the values of
// declared `indexed: true` fields. One record is refilled for every packet: no allocation.
import type { FieldDecl } from './field-decl.js';

/** Values of `indexed: true` fields one packet may carry before the rest are dropped. */
const MAX_PUTS = 32;

export class IndexSink {
  /** Ethertype of the (outermost) network layer (0x0800, 0x86dd, 0x0806, ...), 0 when unknown. */
  etherType = 0;
  /** 4 or 6 for IP packets, else 0. */
  ipVersion = 0;
  /** Offset of the IP source/destination addresses in the frame (-1 when none). */
  srcOffset = -1;
  dstOffset = -1;
  /** IPv4 addresses as unsigned 32-bit numbers (valid when ipVersion === 4). */
  src4 = 0;
  dst4 = 0;
  /** Final IP protocol (after IPv6 extension headers), 0 when none. */
  ipProto = 0;
  /** True for an IP fragment that is not the first (no transport header). */
  laterFragment = false;
  /** True when the IP header says more bytes follow than the frame holds. */
  truncated = false;
  sport = 0;
  dport = 0;
  tcpFlags = 0;
  seq = 0;
  ack = 0;
  window = 0;
  /** Transport payload length as the headers declare it. */
  payloadLength = 0;
  /** Offset of the transport payload in the frame. */
  payloadOffset = 0;
  /** TCP options (-1 / false when absent). */
  mss = -1;
  wscale = -1;
  sackPermitted = false;
  tsVal = -1;
  tsEcr = -1;
  /** Number of SACK blocks in the segment (0 when none). */
  sackBlocks = 0;
  /** Bytes the SACK blocks report delivered (the first three, as Wireshark keeps them); -1 without a SACK option. */
  sackDelivered = -1;
  /** ICMP/ICMPv6 type, code, echo id and sequence (-1 when absent). */
  icmpType = -1;
  icmpCode = -1;
  icmpId = -1;
  icmpSeq = -1;
  /** ARP operation (1 request, 2 reply), sender/target IPv4 as numbers. */
  arpOp = 0;
  arpSender = 0;
  arpTarget = 0;
  /** DNS over UDP/TCP port 53: message id, QR bit (0 query, 1 response), RCODE; -1 when absent. */
  dnsId = -1;
  dnsQr = -1;
  dnsRcode = -1;
  /** BOOTP/DHCP (UDP 67/68): op (1 request, 2 reply), xid, option 53 message type, chaddr offset; -1 when absent. */
  dhcpOp = -1;
  dhcpXid = -1;
  dhcpMsgType = -1;
  dhcpChaddrOffset = -1;
  /** Values of declared `indexed: true` fields, in the order they were put. */
  putCount = 0;
  readonly putFields: (FieldDecl | null)[] = new Array<FieldDecl | null>(MAX_PUTS).fill(null);
  readonly putValues = new Float64Array(MAX_PUTS);

  /** Records a value of a field declared `indexed: true` (numbers only; extra values past 32 are dropped). */
  put(field: FieldDecl, value: number): void {
    const n = this.putCount;
    if (n === MAX_PUTS) return;
    this.putFields[n] = field;
    this.putValues[n] = value;
    this.putCount = n + 1;
  }

  reset(): void {
    this.etherType = 0;
    this.ipVersion = 0;
    this.srcOffset = -1;
    this.dstOffset = -1;
    this.src4 = 0;
    this.dst4 = 0;
    this.ipProto = 0;
    this.laterFragment = false;
    this.truncated = false;
    this.sport = 0;
    this.dport = 0;
    this.tcpFlags = 0;
    this.seq = 0;
    this.ack = 0;
    this.window = 0;
    this.payloadLength = 0;
    this.payloadOffset = 0;
    this.mss = -1;
    this.wscale = -1;
    this.sackPermitted = false;
    this.tsVal = -1;
    this.tsEcr = -1;
    this.sackBlocks = 0;
    this.sackDelivered = -1;
    this.icmpType = -1;
    this.icmpCode = -1;
    this.icmpId = -1;
    this.icmpSeq = -1;
    this.arpOp = 0;
    this.arpSender = 0;
    this.arpTarget = 0;
    this.dnsId = -1;
    this.dnsQr = -1;
    this.dnsRcode = -1;
    this.dhcpOp = -1;
    this.dhcpXid = -1;
    this.dhcpMsgType = -1;
    this.dhcpChaddrOffset = -1;
    this.putCount = 0;
  }
}
