// Wireshark's TCP subtree (packet-tcp.c, 4.0), built from the engine's TCP node and what the
// connection analysis knows at the packet: the relative numbers, stream, completeness,
// flags summary and expert items, window scaling, option values, [Timestamps] and
// [SEQ/ACK analysis]. One builder for both views: `tshark -V` passes the facts its single
// pass knew at the packet, the app's detail pane the facts of the finished index.
import type { ExpertSeverity, FieldNode } from '../dissect/field-node.js';
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
import { nsSeconds } from './field-format.js';
import { childValue } from './tree-find.js';
import { flagNames } from './ws-info-tcp.js';

/** The per-segment results of the sequence analysis (Wireshark's struct tcp_acked). */
export interface WsSeqAck {
  readonly acksFrame?: number;
  readonly ackRttNs?: number;
  /** tcp.analysis.initial_rtt, when the stream's handshake is known. */
  readonly irttNs?: number;
  readonly bytesInFlight?: number;
  readonly pushBytes?: number;
  /** tcp.analysis.* bits (analysis-flags.ts). */
  readonly analysis: number;
  readonly dupAck?: { readonly num: number; readonly frame: number };
  readonly rto?: { readonly frame: number; readonly ns: number };
}

/** What the TCP tree shows beyond the segment's own bytes. */
export interface WsTcpFacts {
  readonly stream: number;
  readonly completeness: number;
  /** Raw sequence numbers of relative 0: the sender's, and the receiver's (for the ACK and SACK edges). */
  readonly seqBase: number;
  readonly ackBase: number;
  /** The sender's window scale shift: 0..14, -1 unknown, -2 not used. */
  readonly winScale: number;
  readonly sinceFirstNs: number;
  readonly sincePrevNs: number;
  /** For a FIN: whether its side sent the connection's first FIN. */
  readonly closing?: 'initiates' | 'undergoes';
  /** Absent when Wireshark has no analysis record for the segment (no [SEQ/ACK analysis]). */
  readonly seqAck?: WsSeqAck;
}

const SEVERITY: Record<ExpertSeverity, string> = { chat: 'Chat', note: 'Note', warning: 'Warning', error: 'Error' };

/** An expert item as tshark prints it: the message, its severity and group as children. */
export function expertNode(field: string, severity: ExpertSeverity, message: string, at: number, group = 'Sequence'): FieldNode {
  const s = SEVERITY[severity];
  return {
    field,
    label: `[Expert Info (${s}/${group}): ${message}]`,
    offset: at,
    length: 0,
    expert: { severity, group: group.toLowerCase(), message },
    children: [
      { field: '_ws.expert.message', label: `[${message}]`, offset: at, length: 0, value: message },
      { field: '_ws.expert.severity', label: `[Severity level: ${s}]`, offset: at, length: 0 },
      { field: '_ws.expert.group', label: `[Group: ${group}]`, offset: at, length: 0 },
    ],
  };
}

/** conversation_completeness_fill. */
export function completenessText(c: number): string {
  switch (c) {
    case 1:
      return `Incomplete, SYN_SENT (${c})`;
    case 3:
      return `Incomplete, CLIENT_ESTABLISHED (${c})`;
    case 7:
      return `Incomplete, ESTABLISHED (${c})`;
    case 15:
      return `Incomplete, DATA (${c})`;
    case 31:
    case 47:
    case 63:
      return `Complete, WITH_DATA (${c})`;
    case 23:
    case 39:
    case 55:
      return `Complete, NO_DATA (${c})`;
    default:
      return `Incomplete (${c})`;
  }
}

const gen = (field: string, label: string, at: number, value?: number | string): FieldNode => (value === undefined ? { field, label, offset: at, length: 0 } : { field, label, offset: at, length: 0, value });

const u32 = (d: Uint8Array, o: number): number => ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;

/** Wireshark's TCP node for the engine's `tcp` node over `data`. */
export function wsTcpTree(tcp: FieldNode, data: Uint8Array, f: WsTcpFacts): FieldNode {
  const at = tcp.offset;
  const kids = tcp.children ?? [];
  const by = (field: string): FieldNode | undefined => kids.find((c) => c.field === field);
  const num = (field: string): number => Number(childValue(tcp, field) ?? 0);
  const flags = num('tcp.flags');
  const len = num('tcp.len');
  const seqRaw = num('tcp.seq_raw');
  const ackRaw = num('tcp.ack_raw');
  const seq = (seqRaw - f.seqBase) >>> 0;
  const ack = (ackRaw - f.ackBase) >>> 0;
  const nxt = (seq + len + (flags & 0x03 ? 1 : 0)) >>> 0;
  const out: FieldNode[] = [];
  const push = (n: FieldNode | undefined): void => void (n && out.push(n));
  const used = new Set<FieldNode>();
  const take = (field: string): FieldNode | undefined => {
    const n = by(field);
    if (n) used.add(n);
    return n;
  };
  for (const n of kids) if (n.field === 'tcp.port') used.add(n);

  push(take('tcp.srcport'));
  push(take('tcp.dstport'));
  out.push(gen('tcp.stream', `[Stream index: ${f.stream}]`, at, f.stream));
  out.push(gen('tcp.completeness', `[Conversation completeness: ${completenessText(f.completeness)}]`, at, f.completeness));
  const lenNode = take('tcp.len');
  out.push(lenNode ? { ...lenNode, label: `[${lenNode.label}]` } : gen('tcp.len', `[TCP Segment Len: ${len}]`, at, len));
  out.push({ field: 'tcp.seq', label: `Sequence Number: ${seq}    (relative sequence number)`, offset: at + 4, length: 4, value: seq });
  push(take('tcp.seq_raw'));
  out.push(gen('tcp.nxtseq', `[Next Sequence Number: ${nxt}    (relative sequence number)]`, at, nxt));
  out.push(flags & 0x10 ? { field: 'tcp.ack', label: `Acknowledgment Number: ${ack}    (relative ack number)`, offset: at + 8, length: 4, value: ack } : { field: 'tcp.ack', label: `Acknowledgment Number: ${ackRaw}`, offset: at + 8, length: 4, value: ackRaw });
  push(take('tcp.ack_raw'));
  push(take('tcp.hdr_len'));
  const fl = take('tcp.flags');
  // The label shows all twelve bits, the reserved ones too.
  const all = at + 13 < data.length ? ((data[at + 12]! & 0x0f) << 8) | data[at + 13]! : flags;
  if (fl) out.push(flagsNode(fl, all, f, at, [num('tcp.srcport'), num('tcp.dstport')]));
  const win = take('tcp.window_size_value');
  push(win);
  const raw = num('tcp.window_size_value');
  const syn = (flags & 0x02) !== 0;
  const shift = syn ? -1 : f.winScale;
  const calc = shift >= 0 ? raw * 2 ** shift : raw;
  out.push(gen('tcp.window_size', `[Calculated window size: ${calc}]`, at + 14, calc));
  if (!syn) {
    const factor = f.winScale >= 0 ? String(2 ** f.winScale) : f.winScale === -2 ? '-2 (no window scaling used)' : '-1 (unknown)';
    out.push(gen('tcp.window_size_scalefactor', `[Window size scaling factor: ${factor}]`, at + 14, f.winScale >= 0 ? 2 ** f.winScale : f.winScale));
  }
  push(take('tcp.checksum'));
  out.push(gen('tcp.checksum.status', '[Checksum Status: Unverified]', at + 16, 2));
  push(take('tcp.urgent_pointer'));
  const opts = take('tcp.options');
  if (opts) out.push(optionsNode(opts, data, f.ackBase, ackRaw, at));
  const payloadNode = take('tcp.payload');
  // A reset's data is its cause, in text (RFC 1122 4.2.2.12): Wireshark shows it, not a payload.
  const payload = payloadNode && flags & 0x04 ? resetCause(payloadNode, data) : payloadNode;
  for (const n of kids) if (!used.has(n)) out.push(n);
  out.push({
    field: 'tcp.time',
    label: '[Timestamps]',
    offset: at,
    length: 0,
    children: [gen('tcp.time_relative', `[Time since first frame in this TCP stream: ${nsSeconds(f.sinceFirstNs)} seconds]`, at, f.sinceFirstNs / 1e9), gen('tcp.time_delta', `[Time since previous frame in this TCP stream: ${nsSeconds(f.sincePrevNs)} seconds]`, at, f.sincePrevNs / 1e9)],
  });
  if (f.seqAck) out.push(seqAckNode(f.seqAck, at));
  push(payload);
  let label = `Transmission Control Protocol, Src Port: ${num('tcp.srcport')}, Dst Port: ${num('tcp.dstport')}, Seq: ${seq}`;
  if (flags & 0x10) label += `, Ack: ${ack}`;
  label += `, Len: ${len}`;
  return { ...tcp, label, children: out };
}

/** The flags and their bits, with the SYN/FIN/RST expert items and the closing note. */
function flagsNode(fl: FieldNode, flags: number, f: WsTcpFacts, at: number, ports: readonly [number, number]): FieldNode {
  const bits = (fl.children ?? []).map((b) => {
    const kids: FieldNode[] = [];
    if (b.field === 'tcp.flags.syn' && flags & 0x02) {
      // The server port: the destination of a SYN, the source of a SYN-ACK.
      const ack = (flags & 0x10) !== 0;
      const what = ack ? 'Connection establish acknowledge (SYN+ACK)' : 'Connection establish request (SYN)';
      kids.push(expertNode(ack ? 'tcp.connection.synack' : 'tcp.connection.syn', 'chat', `${what}: server port ${ack ? ports[0] : ports[1]}`, at + 13));
    }
    if (b.field === 'tcp.flags.reset' && flags & 0x04) kids.push(expertNode('tcp.connection.rst', 'warning', 'Connection reset (RST)', at + 13));
    if (b.field === 'tcp.flags.fin' && flags & 0x01) kids.push(expertNode('tcp.connection.fin', 'chat', 'Connection finish (FIN)', at + 13));
    if (b.field === 'tcp.flags.str' && flags & 0x01 && f.closing) {
      kids.push(expertNode(f.closing === 'initiates' ? 'tcp.connection.fin_active' : 'tcp.connection.fin_passive', 'note', `This frame ${f.closing} the connection closing`, at + 12));
    }
    return kids.length ? { ...b, children: [...(b.children ?? []), ...kids] } : b;
  });
  return { ...fl, label: `Flags: 0x${flags.toString(16).padStart(3, '0')} (${flagNames(flags)})`, children: bits };
}

/** "Reset cause: ..." over the captured bytes of a reset's data, escaped as Wireshark's format_text. */
function resetCause(p: FieldNode, d: Uint8Array): FieldNode {
  let text = '';
  for (const b of d.subarray(p.offset, Math.min(d.length, p.offset + p.length))) text += formatChar(b);
  return { field: 'tcp.reset_cause', label: `Reset cause: ${text}`, offset: p.offset, length: p.length, value: text };
}

const ESCAPES: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };

function formatChar(b: number): string {
  if (b >= 0x20 && b < 0x7f && b !== 92) return String.fromCharCode(b);
  // Read as ASCII: a byte past 0x7f is not a character (U+FFFD).
  if (b >= 0x80) return '\ufffd';
  return ESCAPES[b] ?? `\\x${b.toString(16).padStart(2, '0')}`;
}

/** Option names in the Options summary (their subtree label after "TCP Option - "). */
const SHORT: Readonly<Record<string, string>> = {
  'tcp.options.eol': 'End of Option List (EOL)',
  'tcp.options.nop': 'No-Operation (NOP)',
  'tcp.options.mss': 'Maximum segment size',
  'tcp.options.wscale': 'Window scale',
  'tcp.options.sack_perm': 'SACK permitted',
  'tcp.options.sack': 'SACK',
  'tcp.options.timestamp': 'Timestamps',
  'tcp.options.tfo': 'TCP Fast Open',
};

/** The options with each one's values, and their names listed in the Options line. */
function optionsNode(opts: FieldNode, d: Uint8Array, ackBase: number, ackRaw: number, header: number): FieldNode {
  const names: string[] = [];
  let nops = 0;
  const children = (opts.children ?? []).flatMap((o): FieldNode[] => {
    // Wireshark counts NOPs in a row within a 32-bit word (a count restarts at a word
    // boundary) and warns at the fourth, on the Options item, before that NOP's own item.
    let warn: FieldNode[] = [];
    if (o.field === 'tcp.options.nop') {
      if (nops === 0 || (o.offset - header) % 4 !== 0) {
        if (++nops === 4) warn = [expertNode('tcp.nop', 'warning', '4 NOP in a row - a router may have removed some options', o.offset, 'Protocol')];
      } else nops = 0;
    }
    return [...warn, optionNode(o, d, ackBase, ackRaw, names)];
  });
  // A label holds ITEM_LABEL_LENGTH - 1 characters: a long list of options is cut there.
  const label = `Options: (${opts.length} bytes)${names.map((n) => `, ${n}`).join('')}`.slice(0, 239);
  return { ...opts, label, children };
}

/** One option with its values; its name goes to `names`. */
function optionNode(o: FieldNode, d: Uint8Array, ackBase: number, ackRaw: number, names: string[]): FieldNode {
  const name = SHORT[o.field];
  if (name) names.push(name);
  const p = o.offset;
  const have = (n: number): boolean => o.length >= n && p + n <= d.length;
  const kids = [...(o.children ?? [])];
  switch (o.field) {
    case 'tcp.options.mss':
      if (have(4)) kids.push({ field: 'tcp.options.mss_val', label: `MSS Value: ${(d[p + 2]! << 8) | d[p + 3]!}`, offset: p + 2, length: 2, value: (d[p + 2]! << 8) | d[p + 3]! });
      break;
    case 'tcp.options.timestamp':
      if (have(10)) {
        kids.push({ field: 'tcp.options.timestamp.tsval', label: `Timestamp value: ${u32(d, p + 2)}`, offset: p + 2, length: 4, value: u32(d, p + 2) });
        kids.push({ field: 'tcp.options.timestamp.tsecr', label: `Timestamp echo reply: ${u32(d, p + 6)}`, offset: p + 6, length: 4, value: u32(d, p + 6) });
      }
      break;
    case 'tcp.options.wscale':
      if (have(3)) {
        const s = d[p + 2]!;
        kids.push({ field: 'tcp.options.wscale.shift', label: `Shift count: ${s}`, offset: p + 2, length: 1, value: s });
        kids.push(gen('tcp.options.wscale.multiplier', `[Multiplier: ${2 ** Math.min(s, 14)}]`, p + 2, 2 ** Math.min(s, 14)));
      }
      break;
    case 'tcp.options.sack':
      return sackNode(o, kids, d, ackBase, ackRaw);
  }
  return { ...o, children: kids };
}

/** A SACK option: its blocks relative to the peer's base, the count, and a D-SACK (RFC 2883) marked. */
function sackNode(o: FieldNode, kids: FieldNode[], d: Uint8Array, ackBase: number, ackRaw: number): FieldNode {
  const edges: string[] = [];
  let count = 0;
  let dsack: [number, number] | undefined;
  for (let k = o.offset + 2; k + 8 <= o.offset + o.length && k + 8 <= d.length; k += 8) {
    const l = (u32(d, k) - ackBase) >>> 0;
    const r = (u32(d, k + 4) - ackBase) >>> 0;
    kids.push({ field: 'tcp.options.sack_le', label: `left edge = ${l} (relative)`, offset: k, length: 4, value: l });
    kids.push({ field: 'tcp.options.sack_re', label: `right edge = ${r} (relative)`, offset: k + 4, length: 4, value: r });
    edges.push(`${l}-${r}`);
    if (count === 0 && ((u32(d, k) - ackRaw) | 0) < 0) dsack = [l, r];
    count++;
  }
  kids.push(gen('tcp.options.sack.count', `[TCP SACK Count: ${count}]`, o.offset, count));
  if (dsack) {
    kids.push(gen('tcp.options.sack.dsack_le', `[D-SACK Left Edge = ${dsack[0]} (relative)]`, o.offset, dsack[0]));
    kids.push(gen('tcp.options.sack.dsack_re', `[D-SACK Right Edge = ${dsack[1]} (relative)]`, o.offset, dsack[1]));
    kids.push({ field: 'tcp.options.sack.dsack', label: 'D-SACK Sequence', offset: o.offset, length: 0, children: [expertNode('tcp.options.sack.dsack.expert', 'warning', 'D-SACK Sequence', o.offset)] });
  }
  return { ...o, label: `TCP Option - SACK ${edges.join(' ')}`, children: kids };
}

/** The analysis flags' expert items, in the order tcp_print_sequence_number_analysis adds them. */
const FLAG_EXPERTS: readonly (readonly [number, string, ExpertSeverity, string])[] = [
  [A_REUSED_PORTS, 'tcp.analysis.reused_ports', 'note', 'A new tcp session is started with the same ports as an earlier session in this trace'],
];

/** [SEQ/ACK analysis]: the ACKed segment and RTT, iRTT, bytes in flight, the analysis flags. */
function seqAckNode(s: WsSeqAck, at: number): FieldNode {
  const kids: FieldNode[] = [];
  if (s.acksFrame) {
    kids.push(gen('tcp.analysis.acks_frame', `[This is an ACK to the segment in frame: ${s.acksFrame}]`, at, s.acksFrame));
    if (s.ackRttNs) kids.push(gen('tcp.analysis.ack_rtt', `[The RTT to ACK the segment was: ${nsSeconds(s.ackRttNs)} seconds]`, at, s.ackRttNs / 1e9));
  }
  if (s.irttNs) kids.push(gen('tcp.analysis.initial_rtt', `[iRTT: ${nsSeconds(s.irttNs)} seconds]`, at, s.irttNs / 1e9));
  if (s.bytesInFlight) kids.push(gen('tcp.analysis.bytes_in_flight', `[Bytes in flight: ${s.bytesInFlight}]`, at, s.bytesInFlight));
  if (s.pushBytes) kids.push(gen('tcp.analysis.push_bytes_sent', `[Bytes sent since last PSH flag: ${s.pushBytes}]`, at, s.pushBytes));
  const b = s.analysis;
  if (b) {
    const flags: FieldNode[] = [];
    const ex = (field: string, sev: ExpertSeverity, msg: string): void => void flags.push(expertNode(field, sev, msg, at));
    for (const [bit, field, sev, msg] of FLAG_EXPERTS) if (b & bit) ex(field, sev, msg);
    // Our fast and spurious retransmissions carry the retransmission bit too; Wireshark's do not.
    if (b & A_RETRANSMISSION && !(b & (A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION))) {
      ex('tcp.analysis.retransmission', 'note', 'This frame is a (suspected) retransmission');
      if (s.rto && s.rto.ns) {
        flags.push(gen('tcp.analysis.rto', `[The RTO for this segment was: ${nsSeconds(s.rto.ns)} seconds]`, at, s.rto.ns / 1e9));
        flags.push(gen('tcp.analysis.rto_frame', `[RTO based on delta from frame: ${s.rto.frame}]`, at, s.rto.frame));
      }
    }
    if (b & A_FAST_RETRANSMISSION) {
      ex('tcp.analysis.fast_retransmission', 'note', 'This frame is a (suspected) fast retransmission');
      ex('tcp.analysis.retransmission', 'note', 'This frame is a (suspected) retransmission');
    }
    if (b & A_SPURIOUS_RETRANSMISSION) {
      ex('tcp.analysis.spurious_retransmission', 'note', 'This frame is a (suspected) spurious retransmission');
      ex('tcp.analysis.retransmission', 'note', 'This frame is a (suspected) retransmission');
    }
    if (b & A_OUT_OF_ORDER) ex('tcp.analysis.out_of_order', 'warning', 'This frame is a (suspected) out-of-order segment');
    if (b & A_LOST_SEGMENT) ex('tcp.analysis.lost_segment', 'warning', 'Previous segment(s) not captured (common at capture start)');
    if (b & A_ACK_LOST_SEGMENT) ex('tcp.analysis.ack_lost_segment', 'warning', "ACKed segment that wasn't captured (common at capture start)");
    if (b & A_WINDOW_UPDATE) ex('tcp.analysis.window_update', 'chat', 'TCP window update');
    if (b & A_WINDOW_FULL) ex('tcp.analysis.window_full', 'warning', 'TCP window specified by the receiver is now completely full');
    if (b & A_KEEP_ALIVE) ex('tcp.analysis.keep_alive', 'note', 'TCP keep-alive segment');
    if (b & A_KEEP_ALIVE_ACK) ex('tcp.analysis.keep_alive_ack', 'note', 'ACK to a TCP keep-alive segment');
    if (b & A_DUPLICATE_ACK && s.dupAck) flags.push(gen('tcp.analysis.duplicate_ack', '[This is a TCP duplicate ack]', at));
    if (b & A_ZERO_WINDOW_PROBE) ex('tcp.analysis.zero_window_probe', 'note', 'TCP Zero Window Probe');
    if (b & A_ZERO_WINDOW) ex('tcp.analysis.zero_window', 'warning', 'TCP Zero Window segment');
    if (b & A_ZERO_WINDOW_PROBE_ACK) ex('tcp.analysis.zero_window_probe_ack', 'note', 'ACK to a TCP Zero Window Probe');
    kids.push({ field: 'tcp.analysis.flags', label: '[TCP Analysis Flags]', offset: at, length: 0, children: flags });
  }
  if (s.dupAck) {
    kids.push(gen('tcp.analysis.duplicate_ack_num', `[Duplicate ACK #: ${s.dupAck.num}]`, at, s.dupAck.num));
    kids.push({
      ...gen('tcp.analysis.duplicate_ack_frame', `[Duplicate to the ACK in frame: ${s.dupAck.frame}]`, at, s.dupAck.frame),
      children: [expertNode('tcp.analysis.duplicate_ack.expert', 'note', `Duplicate ACK (#${s.dupAck.num})`, at)],
    });
  }
  return { field: 'tcp.analysis', label: '[SEQ/ACK analysis]', offset: at, length: 0, children: kids };
}
