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
import { FlowPacketList } from './flow-packet-list.js';
import { FlowTable } from './flow-table.js';
import { TcpAnalyzer } from './tcp-analyzer.js';
import { CHECKPOINT_EVERY, LadderCheckpoints } from './tcp-ladder-checkpoints.js';
import { TcpConnection } from './tcp-connection.js';
import { SentPool } from './tcp-sent-pool.js';
import { assignTransaction } from './transactions.js';

export interface DupAckInfo {
  readonly num: number;
  readonly frame: number;
}

export class CaptureIndex {
  readonly packets = new PacketTable();
  readonly addresses = new AddressTable();
  readonly flows = new FlowTable();
  /** Each flow's packets in capture order (the ladder walks them). */
  readonly flowPackets = new FlowPacketList();
  readonly interfaces: CaptureInterface[] = [];
  readonly tcp = new TcpAnalyzer();
  /** Sparse per-packet extras: duplicate-ACK numbering. */
  readonly dupAcks = new Map<number, DupAckInfo>();
  /** Sparse: packet index -> the segment it acknowledges: a = tcp.analysis.acks_frame, b = ack_rtt in ns. */
  readonly acks = new SortedSparse();
  /**
   * Sparse: packet index -> a = tcp.analysis.bytes_in_flight, b = push_bytes_sent (0 = none),
   * for every segment with Wireshark's per-packet analysis record (its [SEQ/ACK analysis] subtree).
   */
  readonly seqAck = new SortedSparse();
  /** Sparse: packet index of a retransmission -> a = tcp.analysis.rto_frame, b = rto in ns. */
  readonly rto = new SortedSparse();
  /** Per TCP flow id: states, handshake, outcome, resend groups (bounded per flow). */
  readonly connections = new Map<number, TcpConnection>();
  /** The same connections by flow id in a plain array: the per-packet lookup (flow ids are dense). */
  private readonly connectionOf: (TcpConnection | undefined)[] = [];
  /** Sparse: packet index -> message code (ARP op, DHCP message type, DNS id<<5|QR<<4|RCODE, ICMP type<<8|code). */
  readonly messageCode = new Map<number, number>();
  /** DHCP transaction flow id -> client hardware address (aa:bb:...) and xid. */
  readonly dhcpClient = new Map<number, { mac: string; xid: number; server: number }>();
  /** Values of fields declared `indexed: true` beyond the table's columns (sparse). */
  readonly indexed = new IndexedValues();
  private readonly ictx = new IndexContext(protocolRegistry());
  /** The recent segments of every connection's resend detector, in shared columns. */
  readonly sentPool = new SentPool();

  /**
   * @param analyze false keeps only the columns and flow keys (a quick index, e.g. for a
   * filter pass over a file); true (the default) adds TCP analysis, connection states and
   * transactions, what a full open needs.
   */
  constructor(
    readonly analyze = true,
    checkpointEvery = CHECKPOINT_EVERY,
  ) {
    this.ladderCheckpoints = new LadderCheckpoints(this, checkpointEvery);
  }

  /** Checkpoints of big TCP flows' ladders (the ladder window around a packet starts from one). */
  readonly ladderCheckpoints: LadderCheckpoints;

  addInterface(iface: CaptureInterface): void {
    this.interfaces[iface.id] = iface;
  }

  /** Indexes one packet (call in file order). Returns its row index. */
  add(rec: PacketRecord, data: Uint8Array): number {
    return this.addAt(rec, data, 0, data.length);
  }

  /**
   * add() for the packet at `buf[start, start + caplen)` (ReaderSink.onPacketAt): what
   * opening a file calls, so that no view of the bytes is made per packet.
   */
  addAt(rec: PacketRecord, buf: Uint8Array, start: number, caplen = rec.caplen): number {
    const t = this.packets;
    const i = t.addRecord(rec.dataOffset, rec.tsSec, rec.tsNsec, rec.caplen, rec.wirelen, rec.interfaceId);
    const linktype = this.interfaces[rec.interfaceId]?.linktype ?? -1;
    this.ictx.frameAt(buf, start, caplen, linktype);
    const f = this.ictx.index;
    if (f.putCount) this.indexed.addFrom(i, f);
    if (f.ipVersion === 0) {
      t.etherType.set(i, f.etherType);
      t.ipProto.set(i, f.ipProto);
      if (f.arpOp) this.addArp(i, rec);
      return i;
    }
    const src = f.ipVersion === 4 ? this.addresses.internV4(f.src4) : this.addresses.internV6(buf, f.srcOffset);
    const dst = f.ipVersion === 4 ? this.addresses.internV4(f.dst4) : this.addresses.internV6(buf, f.dstOffset);
    // Ports as the transport header has them (ICMP's echo id goes to the flow key only); none for a later fragment.
    t.setNetwork(i, f.etherType, f.ipProto, src, dst, f.laterFragment ? 0 : f.sport, f.laterFragment ? 0 : f.dport);
    if (f.laterFragment) {
      const a = this.flows.assign('ip', f.ipVersion, src, 0, dst, 0, i, rec.tsSec, rec.tsNsec, rec.wirelen);
      t.flow.set(i, a.flow.id);
      this.flowPackets.append(a.flow.id, i);
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
    if (kind === 'tcp') {
      t.setTcp(i, f.seq, f.ack, f.tcpFlags, f.window, f.payloadLength);
      const split = (f.tcpFlags & (TH_SYN | TH_ACK)) === TH_SYN && this.tcp.isNewConnection(this.flows.peek('tcp', src, sport, dst, dport), f.seq, src, sport);
      const a = this.flows.assign(kind, f.ipVersion, src, sport, dst, dport, i, rec.tsSec, rec.tsNsec, rec.wirelen, split);
      t.flow.set(i, a.flow.id);
      this.flowPackets.append(a.flow.id, i);
      if (!this.analyze) return i;
      const fl = a.flow;
      const dir = a.dir;
      const flags = this.tcp.analyzeSegment(rec.number, rec.tsSec, rec.tsNsec, fl.stream, dir, f.seq, f.ack, f.tcpFlags, f.window, f.payloadLength, f.wscale, f.sackDelivered);
      t.analysis.set(i, flags);
      if (this.tcp.dupAckNum !== 0) this.dupAcks.set(i, { num: this.tcp.dupAckNum, frame: this.tcp.dupAckFrame });
      if (this.tcp.acksFrame !== 0) this.acks.add(i, this.tcp.acksFrame, this.tcp.ackRttNs);
      if (this.tcp.analyzed) this.seqAck.add(i, this.tcp.bytesInFlight, this.tcp.pushBytes);
      if (this.tcp.rtoFrame !== 0) this.rto.add(i, this.tcp.rtoFrame, this.tcp.rtoNs);
      let c = this.connectionOf[fl.id];
      if (!c) {
        c = new TcpConnection(this.sentPool);
        this.connections.set(fl.id, c);
        this.connectionOf[fl.id] = c;
      }
      if (f.tcpFlags & TH_SYN && !c.synOptions[dir]) c.noteSynOptions(dir, { mss: f.mss, wscale: f.wscale, sackPermitted: f.sackPermitted, timestamps: f.tsVal >= 0 });
      const rel = rec.tsSec - fl.firstSec + (rec.tsNsec - fl.firstNsec) / 1e9;
      c.note(i, rel, dir, f.seq, f.ack, f.tcpFlags, f.payloadLength, flags, sport, dport, null);
      this.ladderCheckpoints.note(fl, i, rel, c);
      return i;
    }
    t.payloadLength.set(i, f.payloadLength);
    // DNS and DHCP over UDP: the application's flow instead of the UDP conversation (transactions.ts).
    const a = (kind === 'udp' && this.analyze && assignTransaction(this, i, rec, buf, start + caplen, f, src, dst)) || this.flows.assign(kind, f.ipVersion, src, sport, dst, dport, i, rec.tsSec, rec.tsNsec, rec.wirelen);
    t.flow.set(i, a.flow.id);
    this.flowPackets.append(a.flow.id, i);
    if (!this.analyze) return i;
    if (f.icmpType >= 0) this.messageCode.set(i, (f.icmpType << 8) | f.icmpCode);
    return i;
  }

  private addArp(i: number, rec: PacketRecord): void {
    const f = this.ictx.index;
    const sender = this.addresses.internV4(f.arpSender);
    const target = this.addresses.internV4(f.arpTarget);
    this.packets.src.set(i, sender);
    this.packets.dst.set(i, target);
    const a = this.flows.assign('arp', 0, sender, 0, target, 0, i, rec.tsSec, rec.tsNsec, rec.wirelen);
    this.packets.flow.set(i, a.flow.id);
    this.flowPackets.append(a.flow.id, i);
    this.packets.payloadLength.set(i, f.payloadLength);
    this.messageCode.set(i, f.arpOp);
  }
}
