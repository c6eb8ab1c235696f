// `tshark -V`: each printed packet's detail tree as text, four spaces a level, then a blank
// line. The frame and Ethernet items are written here as Wireshark's frame and eth dissectors
// write them (times, interface, the address bit fields); the other protocols print the
// labels of Wireshark's view of the packet (ws-view.ts), as far as they are Wireshark's.
import type { CaptureInterface } from '../../capfile/types.js';
import type { FieldNode } from '../dissect/field-node.js';
import { dscpNames, ECN_NAMES } from '../format/dscp.js';
import { nsSeconds } from './field-format.js';
import { nsDelta, type NsTime, type TapPacket } from './tap.js';
import { udpStreamOfEnds, udpStreamOfRow } from '../flows/udp-streams.js';
import { tracerouteExpert, ttlExpert } from './ws-expert.js';
import { absoluteTime, UTC_ZONE, type LocalZone } from './tshark-fields.js';
import { childValue } from './tree-find.js';
import { HIDDEN_NODES } from './ws-dhcp.js';
import { frameProtocols } from './ws-protocols.js';
import { wsTcpNodes } from './ws-tcp-node.js';

/** Wireshark's encapsulation names (wtap_encap_description) and WTAP_ENCAP numbers, by linktype. */
const ENCAPSULATION: ReadonlyMap<number, string> = new Map([
  [1, 'Ethernet (1)'],
  [113, 'Linux cooked-mode capture v1 (25)'],
  [276, 'Linux cooked-mode capture v2 (210)'],
  [0, 'NULL/Loopback (15)'],
  [101, 'Raw IP (7)'],
  [228, 'Raw IPv4 (129)'],
  [229, 'Raw IPv6 (130)'],
]);

const ns = (t: NsTime): string => nsSeconds(t.sec * 1e9 + t.nsec);

export class TreeTextPrinter {
  private lastDisplayed: NsTime | null = null;

  constructor(
    readonly zone: LocalZone,
    /** The capture's interfaces by id (pcapng names them). */
    readonly interfaces: (id: number) => CaptureInterface | undefined,
  ) {}

  /** The text of one printed packet (call for every displayed packet, in order). */
  packet(p: TapPacket): string {
    const lines: string[] = [];
    bytesOf = (n) => p.ws.bytesOf(n);
    printing = p;
    zone = this.zone;
    for (const n of p.ws.tree) {
      if (n.field === 'frame') this.frame(p, n, lines);
      else if (n.field === 'pkt_comment') comments(n, lines);
      else if (n.field === 'eth') ethernet(n, lines);
      else if (n.field === 'ip') ipv4(n, lines);
      else if (n.field === 'udp') this.udp(p, n, lines);
      else if (n.field === 'tcp') for (const x of wsTcpNodes(p, n)) node(x, 0, lines);
      else node(n, 0, lines);
    }
    this.lastDisplayed = p.abs;
    return lines.join('\n') + '\n\n';
  }

  /** Per udp.stream: the times of its first and latest packets ([Timestamps]). */
  private readonly udpTimes = new Map<number, { first: NsTime; prev: NsTime }>();

  /** UDP as packet-udp.c writes it, with the stream's [Timestamps]. */
  private udp(p: TapPacket, n: FieldNode, out: string[]): void {
    const stream = udpStreamOfRow(p.index, p.i);
    const times: string[] = [];
    if (stream >= 0) {
      const t = this.udpTimes.get(stream) ?? { first: p.abs, prev: p.abs };
      times.push('    [Timestamps]', `        [Time since first frame: ${ns(nsDelta(p.abs, t.first))} seconds]`, `        [Time since previous frame: ${ns(nsDelta(p.abs, t.prev))} seconds]`);
      this.udpTimes.set(stream, { first: t.first, prev: p.abs });
    }
    udpLines(n, 0, out, stream, times);
  }

  private frame(p: TapPacket, n: FieldNode, out: string[]): void {
    const pcapng = p.rec.blockType !== 0;
    const iface = this.interfaces(p.rec.interfaceId);
    const ifName = iface?.name ?? 'unknown';
    out.push(pcapng ? `${n.label} on interface ${ifName}, id ${p.rec.interfaceId}` : n.label);
    if (pcapng) {
      out.push(`    Section number: ${(iface?.section ?? 0) + 1}`);
      out.push(`    Interface id: ${p.rec.interfaceId} (${ifName})`);
      out.push(`        Interface name: ${ifName}`);
      if (iface?.description !== undefined) out.push(`        Interface description: ${iface.description}`);
    }
    const linktype = iface?.linktype ?? 1;
    out.push(`    Encapsulation type: ${ENCAPSULATION.get(linktype) ?? `Unknown (${linktype})`}`);
    out.push(`    Arrival Time: ${absoluteTime(p.abs, this.zone)}`);
    out.push('    [Time shift for this packet: 0.000000000 seconds]');
    out.push(`    Epoch Time: ${p.abs.sec}.${String(p.abs.nsec).padStart(9, '0')} seconds`);
    out.push(`    [Time delta from previous captured frame: ${ns(p.delta)} seconds]`);
    const shown = this.lastDisplayed ? { sec: p.abs.sec - this.lastDisplayed.sec, nsec: p.abs.nsec - this.lastDisplayed.nsec } : { sec: 0, nsec: 0 };
    out.push(`    [Time delta from previous displayed frame: ${ns(shown)} seconds]`);
    out.push(`    [Time since reference or first frame: ${ns(p.rel)} seconds]`);
    for (const c of n.children ?? []) if (c.field === 'frame.number' || c.field === 'frame.len' || c.field === 'frame.cap_len') out.push(`    ${c.label}`);
    out.push('    [Frame is marked: False]', '    [Frame is ignored: False]', `    [Protocols in frame: ${frameProtocols(p)}]`);
  }
}

/** The reader's zone, for times taken from packet data (the ICMP echo timestamp). */
let zone: LocalZone = UTC_ZONE;
const icmpDataTime = (v: string): string => {
  const [sec = '0', nsec = '0'] = v.split('.');
  return absoluteTime({ sec: Number(sec), nsec: Number(nsec) }, zone);
};

/** The packet being printed (for a quoted datagram's stream). */
let printing: TapPacket | undefined;

/** The bytes a node of the packet being printed points into. */
let bytesOf: (n: FieldNode) => Uint8Array = () => new Uint8Array(0);

/** A node and its subtree as Wireshark prints them (hidden items and our own notes left out). */
function node(n: FieldNode, depth: number, out: string[]): void {
  if (n.hidden || HIDDEN_NODES.has(n) || n.field === '_ws.expert') return;
  if (n.field === 'data') return data(n, depth, out);
  if (n.field === 'ip') return ipv4(n, out, depth);
  if (n.field === 'udp') return quotedUdp(n, depth, out);
  if (n.field === 'icmp.data_time') return void out.push(`${'    '.repeat(depth)}${n.label}: ${icmpDataTime(String(n.value))}`);
  out.push('    '.repeat(depth) + itemLabel(n.label));
  for (const c of n.children ?? []) node(c, depth + 1, out);
}

/** An expert item's lines (packet_print.c prints the item and its message, severity, group). */
function expertLines(depth: number, severity: string, group: string, message: string, out: string[]): void {
  const pad = '    '.repeat(depth);
  out.push(`${pad}[Expert Info (${severity}/${group}): ${message}]`, `${pad}    [${message}]`, `${pad}    [Severity level: ${severity}]`, `${pad}    [Group: ${group}]`);
}

/**
 * UDP's lines (packet-udp.c): ports (a traceroute port with its expert item), length, the
 * unverified checksum, the stream index, `times` ([Timestamps], the frame's own datagram
 * only) and the payload length.
 */
function udpLines(n: FieldNode, depth: number, out: string[], stream: number, times: readonly string[]): void {
  const pad = '    '.repeat(depth + 1);
  out.push('    '.repeat(depth) + n.label);
  for (const c of n.children ?? []) {
    if (c.field === 'udp.port') continue;
    if (c.field === 'udp.checksum') {
      const checksum = Number(c.value ?? 0);
      out.push(checksum === 0 ? `${pad}Checksum: 0x0000 [zero-value ignored]` : `${pad}${c.label}`);
      out.push(checksum === 0 ? `${pad}[Checksum Status: Not present]` : `${pad}[Checksum Status: Unverified]`);
      continue;
    }
    node(c, depth + 1, out);
    const trace = c.field === 'udp.srcport' || c.field === 'udp.dstport' ? tracerouteExpert(Number(c.value ?? 0)) : undefined;
    if (trace) expertLines(depth + 2, 'Chat', 'Sequence', trace, out);
  }
  if (stream >= 0) out.push(`${pad}[Stream index: ${stream}]`);
  out.push(...times.map((l) => '    '.repeat(depth) + l));
  const len = Number(childValue(n, 'udp.length') ?? 8) - 8;
  if (len > 0) out.push(`${pad}UDP payload (${len} bytes)`);
}

/** A UDP header quoted in an ICMP error: its own conversation's stream, no timestamps. */
function quotedUdp(n: FieldNode, depth: number, out: string[]): void {
  const p = printing;
  let stream = -1;
  const ip = p && findQuotedIp(p.ws.tree, n);
  if (p && ip) {
    const pre = ip.field === 'ip' ? 'ip' : 'ipv6';
    stream = udpStreamOfEnds(p.index, String(childValue(ip, `${pre}.src`)), Number(childValue(n, 'udp.srcport')), String(childValue(ip, `${pre}.dst`)), Number(childValue(n, 'udp.dstport')));
  }
  udpLines(n, depth, out, stream, []);
}

/** The IP header just before `udp` among its siblings (the quoted datagram's). */
function findQuotedIp(nodes: readonly FieldNode[], udp: FieldNode): FieldNode | undefined {
  for (const n of nodes) {
    const kids = n.children ?? [];
    const at = kids.indexOf(udp);
    if (at > 0) return kids.slice(0, at).reverse().find((k) => k.field === 'ip' || k.field === 'ipv6');
    const inner = findQuotedIp(kids, udp);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * A label as proto.c stores it: ITEM_LABEL_LENGTH (240) bytes with the NUL, so a longer one
 * is cut, " [truncated]" put before it (a long text body line, a big header).
 */
function itemLabel(label: string): string {
  return label.length < 240 ? label : ` [truncated]${label.slice(0, 227)}`;
}

/** Packet comments as packet-frame.c adds them: each comment with its Comment-level expert item. */
function comments(n: FieldNode, out: string[]): void {
  out.push(n.label);
  for (const c of n.children ?? []) {
    const text = String(c.value ?? c.label);
    out.push(`    ${text}`, `        [Expert Info (Comment/Comment): ${text}]`, `            [${text}]`, '            [Severity level: Comment]', '            [Group: Comment]');
  }
}

/** Ethernet II: each address with its LG and IG bits, as packet-eth.c adds them. */
function ethernet(n: FieldNode, out: string[]): void {
  out.push(n.label);
  for (const c of n.children ?? []) {
    if (c.field !== 'eth.dst' && c.field !== 'eth.src') {
      node(c, 1, out);
      continue;
    }
    out.push(`    ${c.label}`);
    const mac = String(c.value ?? childValue(n, c.field) ?? '');
    const first = parseInt(mac.slice(0, 2), 16);
    out.push(`        Address: ${mac}`);
    out.push(
      first & 2
        ? '        .... ..1. .... .... .... .... = LG bit: Locally administered address (this is NOT the factory default)'
        : '        .... ..0. .... .... .... .... = LG bit: Globally unique address (factory default)',
    );
    out.push(first & 1 ? '        .... ...1 .... .... .... .... = IG bit: Group address (multicast/broadcast)' : '        .... ...0 .... .... .... .... = IG bit: Individual address (unicast)');
  }
}

/** Bits of `value` (width `bits`) under `mask` as Wireshark draws a bit field: "..0. ....". */
function bitPattern(value: number, mask: number, bits: number): string {
  let s = '';
  for (let b = bits - 1; b >= 0; b--) {
    s += mask & (1 << b) ? ((value >> b) & 1 ? '1' : '0') : '.';
    if (b % 4 === 0 && b) s += ' ';
  }
  return s;
}

/** IPv4 as packet-ip.c writes it: DS field and flags as bit fields, the checksum unverified. */
function ipv4(n: FieldNode, out: string[], depth = 0): void {
  const pad = '    '.repeat(depth + 1);
  out.push('    '.repeat(depth) + n.label);
  for (const c of n.children ?? []) {
    switch (c.field) {
      case 'ip.dsfield': {
        const v = Number(c.value ?? 0);
        const dscp = v >> 2;
        const ecn = v & 3;
        const [short, long] = dscpNames(dscp);
        const [eshort, elong] = ECN_NAMES[ecn]!;
        out.push(`${pad}Differentiated Services Field: 0x${v.toString(16).padStart(2, '0')} (DSCP: ${short}, ECN: ${eshort})`);
        out.push(`${pad}    ${bitPattern(v, 0xfc, 8)} = Differentiated Services Codepoint: ${long} (${dscp})`);
        out.push(`${pad}    ${bitPattern(v, 0x03, 8)} = Explicit Congestion Notification: ${elong} (${ecn})`);
        break;
      }
      case 'ip.flags': {
        const flags = Number(c.value ?? 0);
        out.push(`${pad}${bitPattern(flags << 5, 0xe0, 8)} = ${c.label}`);
        for (const k of c.children ?? []) node(k, depth + 2, out);
        break;
      }
      case 'ip.frag_offset':
        out.push(`${pad}${bitPattern(Number(c.value ?? 0), 0x1fff, 16)} = ${c.label}`);
        break;
      case 'ip.ttl': {
        node(c, depth + 1, out);
        const ttl = ttlExpert(n);
        if (ttl) expertLines(depth + 2, 'Note', 'Sequence', ttl, out);
        break;
      }
      case 'ip.checksum':
        out.push(`${pad}${c.label.replace(/ \[(correct|incorrect)\]$/, '')} [validation disabled]`, `${pad}[Header checksum status: Unverified]`);
        break;
      default:
        node(c, depth + 1, out);
    }
  }
}

/**
 * Undissected data: tshark dumps its bytes in hex right under the item (packet_print.c does
 * so for the data protocol), then shows the bytes (36 at most, then "…") and the length.
 */
function data(n: FieldNode, depth: number, out: string[]): void {
  const all = bytesOf(n);
  const b = all.subarray(Math.min(n.offset, all.length), Math.min(all.length, n.offset + n.length));
  out.push('    '.repeat(depth) + `Data (${b.length} bytes)`, '');
  for (let o = 0; o < b.length; o += 16) {
    const row = b.subarray(o, o + 16);
    let hex = '';
    let text = '';
    for (const x of row) {
      hex += x.toString(16).padStart(2, '0') + ' ';
      text += x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.';
    }
    out.push(`${o.toString(16).padStart(4, '0')}  ${hex.padEnd(48)}  ${text}`);
  }
  let shown = '';
  for (const x of b.subarray(0, 36)) shown += x.toString(16).padStart(2, '0');
  const pad = '    '.repeat(depth + 1);
  out.push(`${pad}Data: ${shown}${b.length > 36 ? '\u2026' : ''}`, `${pad}[Length: ${b.length}]`);
}
