// Wireshark's expert items of a packet (Analyze > Expert Information, `-z expert`,
// _ws.expert): severity, group, protocol and summary, in the order Wireshark adds them.
// TCP's come from the TCP analysis and the flags; IPv4 and UDP add their warnings about
// a low TTL and traceroute ports; HTTP names each message. Items of a datagram quoted in an
// ICMP error are not reported (as in Wireshark).
import type { FieldNode } from '../dissect/field-node.js';
import {
  A_ACK_LOST_SEGMENT,
  A_DUPLICATE_ACK,
  A_FAST_RETRANSMISSION,
  A_KEEP_ALIVE,
  A_KEEP_ALIVE_ACK,
  A_LOST_SEGMENT,
  A_OUT_OF_ORDER,
  A_RETRANSMISSION,
  A_REUSED_PORTS,
  A_SPURIOUS_RETRANSMISSION,
  A_WINDOW_FULL,
  A_WINDOW_UPDATE,
  A_ZERO_WINDOW,
  A_ZERO_WINDOW_PROBE,
  A_ZERO_WINDOW_PROBE_ACK,
} from '../flows/analysis-flags.js';
import { looksLikeHttp } from './http-message.js';
import type { TapPacket } from './tap.js';
import { childOf, childValue } from './tree-find.js';

export type ExpertSeverity = 'error' | 'warn' | 'note' | 'chat' | 'comment';

export interface ExpertItem {
  readonly severity: ExpertSeverity;
  readonly group: string;
  readonly protocol: string;
  readonly summary: string;
  /** Found in a datagram quoted by an ICMP error: in the packet's tree, not in the expert tap. */
  readonly quoted?: boolean;
}

const seq = (severity: ExpertSeverity, protocol: string, summary: string): ExpertItem => ({ severity, group: 'Sequence', protocol, summary });

/** The analysis experts, in the order Wireshark adds them to a packet. */
const ANALYSIS: readonly [number, ExpertSeverity, string][] = [
  // A fast or spurious retransmission names its kind before it also counts as a retransmission.
  [A_FAST_RETRANSMISSION, 'note', 'This frame is a (suspected) fast retransmission'],
  [A_SPURIOUS_RETRANSMISSION, 'note', 'This frame is a (suspected) spurious retransmission'],
  [A_RETRANSMISSION, 'note', 'This frame is a (suspected) retransmission'],
  [A_LOST_SEGMENT, 'warn', 'Previous segment(s) not captured (common at capture start)'],
  [A_ACK_LOST_SEGMENT, 'warn', "ACKed segment that wasn't captured (common at capture start)"],
  [A_KEEP_ALIVE, 'note', 'TCP keep-alive segment'],
  [A_WINDOW_UPDATE, 'chat', 'TCP window update'],
  [A_WINDOW_FULL, 'warn', 'TCP window specified by the receiver is now completely full'],
  [A_KEEP_ALIVE_ACK, 'note', 'ACK to a TCP keep-alive segment'],
  [A_DUPLICATE_ACK, 'note', ''],
  [A_ZERO_WINDOW_PROBE, 'note', 'TCP Zero Window Probe'],
  [A_ZERO_WINDOW, 'warn', 'TCP Zero Window segment'],
  [A_ZERO_WINDOW_PROBE_ACK, 'note', 'ACK to a TCP Zero Window Probe'],
  [A_OUT_OF_ORDER, 'warn', 'This frame is a (suspected) out-of-order segment'],
  [A_REUSED_PORTS, 'note', 'A new tcp session is started with the same ports as an earlier session in this trace'],
];

export class WsExperts {
  /** Per TCP stream: the side whose FIN came first (it "initiates the connection closing"). */
  private readonly closer = new Map<number, number>();

  packet(p: TapPacket): ExpertItem[] {
    const out: ExpertItem[] = [];
    for (const n of p.ws.tree) {
      // Each packet comment is a Comment-level item of the frame (packet-frame.c).
      if (n.field === 'pkt_comment') for (const c of n.children ?? []) out.push({ severity: 'comment', group: 'Comment', protocol: 'Frame', summary: String(c.value ?? c.label) });
      else if (n.field === 'ip') this.ipv4(n, out);
      else if (n.field === 'udp') this.udp(n, out);
      else if (n.field === 'tcp') this.tcp(p, n, out);
      else if (n.field === 'icmp' || n.field === 'icmpv6') this.quote(n.children ?? [], out);
    }
    const view = p.ws.tcp;
    if (view) {
      for (const pdu of view.pdus) {
        if (pdu.protocol !== 'http' || !looksLikeHttp(pdu.bytes)) continue;
        const end = pdu.bytes.indexOf(10);
        if (end < 0) continue;
        out.push(seq('chat', 'HTTP', String.fromCharCode(...pdu.bytes.subarray(0, end > 0 && pdu.bytes[end - 1] === 13 ? end - 1 : end)) + '\\r\\n'));
      }
    }
    return out;
  }

  /** The IPv4 and UDP items of an ICMP error's quoted datagram, marked as quoted. */
  private quote(nodes: readonly FieldNode[], out: ExpertItem[]): void {
    for (const n of nodes) {
      const inner: ExpertItem[] = [];
      if (n.field === 'ip') this.ipv4(n, inner);
      else if (n.field === 'udp') this.udp(n, inner);
      else if (n.children) this.quote(n.children, inner);
      out.push(...inner.map((e) => ({ ...e, quoted: true })));
    }
  }

  private ipv4(ip: FieldNode, out: ExpertItem[]): void {
    const ttl = ttlExpert(ip);
    if (ttl) out.push(seq('note', 'IPv4', ttl));
  }

  private udp(udp: FieldNode, out: ExpertItem[]): void {
    for (const f of ['udp.srcport', 'udp.dstport']) {
      const trace = tracerouteExpert(Number(childValue(udp, f) ?? 0));
      if (trace) out.push(seq('chat', 'UDP', trace));
    }
  }

  private tcp(p: TapPacket, tcp: FieldNode, out: ExpertItem[]): void {
    const flags = Number(childValue(tcp, 'tcp.flags') ?? 0);
    const t = p.index.packets;
    const flow = p.index.flows.get(t.flow.get(p.i));
    const dir = flow && t.src.get(p.i) === flow.a && t.sport.get(p.i) === flow.aPort ? 0 : 1;
    if (flags & 0x02) {
      const server = flags & 0x10 ? childValue(tcp, 'tcp.srcport') : childValue(tcp, 'tcp.dstport');
      out.push(seq('chat', 'TCP', flags & 0x10 ? `Connection establish acknowledge (SYN+ACK): server port ${server}` : `Connection establish request (SYN): server port ${server}`));
    }
    if (flags & 0x01) {
      out.push(seq('chat', 'TCP', 'Connection finish (FIN)'));
      const stream = flow?.stream ?? -1;
      const closer = this.closer.get(stream);
      if (closer === undefined) this.closer.set(stream, dir);
      out.push(seq('note', 'TCP', closer === undefined || closer === dir ? 'This frame initiates the connection closing' : 'This frame undergoes the connection closing'));
    }
    if (flags & 0x04) out.push(seq('warn', 'TCP', 'Connection reset (RST)'));
    if (dsack(p, tcp)) out.push(seq('warn', 'TCP', 'D-SACK Sequence'));
    const bits = t.analysis.get(p.i);
    for (const [bit, severity, summary] of ANALYSIS) {
      if (!(bits & bit)) continue;
      if (bit === A_DUPLICATE_ACK) {
        const dup = p.index.dupAcks.get(p.i);
        if (dup) out.push(seq(severity, 'TCP', `Duplicate ACK (#${dup.num})`));
      } else out.push(seq(severity, 'TCP', summary));
    }
  }
}

/** A first SACK block that starts below the acknowledgement number reports a duplicate (RFC 2883). */
function dsack(p: TapPacket, tcp: FieldNode): boolean {
  const sack = childOf(childOf(tcp, 'tcp.options'), 'tcp.options.sack');
  if (!sack || sack.length < 10 || sack.offset + 10 > p.data.length) return false;
  const d = p.data;
  const o = sack.offset + 2;
  const left = ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  const ack = p.index.packets.ack.get(p.i);
  return ((left - ack) | 0) < 0;
}

/** packet-ip.c's TTL check (Note, Sequence): the summary for an IPv4 header, if any. */
export function ttlExpert(ip: FieldNode): string | undefined {
  const ttl = Number(childValue(ip, 'ip.ttl') ?? 255);
  const dst = String(childValue(ip, 'ip.dst') ?? '');
  const first = Number(dst.split('.')[0]);
  if (dst.startsWith('224.0.0.')) return ttl !== 1 ? `"Time To Live" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)` : undefined;
  if (!(first >= 224 && first <= 239) && ttl < 5 && Number(childValue(ip, 'ip.proto')) !== 103) return `"Time To Live" only ${ttl}`;
  return undefined;
}

/** packet-udp.c's traceroute guess (Chat, Sequence) for a port: LBL traceroute's, three attempts a hop. */
export function tracerouteExpert(port: number): string | undefined {
  return port > 33434 && port <= 33464 ? `Possible traceroute: hop #${Math.floor((port - 33435) / 3) + 1}, attempt #${((port - 33435) % 3) + 1}` : undefined;
}
