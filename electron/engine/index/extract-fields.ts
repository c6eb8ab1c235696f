// Fast field extraction for the packet index: link layer -> IP -> TCP/UDP/ICMP, numbers only.
// Mirrors what the dissectors decode but never builds strings; every read is checked
// against the captured length, and anything odd simply leaves the fields unset.
import { PacketFields } from './packet-fields.js';

const be16 = (d: Uint8Array, o: number): number => (d[o]! << 8) | d[o + 1]!;
const be32 = (d: Uint8Array, o: number): number => ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;

/** Reads the fields of one frame into `out` (reset first). */
export function extractFields(d: Uint8Array, linktype: number, out: PacketFields): void {
  out.reset();
  const n = d.length;
  let p = 0;
  let type = 0;
  switch (linktype) {
    case 1: {
      if (n < 14) return;
      type = be16(d, 12);
      p = 14;
      while ((type === 0x8100 || type === 0x88a8 || type === 0x9100 || type === 0x9200) && p + 4 <= n) {
        type = be16(d, p + 2);
        p += 4;
      }
      break;
    }
    case 113:
      if (n < 16) return;
      type = be16(d, 14);
      p = 16;
      break;
    case 276:
      if (n < 20) return;
      type = be16(d, 0);
      p = 20;
      break;
    case 0:
    case 108: {
      if (n < 4) return;
      let fam = linktype === 108 ? be32(d, 0) : (d[0]! | (d[1]! << 8) | (d[2]! << 16) | (d[3]! << 24)) >>> 0;
      if (linktype === 0 && (fam & 0xffff0000) !== 0) fam = be32(d, 0);
      type = fam === 2 ? 0x0800 : fam === 24 || fam === 28 || fam === 30 ? 0x86dd : 0;
      p = 4;
      break;
    }
    case 101:
    case 12:
    case 14:
      if (n < 1) return;
      type = (d[0]! & 0xf0) === 0x40 ? 0x0800 : (d[0]! & 0xf0) === 0x60 ? 0x86dd : 0;
      break;
    case 228:
      type = 0x0800;
      break;
    case 229:
      type = 0x86dd;
      break;
    default:
      return;
  }
  out.etherType = type;
  if (type === 0x0800) ipv4(d, p, out);
  else if (type === 0x86dd) ipv6(d, p, out);
  else if (type === 0x0806 && p + 28 <= n && be16(d, p + 2) === 0x0800 && d[p + 5] === 4) {
    out.arpOp = be16(d, p + 6);
    // The ARP message's own length (RFC 826: 8 + 2 hardware + 2 protocol addresses), 28 for IPv4 over Ethernet.
    out.payloadLength = 8 + 2 * d[p + 4]! + 2 * d[p + 5]!;
    out.arpSender = be32(d, p + 8 + d[p + 4]!);
    out.arpTarget = be32(d, p + 8 + 2 * d[p + 4]! + 4);
  }
}

function ipv4(d: Uint8Array, p: number, out: PacketFields): void {
  if (p + 20 > d.length || d[p]! >> 4 !== 4) return;
  const hlen = (d[p]! & 15) * 4;
  // A total length of 0 is what TCP segmentation offload leaves: like Wireshark, take
  // the rest of the frame (captured here; Wireshark uses the reported length).
  const total = be16(d, p + 2) || d.length - p;
  if (hlen < 20 || total < hlen) return;
  out.ipVersion = 4;
  out.srcOffset = p + 12;
  out.dstOffset = p + 16;
  out.src4 = be32(d, p + 12);
  out.dst4 = be32(d, p + 16);
  out.ipProto = d[p + 9]!;
  const off = be16(d, p + 6);
  if ((off & 0x1fff) !== 0) {
    out.laterFragment = true;
    return;
  }
  if (p + total > d.length) out.truncated = true;
  transport(d, p + hlen, total - hlen, out);
}

function ipv6(d: Uint8Array, p: number, out: PacketFields): void {
  if (p + 40 > d.length || d[p]! >> 4 !== 6) return;
  out.ipVersion = 6;
  out.srcOffset = p + 8;
  out.dstOffset = p + 24;
  let nh = d[p + 6]!;
  let len = be16(d, p + 4);
  let q = p + 40;
  // Walk the extension headers (bounded: each one moves forward).
  for (let hops = 0; hops < 16; hops++) {
    if (nh === 0 || nh === 43 || nh === 60 || nh === 135) {
      if (q + 2 > d.length) return;
      const l = (d[q + 1]! + 1) * 8;
      // Payload length 0 with a hop-by-hop Jumbo Payload option (RFC 2675): its length.
      if (nh === 0 && hops === 0 && len === 0) len = jumboLength(d, q + 2, Math.min(q + l, d.length));
      nh = d[q]!;
      q += l;
      len -= l;
    } else if (nh === 44) {
      if (q + 8 > d.length) return;
      const fragOff = be16(d, q + 2) & 0xfff8;
      nh = d[q]!;
      q += 8;
      len -= 8;
      if (fragOff !== 0) {
        out.ipProto = nh;
        out.laterFragment = true;
        return;
      }
    } else break;
  }
  out.ipProto = nh;
  if (len < 0) return;
  if (q + len > d.length) out.truncated = true;
  transport(d, q, len, out);
}

/** The Jumbo Payload option's length among hop-by-hop options in [p, end), else 0. */
function jumboLength(d: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const type = d[p]!;
    if (type === 0) {
      p++;
      continue;
    }
    if (p + 2 > end) return 0;
    const len = d[p + 1]!;
    if (type === 0xc2 && len === 4 && p + 6 <= end) return be32(d, p + 2);
    p += 2 + len;
  }
  return 0;
}

function transport(d: Uint8Array, p: number, len: number, out: PacketFields): void {
  const n = d.length;
  switch (out.ipProto) {
    case 6: {
      if (p + 20 > n) return;
      const hlen = (d[p + 12]! >> 4) * 4;
      out.sport = be16(d, p);
      out.dport = be16(d, p + 2);
      out.seq = be32(d, p + 4);
      out.ack = be32(d, p + 8);
      out.tcpFlags = d[p + 13]!;
      out.window = be16(d, p + 14);
      out.payloadOffset = p + hlen;
      out.payloadLength = Math.max(0, len - hlen);
      if (hlen > 20 && p + hlen <= n) tcpOptions(d, p + 20, p + hlen, out);
      // DNS over TCP: only a segment that holds one whole length-prefixed message, so a
      // segment from the middle of a stream is never read as a header.
      const q = p + hlen;
      if ((out.sport === 53 || out.dport === 53) && out.payloadLength >= 14 && q + 14 <= n && be16(d, q) === out.payloadLength - 2) dnsHeader(d, q + 2, out);
      return;
    }
    case 17: {
      if (p + 8 > n) return;
      out.sport = be16(d, p);
      out.dport = be16(d, p + 2);
      out.payloadOffset = p + 8;
      out.payloadLength = Math.max(0, Math.min(len, be16(d, p + 4)) - 8);
      const q = p + 8;
      const end = Math.min(n, q + out.payloadLength);
      if ((out.sport === 53 || out.dport === 53) && q + 12 <= end) dnsHeader(d, q, out);
      else if ((out.sport === 67 || out.sport === 68) && (out.dport === 67 || out.dport === 68)) bootp(d, q, end, out);
      return;
    }
    case 1:
    case 58: {
      if (p + 4 > n) return;
      // The ICMP message's length (header and data), what tcpdump prints as "length 64".
      out.payloadLength = Math.max(0, len);
      out.icmpType = d[p]!;
      out.icmpCode = d[p + 1]!;
      const echo = out.ipProto === 1 ? out.icmpType === 0 || out.icmpType === 8 : out.icmpType === 128 || out.icmpType === 129;
      if (echo && p + 8 <= n) {
        out.icmpId = be16(d, p + 4);
        out.icmpSeq = be16(d, p + 6);
      }
      return;
    }
  }
}

/** The TCP options the analysis needs (MSS, window scale, SACK permitted, timestamps). */
function tcpOptions(d: Uint8Array, p: number, end: number, out: PacketFields): void {
  while (p < end) {
    const kind = d[p]!;
    if (kind === 0) return;
    if (kind === 1) {
      p++;
      continue;
    }
    if (p + 1 >= end) return;
    const len = d[p + 1]!;
    if (len < 2 || p + len > end) return;
    if (kind === 2 && len === 4) out.mss = be16(d, p + 2);
    else if (kind === 3 && len === 3) out.wscale = d[p + 2]!;
    else if (kind === 4) out.sackPermitted = true;
    else if (kind === 8 && len === 10) {
      out.tsVal = be32(d, p + 2);
      out.tsEcr = be32(d, p + 6);
    } else if (kind === 5 && len >= 10) out.sackBlocks = (len - 2) >> 3;
    p += len;
  }
}

/** The DNS header fields a transaction needs: id, QR, RCODE (12 bytes checked by the caller). */
function dnsHeader(d: Uint8Array, q: number, out: PacketFields): void {
  out.dnsId = be16(d, q);
  out.dnsQr = d[q + 2]! >> 7;
  out.dnsRcode = d[q + 3]! & 15;
}

/** BOOTP op/xid/chaddr and the DHCP message type (option 53), within [q, end). */
function bootp(d: Uint8Array, q: number, end: number, out: PacketFields): void {
  if (q + 44 > end) return;
  const op = d[q]!;
  if (op !== 1 && op !== 2) return;
  out.dhcpOp = op;
  out.dhcpXid = be32(d, q + 4);
  out.dhcpChaddrOffset = q + 28;
  if (q + 240 > end || be32(d, q + 236) !== 0x63825363) return;
  // Options: bounded by `end`, every step moves forward.
  let o = q + 240;
  while (o < end) {
    const code = d[o]!;
    if (code === 255) return;
    if (code === 0) {
      o++;
      continue;
    }
    if (o + 2 > end) return;
    const len = d[o + 1]!;
    if (code === 53 && len >= 1 && o + 3 <= end) {
      out.dhcpMsgType = d[o + 2]!;
      return;
    }
    o += 2 + len;
  }
}
