// electron/engine/flows/: the capture index, conversations, TCP analysis and ladders.
//
// Builds the compact index of a capture as its packets stream in: one PacketTable row per
// packet (timestamps, lengths, network/transport fields, flow id, TCP analysis flags),
// the flows table, and the per-flow TCP analysis. The numbers come from the dissectors'
// index mode (dissect/index-context.ts). Never keeps packet bytes.
import { IndexContext } from '../dissect/index-context.js';
import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP, IPPROTO_UDP } from '../format/ipprotos.js';
import type { CaptureInterface, PacketRecord } from '../../capfile/types.js';
import { protocolRegistry } from '../protocols/index.js';
import { TH_ACK, TH_SYN } from '../protocols/tcp-flags.js';
import { AddressTable } from '../store/address-table.js';
import { IndexedValues } from '../store/indexed-values.js';
import { PacketTable } from '../store/packet-table.js';
import { SortedSparse } from '../store/sorted-sparse.js';
import type { FlowKind } from './flow.js';
import { FlowTable } from './flow-table.js';
import { TcpAnalyzer } from './tcp-analyzer.js';
import { TcpConnection } from './tcp-connection.js';
import type { TcpSegment } from './tcp-segment.js';
import { assignTransaction } from './transactions.js';

/** Room left above the estimated packet count when the table is sized from the file size. */
const GROWTH_MARGIN = 1.1;

export interface DupAckInfo {
  readonly num: number;
  readonly frame: number;
}

export class CaptureIndex {
  readonly packets = new PacketTable();
  readonly addresses = new AddressTable();
  readonly flows = new FlowTable();
  readonly interfaces: CaptureInterface[] = [];
  readonly tcp = new TcpAnalyzer();
  /** Sparse per-packet extras: duplicate-ACK numbering. */
  readonly dupAcks = new Map<number, DupAckInfo>();
  /** Sparse: packet index -> the segment it acknowledges: a = tcp.analysis.acks_frame, b = ack_rtt in ns. */
  readonly acks = new SortedSparse();
  /** Per TCP flow id: states, handshake, outcome, resend groups (bounded per flow). */
  readonly connections = new Map<number, TcpConnection>();
  /** Sparse: packet index -> message code (ARP op, DHCP message type, DNS id<<5|QR<<4|RCODE, ICMP type<<8|code). */
  readonly messageCode = new Map<number, number>();
  /** DHCP transaction flow id -> client hardware address (aa:bb:...) and xid. */
  readonly dhcpClient = new Map<number, { mac: string; xid: number; server: number }>();
  /** Values of fields declared `indexed: true` beyond the table's columns (sparse). */
  readonly indexed = new IndexedValues();
  private readonly ictx = new IndexContext(protocolRegistry());

  /** Size of the whole file when known: the table is sized once from it (see add). */
  expectedBytes = 0;

  /**
   * @param analyze false keeps only the columns and flow keys (a quick index, e.g. for a
   * filter pass over a file); true (the default) adds TCP analysis, connection states and
   * transactions, what a full open needs.
   */
  constructor(readonly analyze = true) {}

  addInterface(iface: CaptureInterface): void {
    this.interfaces[iface.id] = iface;
  }

  /** Indexes one packet (call in file order). Returns its row index. */
  add(rec: PacketRecord, data: Uint8Array): number {
    const t = this.packets;
    // Size the table for the whole file from the bytes read so far: doubling a 60 MB table
    // copies it again and again. A first estimate after 4096 packets, with room to spare (the
    // first packets are not always typical: 2% short on a real 1M-packet file cost a doubling
    // and a copy of every row); if the file still outgrows it, a new estimate, not a doubling.
    if ((t.length === 4096 || t.length === t.capacity) && this.expectedBytes > rec.dataOffset && rec.dataOffset > 0) {
      t.reserve(Math.ceil((this.expectedBytes / rec.dataOffset) * t.length * GROWTH_MARGIN) + 4096);
    }
    const i = t.add();
    t.dataOffset[i] = rec.dataOffset;
    t.setTime(i, rec.tsSec, rec.tsNsec);
    t.caplen[i] = rec.caplen;
    t.wirelen[i] = rec.wirelen;
    t.iface[i] = rec.interfaceId;
    const linktype = this.interfaces[rec.interfaceId]?.linktype ?? -1;
    this.ictx.frame(data, linktype);
    const f = this.ictx.index;
    if (f.putCount) this.indexed.addFrom(i, f);
    t.etherType[i] = f.etherType;
    t.ipProto[i] = f.ipProto;
    if (f.ipVersion === 0) {
      if (f.arpOp) this.addArp(i, rec);
      return i;
    }
    const src = f.ipVersion === 4 ? this.addresses.internV4(f.src4) : this.addresses.internV6(data, f.srcOffset);
    const dst = f.ipVersion === 4 ? this.addresses.internV4(f.dst4) : this.addresses.internV6(data, f.dstOffset);
    t.src[i] = src;
    t.dst[i] = dst;
    if (f.laterFragment) {
      const a = this.flows.assign('ip', f.ipVersion, src, 0, dst, 0, i, rec.tsSec, rec.tsNsec, rec.wirelen);
      t.flow[i] = a.flow.id;
      return i;
    }
    let kind: FlowKind;
    let sport = 0;
    let dport = 0;
    switch (f.ipProto) {
      case IPPROTO_TCP:
        kind = 'tcp';
        sport = f.sport;
        dport = f.dport;
        break;
      case IPPROTO_UDP:
        kind = 'udp';
        sport = f.sport;
        dport = f.dport;
        break;
      case IPPROTO_ICMP:
        kind = 'icmp';
        sport = f.icmpId >= 0 ? f.icmpId : 0;
        dport = sport;
        break;
      case IPPROTO_ICMPV6:
        kind = 'icmpv6';
        sport = f.icmpId >= 0 ? f.icmpId : 0;
        dport = sport;
        break;
      default:
        kind = 'ip';
    }
    t.sport[i] = f.sport;
    t.dport[i] = f.dport;
    if (kind === 'tcp') {
      t.seq[i] = f.seq;
      t.ack[i] = f.ack;
      t.tcpFlags[i] = f.tcpFlags;
      t.window[i] = f.window;
      t.payloadLength[i] = f.payloadLength;
      const split = (f.tcpFlags & (TH_SYN | TH_ACK)) === TH_SYN && this.tcp.isNewConnection(this.flows.peek('tcp', src, sport, dst, dport), f.seq, src, sport);
      const a = this.flows.assign(kind, f.ipVersion, src, sport, dst, dport, i, rec.tsSec, rec.tsNsec, rec.wirelen, split);
      t.flow[i] = a.flow.id;
      if (!this.analyze) return i;
      const seg: TcpSegment = {
        index: i,
        number: rec.number,
        sec: rec.tsSec,
        nsec: rec.tsNsec,
        flow: a.flow,
        dir: a.dir,
        seq: f.seq,
        ack: f.ack,
        flags: f.tcpFlags,
        window: f.window,
        payloadLength: f.payloadLength,
        mss: f.mss,
        wscale: f.wscale,
        sackPermitted: f.sackPermitted,
        tsVal: f.tsVal,
        tsEcr: f.tsEcr,
        sackBlocks: f.sackBlocks,
      };
      const r = this.tcp.analyze(seg);
      t.analysis[i] = r.flags;
      if (r.dupAckNum !== undefined && r.dupAckFrame !== undefined) this.dupAcks.set(i, { num: r.dupAckNum, frame: r.dupAckFrame });
      if (r.acksFrame !== undefined) this.acks.add(i, r.acksFrame, r.ackRttNs ?? 0);
      let c = this.connections.get(a.flow.id);
      if (!c) this.connections.set(a.flow.id, (c = new TcpConnection()));
      if (f.tcpFlags & TH_SYN) c.noteSynOptions(a.dir, { mss: f.mss, wscale: f.wscale, sackPermitted: f.sackPermitted, timestamps: f.tsVal >= 0 });
      const fl = a.flow;
      c.observe({ index: i, t: rec.tsSec - fl.firstSec + (rec.tsNsec - fl.firstNsec) / 1e9, dir: a.dir, seq: f.seq, ack: f.ack, flags: f.tcpFlags, len: f.payloadLength, window: f.window, analysis: r.flags, sport, dport });
      return i;
    }
    t.payloadLength[i] = f.payloadLength;
    // DNS and DHCP over UDP: the application's flow instead of the UDP conversation (transactions.ts).
    const a = (kind === 'udp' && this.analyze && assignTransaction(this, i, rec, data, f, src, dst)) || this.flows.assign(kind, f.ipVersion, src, sport, dst, dport, i, rec.tsSec, rec.tsNsec, rec.wirelen);
    t.flow[i] = a.flow.id;
    if (!this.analyze) return i;
    if (f.icmpType >= 0) this.messageCode.set(i, (f.icmpType << 8) | f.icmpCode);
    return i;
  }

  private addArp(i: number, rec: PacketRecord): void {
    const f = this.ictx.index;
    const sender = this.addresses.internV4(f.arpSender);
    const target = this.addresses.internV4(f.arpTarget);
    this.packets.src[i] = sender;
    this.packets.dst[i] = target;
    const a = this.flows.assign('arp', 0, sender, 0, target, 0, i, rec.tsSec, rec.tsNsec, rec.wirelen);
    this.packets.flow[i] = a.flow.id;
    this.packets.payloadLength[i] = f.payloadLength;
    this.messageCode.set(i, f.arpOp);
  }
}
