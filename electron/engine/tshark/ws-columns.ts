// Wireshark's Protocol and Info columns (_ws.col.Protocol, _ws.col.Info) for each packet of
// a capture, in file order (an echo reply names the request it answers).
import type { FieldNode } from '../dissect/field-node.js';
import type { TapPacket } from './tap.js';
import { childValue, findAll } from './tree-find.js';
import { dhcpInfo, dnsInfo, httpInfo } from './ws-info-app.js';
import { arpInfo, icmpInfo, icmpv6Info, ipv4FragmentInfo, ipv6FragmentInfo } from './ws-info-net.js';
import { tcpAnalysisTags, tcpSummary } from './ws-info-tcp.js';
import type { NameResolver } from '../names/name-resolver.js';

export interface Columns {
  readonly protocol: string;
  readonly info: string;
}

/** Protocols that set the Protocol column, by field name. */
const NAMES: Record<string, string> = { arp: 'ARP', ip: 'IPv4', ipv6: 'IPv6', icmp: 'ICMP', icmpv6: 'ICMPv6', tcp: 'TCP', udp: 'UDP', dns: 'DNS', dhcp: 'DHCP', http: 'HTTP', eth: 'ETH', sll: 'SLL' };
/** Dissectors that read their whole message: a frame cut short stops them with an exception. */
const CUT_BY_SNAPLEN = new Set(['DHCP', 'BOOTP', 'DNS']);
const SEGMENT = ' [TCP segment of a reassembled PDU]';

export class WsColumns {
  /** Echo requests seen: addresses, id and sequence number -> frame number. */
  private readonly echoes = new Map<string, number>();

  /** @param names the names turned on (Info column ports); none when absent. */
  constructor(private readonly names?: NameResolver) {}

  packet(p: TapPacket): Columns {
    const c = this.columns(p);
    // A frame cut by the snapshot length inside the protocol that wrote the Info column.
    const cut = findAll(p.ws.tree, '_ws.expert').some((n) => n.label.startsWith('[Packet size limited during capture')) || (p.rec.caplen < p.rec.wirelen && CUT_BY_SNAPLEN.has(c.protocol));
    if (c.protocol !== 'TCP' && c.protocol !== 'HTTP' && cut) {
      return { protocol: c.protocol, info: c.info + '[Packet size limited during capture]' };
    }
    return c;
  }

  private columns(p: TapPacket): Columns {
    const tree = p.ws.tree;
    const frag = p.ws.fragment;
    const net = tree.find((n) => n.field === 'ip' || n.field === 'ipv6');
    if (frag.kind === 'fragment' && net) return net.field === 'ip' ? { protocol: 'IPv4', info: ipv4FragmentInfo(net) } : { protocol: 'IPv6', info: ipv6FragmentInfo(net) };
    const top = [...tree].reverse().find((n) => NAMES[n.field] !== undefined);
    if (!top) return { protocol: '', info: '' };
    const node = (f: string): FieldNode | undefined => tree.find((n) => n.field === f);
    switch (top.field) {
      case 'arp': {
        const op = Number(childValue(top, 'arp.opcode') ?? 0);
        return { protocol: op === 3 || op === 4 ? 'RARP' : 'ARP', info: arpInfo(top) };
      }
      case 'icmp':
        return { protocol: 'ICMP', info: icmpInfo(top, Number(childValue(net, 'ip.ttl') ?? 0), this.echo(net, top, 'icmp')) };
      case 'icmpv6':
        return { protocol: 'ICMPv6', info: icmpv6Info(top, p.ws.bytesOf(top), Number(childValue(net, 'ipv6.hlim') ?? 0), this.echo(net, top, 'icmpv6')) };
      case 'udp': {
        const len = Math.max(0, Number(childValue(top, 'udp.length') ?? 8) - 8);
        return { protocol: 'UDP', info: `${this.udpPort(top, 'udp.srcport')} \u2192 ${this.udpPort(top, 'udp.dstport')} Len=${len}` };
      }
      case 'dhcp': {
        // Without a DHCP message type it is plain BOOTP.
        const info = dhcpInfo(top);
        return { protocol: info.startsWith('Boot ') ? 'BOOTP' : 'DHCP', info };
      }
      case 'dns':
      case 'http':
      case 'tcp':
        return this.overTransport(p, top, node('tcp'));
      default:
        return { protocol: NAMES[top.field]!, info: '' };
    }
  }

  /** DNS over UDP, and whatever rides on TCP: the analysis tags first, then the message or the segment. */
  private overTransport(p: TapPacket, top: FieldNode, tcp: FieldNode | undefined): Columns {
    if (!tcp) return { protocol: 'DNS', info: dnsInfo(top) };
    const tags = tcpAnalysisTags(p);
    const view = p.ws.tcp;
    const pdu = view?.pdus[0];
    if (top.field === 'http' && pdu) return { protocol: 'HTTP', info: tags + httpInfo(pdu.bytes, pdu.truncated) };
    if (top.field === 'dns') return { protocol: 'DNS', info: tags + dnsInfo(top) };
    if (view?.partial) return { protocol: 'TCP', info: tags + (view.partialHead !== undefined ? `${view.partialHead} ` : tcpSummary(p, tcp, this.names)) + SEGMENT };
    return { protocol: 'TCP', info: tags + tcpSummary(p, tcp, this.names) };
  }

  private udpPort(udp: FieldNode, field: string): string {
    const v = String(childValue(udp, field));
    return this.names ? this.names.port('udp', v) : v;
  }

  /** For a reply, the frame of its request; a request is remembered. */
  private echo(net: FieldNode | undefined, icmp: FieldNode, kind: 'icmp' | 'icmpv6'): number | undefined {
    const type = Number(childValue(icmp, `${kind}.type`) ?? -1);
    const isRequest = kind === 'icmp' ? type === 8 : type === 128;
    const isReply = kind === 'icmp' ? type === 0 : type === 129;
    if (!net || (!isRequest && !isReply)) return undefined;
    const pre = net.field === 'ip' ? 'ip' : 'ipv6';
    const src = String(childValue(net, `${pre}.src`));
    const dst = String(childValue(net, `${pre}.dst`));
    const id = kind === 'icmp' ? childValue(icmp, 'icmp.ident') : childValue(icmp, 'icmpv6.echo.identifier');
    const seq = kind === 'icmp' ? childValue(icmp, 'icmp.seq') : childValue(icmp, 'icmpv6.echo.sequence_number');
    if (isRequest) {
      this.echoes.set(`${kind}|${src}|${dst}|${id}|${seq}`, this.frame);
      return undefined;
    }
    return this.echoes.get(`${kind}|${dst}|${src}|${id}|${seq}`);
  }

  private frame = 0;

  /** The columns of every packet, in order (the pass calls this once per packet). */
  next(p: TapPacket): Columns {
    this.frame = p.rec.number;
    return this.packet(p);
  }
}
