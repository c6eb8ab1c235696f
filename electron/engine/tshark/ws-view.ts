// The Wireshark view of each packet: what Wireshark's dissection makes of it where it differs
// from tcpdump's (our detail tree follows tcpdump's printers). Kept across the packets of a
// capture, in file order: IP fragments are reassembled, TCP payloads are reassembled into
// HTTP and DNS messages, undissected payloads become `data`. Filters, fields and the
// protocol hierarchy read this view; the Protocol and Info columns too.
import type { FieldNode } from '../dissect/field-node.js';
import { lookupField } from '../filter/field-registry.js';
import { QuotedDissector } from './quoted-packet.js';
import { IpReassembler, type FragmentState } from './ip-reassembly.js';
import { nsDelta, type NsTime, type PacketBase } from './tap.js';
import { nsSeconds } from './field-format.js';
import { looksLikeHttp } from './http-message.js';
import { TcpPdus, type TcpPayloadView, type TcpSegmentInput } from './tcp-pdus.js';
import { childOf, childValue, findNode } from './tree-find.js';
import { wsDhcp } from './ws-dhcp.js';
import { DnsTransactions } from './ws-dns.js';
import { ethTrailer } from './ws-eth.js';
import { EchoTransactions } from './ws-echo.js';
import { HttpMessages } from './ws-http.js';

export interface WsPacket {
  /** The protocols at the top of Wireshark's tree, in Protocol Hierarchy order (no frame). */
  readonly layers: readonly string[];
  /** The packet's tree as Wireshark has it at the top level (fragments, payloads, reassembly). */
  readonly tree: readonly FieldNode[];
  readonly fragment: FragmentState;
  /** The TCP payload's fate (reassembled messages), for TCP segments. */
  readonly tcp?: TcpPayloadView;
  /** The bytes a node of `tree` points into: the frame's, or the reassembled datagram's. */
  bytesOf(node: FieldNode): Uint8Array;
}

const NET = new Set(['ip', 'ipv6']);

const isProtocol = (n: FieldNode): boolean => n.field !== 'frame' && lookupField(n.field)?.type === 'protocol';

function dataNode(offset: number, length: number): FieldNode {
  return { field: 'data', label: `Data (${length} bytes)`, offset, length };
}

export class WiresharkView {
  private readonly ip = new IpReassembler();
  private readonly tcpPdus = new TcpPdus();
  private readonly quoted = new QuotedDissector();
  private readonly dns = new DnsTransactions();
  private readonly echo = new EchoTransactions();
  private readonly http = new HttpMessages();

  /**
   * An ICMP error quoting a datagram: Wireshark dissects the quote inside the ICMP node (our
   * ICMPv6 tree does not: it is added here) and a quoted UDP payload at the top of the tree.
   */
  private icmpQuote(tree: FieldNode[], data: Uint8Array, number: number): void {
    const at = tree.findIndex((n) => n.field === 'icmp' || n.field === 'icmpv6');
    if (at < 0 || tree.slice(at + 1).some(isProtocol)) return;
    let icmp = tree[at]!;
    const end = Math.min(data.length, icmp.offset + icmp.length);
    if (icmp.field === 'icmpv6') {
      const type = Number(childValue(icmp, 'icmpv6.type') ?? 0);
      if (type < 1 || type > 4 || end <= icmp.offset + 8) return;
      const quote = this.quoted.dissect(data, icmp.offset + 8, end, 6, number);
      icmp = { ...icmp, children: [...(icmp.children ?? []), ...quote] };
      tree[at] = icmp;
    }
    const quoted = findNode(icmp.children, 'udp');
    if (!quoted || !(findNode(icmp.children, 'ip') ?? findNode(icmp.children, 'ipv6'))) return;
    const n = Math.min(end - (quoted.offset + 8), udpPayload(quoted));
    if (n > 0) tree.push(dataNode(quoted.offset + 8, n));
  }

  packet(p: PacketBase): WsPacket {
    const fragment = this.ip.packet(p);
    const netAt = p.tree.findIndex((n) => NET.has(n.field));
    let tree: FieldNode[] = [...p.tree];
    let data = p.data;
    if (fragment.kind === 'fragment') {
      const net = p.tree[netAt]!;
      const start = fragmentPayloadStart(net);
      tree = [...p.tree.slice(0, netAt + 1), dataNode(start, Math.max(0, p.data.length - start))];
      return { layers: tree.filter(isProtocol).map((n) => n.field), tree, fragment, bytesOf: () => p.data };
    }
    let bytesOf = (_n: FieldNode): Uint8Array => p.data;
    if (fragment.kind === 'reassembled') {
      const inner = fragment.tree.findIndex((n) => NET.has(n.field));
      const net = p.tree[netAt]!;
      const v4 = net.field === 'ip';
      const hdr = v4 ? 20 : 40;
      const list = ipFragments(fragment.parts, fragment.data.length - hdr, fragment.data.subarray(hdr), v4 ? 'IPv4' : 'IPv6');
      const withList = { ...net, children: [...(net.children ?? []), list] };
      tree = [...p.tree.slice(0, netAt), withList, ...fragment.tree.slice(inner + 1)];
      data = fragment.data;
    }
    if (fragment.kind === 'reassembled') {
      // Nodes made here for the reassembled payload point into it too.
      const frameNodes = new WeakSet<FieldNode>();
      const mark = (ns: readonly FieldNode[]): void => ns.forEach((n) => (frameNodes.add(n), n.children && mark(n.children)));
      mark(p.tree.slice(0, netAt + 1));
      const d = data;
      bytesOf = (n) => (frameNodes.has(n) ? p.data : d);
    }
    const extra: string[] = [];
    const tcp = this.transport(p, tree, data, extra);
    echoData(tree, data, p.abs);
    const icmp = tree.findIndex((n) => n.field === 'icmp' || n.field === 'icmpv6');
    if (icmp >= 0) tree[icmp] = this.echo.message(tree.slice(0, icmp).reverse().find((n) => NET.has(n.field)), tree[icmp]!, p.rec.number, p.abs);
    const dhcp = tree.findIndex((n) => n.field === 'dhcp');
    if (dhcp >= 0) tree[dhcp] = wsDhcp(tree[dhcp]!, data);
    ethTrailer(tree, p.data, p.rec.wirelen);
    const dns = tree.findIndex((n) => n.field === 'dns');
    if (dns >= 0) tree[dns] = this.dns.message(tree[dns]!, String(p.index.packets.flow.get(p.i)), p.rec.number, p.abs);
    const layers = [...tree.filter(isProtocol).map((n) => n.field), ...extra];
    return tcp ? { layers, tree, fragment, tcp, bytesOf } : { layers, tree, fragment, bytesOf };
  }

  /**
   * Replaces our application nodes after tcp/udp with Wireshark's (in place); `extra` gets
   * the layers that have no node of ours (HTTP bodies, reassembly). Returns the TCP view.
   */
  private transport(p: PacketBase, tree: FieldNode[], data: Uint8Array, extra: string[]): TcpPayloadView | undefined {
    const t = tree.findIndex((n) => n.field === 'tcp' || n.field === 'udp');
    if (t < 0) {
      this.icmpQuote(tree, data, p.rec.number);
      return undefined;
    }
    const node = tree[t]!;
    const after = tree.slice(t + 1).filter(isProtocol);
    if (node.field === 'udp') {
      const len = udpPayload(node);
      if (!after.length && len > 0) tree.splice(t + 1, 0, dataNode(node.offset + 8, Math.min(len, Math.max(0, data.length - node.offset - 8))));
      return undefined;
    }
    const engineApp = after[0];
    const seg = tcpSegment(p, node, data, engineApp?.field);
    const view = this.tcpPdus.segment(seg);
    // Keep what follows the application nodes (expert notes), drop our application nodes.
    const rest = tree.slice(t + 1).filter((n) => !isProtocol(n));
    tree.length = t + 1;
    const payload = childOf(node, 'tcp.payload');
    const at = payload?.offset ?? node.offset + node.length;
    const len = payload?.length ?? 0;
    let message = 0;
    for (const l of view.layers) {
      const pdu = l === 'http' ? view.pdus[message++] : undefined;
      if (l === 'data') tree.push(dataNode(at, len));
      else if (pdu && !looksLikeHttp(pdu.bytes)) {
        // Not a request or a response (a piece of a body): HTTP "Continuation" data.
        tree.push({ field: 'http', label: 'Hypertext Transfer Protocol', offset: at, length: len, children: [dataNode(at, len)] });
      } else if (pdu) tree.push(...this.http.message(pdu.bytes, seg.flow, p.rec.number, p.abs, at, len));
      else if (lookupField(l)?.type === 'protocol') tree.push(engineApp && engineApp.field === l ? engineApp : { field: l, label: l.toUpperCase(), offset: at, length: len });
      else extra.push(l);
    }
    tree.push(...rest);
    return view;
  }
}

/** Wireshark's "[3 IPv4 Fragments (3008 bytes): #11(1480), ...]" list of the reassembling frame. */
function ipFragments(parts: readonly { readonly frame: number; readonly offset: number; readonly length: number }[], total: number, payload: Uint8Array, version: 'IPv4' | 'IPv6'): FieldNode {
  const pre = version === 'IPv4' ? 'ip' : 'ipv6';
  const children: FieldNode[] = parts.map((x) => ({ field: `${pre}.fragment`, label: `[Frame: ${x.frame}, payload: ${x.offset}-${x.offset + x.length - 1} (${x.length} bytes)]`, offset: 0, length: 0, value: x.frame }));
  children.push({ field: `${pre}.fragment.count`, label: `[Fragment count: ${parts.length}]`, offset: 0, length: 0, value: parts.length });
  children.push({ field: `${pre}.reassembled.length`, label: `[Reassembled ${version} length: ${total}]`, offset: 0, length: 0, value: total });
  // Bytes items show their first 36 bytes, then an ellipsis.
  let shown = '';
  for (const b of payload.subarray(0, 36)) shown += b.toString(16).padStart(2, '0');
  children.push({ field: `${pre}.reassembled.data`, label: `[Reassembled ${version} data: ${shown}${payload.length > 36 ? '\u2026' : ''}]`, offset: 0, length: 0 });
  const list = parts.map((x) => `#${x.frame}(${x.length})`).join(', ');
  return { field: `${pre}.fragments`, label: `[${parts.length} ${version} Fragments (${total} bytes): ${list}]`, offset: 0, length: 0, children };
}

/**
 * An echo's payload as Wireshark splits it: ICMP data starting with a timestamp within a
 * day of the frame (big- or little-endian seconds, then microseconds) shows the timestamp
 * apart and the data after it; ICMPv6 echo data is a data node inside the ICMPv6 node.
 */
function echoData(tree: FieldNode[], data: Uint8Array, frameTime: NsTime, quoted = false): void {
  const at = tree.findIndex((n) => n.field === 'icmp' || n.field === 'icmpv6');
  if (at < 0) return;
  let icmp = tree[at]!;
  // An error's quoted datagram is dissected the same way (and its checksum not verified).
  const inner = icmp.children ? [...icmp.children] : [];
  const quote = inner.findIndex((n) => n.field === 'icmp.original_datagram');
  const holder = quote >= 0 ? inner[quote]!.children : inner;
  if (holder?.some((n) => n.field === 'icmp' || n.field === 'icmpv6')) {
    const nested = [...holder];
    echoData(nested, data, frameTime, true);
    if (quote >= 0) inner[quote] = { ...inner[quote]!, children: nested };
    else inner.splice(0, inner.length, ...nested);
    icmp = tree[at] = { ...icmp, children: inner };
  }
  if (quoted) {
    const sum = `${icmp.field}.checksum`;
    const kids = (icmp.children ?? []).map((c) =>
      c.field === `${sum}.status`
        ? { ...c, label: '[Checksum Status: Unverified]', value: 2 }
        : c.field === sum
          ? { ...c, label: `${c.label.replace(/ \[(correct|unverified)\]$| incorrect, should be .*$/, '')} [unverified] [in ICMP error packet]` }
          : c,
    );
    icmp = tree[at] = { ...icmp, children: kids };
  }
  const type = Number(childValue(icmp, `${icmp.field}.type`) ?? -1);
  if (icmp.field === 'icmpv6') {
    const end = Math.min(data.length, icmp.offset + icmp.length);
    if ((type === 128 || type === 129) && end > icmp.offset + 8 && !childOf(icmp, 'data')) tree[at] = { ...icmp, children: [...(icmp.children ?? []), dataNode(icmp.offset + 8, end - icmp.offset - 8)] };
    return;
  }
  const d = childOf(icmp, 'data');
  if ((type !== 0 && type !== 8) || !d || d.length < 8) return;
  const dv = new DataView(data.buffer, data.byteOffset);
  const near = (le: boolean): boolean => Math.abs(dv.getUint32(d.offset, le) - frameTime.sec) < 86400 && dv.getUint32(d.offset + 4, le) < 1e6;
  if (!near(false) && !near(true)) return;
  const le = !near(false);
  const stamp: NsTime = { sec: dv.getUint32(d.offset, le), nsec: dv.getUint32(d.offset + 4, le) * 1000 };
  const rel = nsDelta(frameTime, stamp);
  const rest = icmp.children!.filter((c) => c !== d);
  // The time as the frame's is shown (in the reader's zone): the printer formats the value.
  rest.push({ field: 'icmp.data_time', label: 'Timestamp from icmp data', offset: d.offset, length: 8, value: `${stamp.sec}.${String(stamp.nsec).padStart(9, '0')}` });
  rest.push({ field: 'icmp.data_time_relative', label: `[Timestamp from icmp data (relative): ${nsSeconds(rel.sec * 1e9 + rel.nsec)} seconds]`, offset: d.offset, length: 8, value: rel.sec + rel.nsec / 1e9 });
  if (d.length > 8) rest.push(dataNode(d.offset + 8, d.length - 8));
  tree[at] = { ...icmp, children: rest };
}

/** Where a fragment's payload starts (after the IPv4 header, or IPv6's fragment header). */
function fragmentPayloadStart(net: FieldNode): number {
  if (net.field === 'ip') return net.offset + Number(childValue(net, 'ip.hdr_len') ?? 20);
  const frag = childOf(net, 'ipv6.fraghdr');
  return frag ? frag.offset + 8 : net.offset + 40;
}

/** UDP payload length from the length field. */
function udpPayload(udp: FieldNode | undefined): number {
  const len = Number(childValue(udp, 'udp.length') ?? 0);
  return Math.max(0, len - 8);
}


function tcpSegment(p: PacketBase, tcp: FieldNode, data: Uint8Array, engineApp: string | undefined): TcpSegmentInput {
  const t = p.index.packets;
  const i = p.i;
  const flow = p.index.flows.get(t.flow.get(i));
  const dir: 0 | 1 = flow && t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
  const payloadNode = childOf(tcp, 'tcp.payload');
  const length = Number(childValue(tcp, 'tcp.len') ?? 0);
  const payload = payloadNode ? data.subarray(payloadNode.offset, payloadNode.offset + payloadNode.length) : new Uint8Array(0);
  return {
    flow: t.flow.get(i),
    dir,
    frame: p.rec.number,
    sport: Number(childValue(tcp, 'tcp.srcport') ?? 0),
    dport: Number(childValue(tcp, 'tcp.dstport') ?? 0),
    analysis: t.analysis.get(i),
    fin: (t.tcpFlags.get(i) & 1) !== 0,
    rst: (t.tcpFlags.get(i) & 4) !== 0,
    payload,
    length,
    ...(engineApp ? { engineApp } : {}),
  };
}
