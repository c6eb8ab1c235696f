// The Info column of a TCP segment as Wireshark writes it: the analysis tags, then
// "sport → dport [FLAGS] Seq=.. Ack=.. Win=.. Len=.." and the options (MSS=, SACK_PERM,
// TSval=/TSecr=, WS=, SLE=/SRE=), relative sequence numbers, the window scaled.
import type { NameResolver } from '../names/name-resolver.js';
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
import type { TapPacket } from './tap.js';
import { childOf, childValue } from './tree-find.js';

/** The tags Wireshark prepends, first shown first. */
export function tcpAnalysisTags(p: TapPacket): string {
  const bits = p.index.packets.analysis.get(p.i);
  if (!bits) return '';
  const tags: string[] = [];
  const dup = p.index.dupAcks.get(p.i);
  // Wireshark keeps fast and spurious retransmissions apart from plain ones.
  const plainRetrans = bits & A_RETRANSMISSION && !(bits & (A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION));
  if (bits & A_REUSED_PORTS) tags.push('[TCP Port numbers reused]');
  if (bits & A_ZERO_WINDOW_PROBE_ACK) tags.push('[TCP ZeroWindowProbeAck]');
  if (bits & A_ZERO_WINDOW) tags.push('[TCP ZeroWindow]');
  if (bits & A_ZERO_WINDOW_PROBE) tags.push('[TCP ZeroWindowProbe]');
  if (bits & A_OUT_OF_ORDER) tags.push('[TCP Out-Of-Order]');
  if (bits & A_SPURIOUS_RETRANSMISSION) tags.push('[TCP Spurious Retransmission]');
  if (bits & A_FAST_RETRANSMISSION) tags.push('[TCP Fast Retransmission]');
  if (bits & A_DUPLICATE_ACK && dup) tags.push(`[TCP Dup ACK ${dup.frame}#${dup.num}]`);
  if (bits & A_KEEP_ALIVE_ACK) tags.push('[TCP Keep-Alive ACK]');
  if (bits & A_WINDOW_FULL) tags.push('[TCP Window Full]');
  if (bits & A_WINDOW_UPDATE) tags.push('[TCP Window Update]');
  if (bits & A_KEEP_ALIVE) tags.push('[TCP Keep-Alive]');
  if (bits & A_ACK_LOST_SEGMENT) tags.push('[TCP ACKed unseen segment]');
  if (bits & A_LOST_SEGMENT) tags.push('[TCP Previous segment not captured]');
  if (plainRetrans) tags.push('[TCP Retransmission]');
  return tags.map((t) => t + ' ').join('');
}

const FLAG_NAMES: readonly [number, string][] = [
  [0x001, 'FIN'],
  [0x002, 'SYN'],
  [0x004, 'RST'],
  [0x008, 'PSH'],
  [0x010, 'ACK'],
  [0x020, 'URG'],
  [0x040, 'ECE'],
  [0x080, 'CWR'],
  [0x100, 'AE'],
];

/** The set flags' names as Wireshark lists them ("PSH, ACK"), or <None>. */
export function flagNames(flags: number): string {
  const names = FLAG_NAMES.filter(([b]) => flags & b).map(([, n]) => n);
  if (flags & 0xe00) names.push('Reserved');
  return names.length ? names.join(', ') : '<None>';
}

/** "sport → dport [FLAGS] Seq=... Len=... options" (no tags). */
export function tcpSummary(p: TapPacket, tcp: FieldNode, names?: NameResolver): string {
  const t = p.index.packets;
  const i = p.i;
  const flow = p.index.flows.get(t.flow.get(i));
  const dir: 0 | 1 = flow && t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
  const stream = flow?.stream ?? -1;
  const base = p.index.tcp.relativeBase(stream, dir) ?? t.seq.get(i);
  const peerBase = p.index.tcp.relativeBase(stream, dir === 0 ? 1 : 0) ?? 0;
  const flags = Number(childValue(tcp, 'tcp.flags') ?? 0);
  const seq = (t.seq.get(i) - base) >>> 0;
  const port = (f: string): string => (names ? names.port('tcp', String(childValue(tcp, f))) : String(childValue(tcp, f)));
  let s = `${port('tcp.srcport')} \u2192 ${port('tcp.dstport')} [${flagNames(flags)}] Seq=${seq}`;
  if (flags & 0x10) s += ` Ack=${(t.ack.get(i) - peerBase) >>> 0}`;
  const raw = Number(childValue(tcp, 'tcp.window_size_value') ?? 0);
  const ws = p.tcpShown?.winScale ?? -1;
  s += ` Win=${flags & 0x02 || ws < 0 ? raw : raw * 2 ** ws}`;
  s += ` Len=${childValue(tcp, 'tcp.len') ?? 0}`;
  if (flags & 0x20) s += ` Urg=${childValue(tcp, 'tcp.urgent_pointer') ?? 0}`;
  return s + optionsText(p, childOf(tcp, 'tcp.options'), peerBase);
}

/** The options as the Info column lists them, in the segment's order. */
function optionsText(p: TapPacket, options: FieldNode | undefined, peerBase: number): string {
  if (!options?.children) return '';
  const d = p.data;
  const u16 = (o: number): number => (d[o]! << 8) | d[o + 1]!;
  const u32 = (o: number): number => ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  let s = '';
  for (const o of options.children) {
    const at = o.offset;
    const have = (n: number): boolean => o.length >= n && at + n <= d.length;
    switch (o.field) {
      case 'tcp.options.mss':
        if (have(4)) s += ` MSS=${u16(at + 2)}`;
        break;
      case 'tcp.options.sack_perm':
        s += ' SACK_PERM';
        break;
      case 'tcp.options.timestamp':
        if (have(10)) s += ` TSval=${u32(at + 2)} TSecr=${u32(at + 6)}`;
        break;
      case 'tcp.options.wscale':
        if (have(3)) s += ` WS=${2 ** Math.min(d[at + 2]!, 14)}`;
        break;
      case 'tcp.options.sack':
        for (let k = at + 2; k + 8 <= at + o.length && k + 8 <= d.length; k += 8) s += ` SLE=${(u32(k) - peerBase) >>> 0} SRE=${(u32(k + 4) - peerBase) >>> 0}`;
        break;
    }
  }
  return s;
}
