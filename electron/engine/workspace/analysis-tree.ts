// Wireshark's "[SEQ/ACK analysis]" subtree: the packet's tcp.analysis.* flags from the
// index, each an expert item with Wireshark's severity, added under the TCP node of the
// detail tree (the dissector sees one packet; the analysis needs the whole flow).
import type { ExpertSeverity, FieldNode } from '../dissect/field-node.js';
import { ANALYSIS_FIELDS } from '../flows/analysis-flags.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { TH_ACK, TH_FIN, TH_SYN } from '../protocols/tcp-flags.js';

/** Wireshark's expert severity and message for each flag (packet-tcp.c). */
const EXPERT: Record<string, { severity: ExpertSeverity; message: string }> = {
  'tcp.analysis.retransmission': { severity: 'note', message: 'This frame is a (suspected) retransmission' },
  'tcp.analysis.fast_retransmission': { severity: 'note', message: 'This frame is a (suspected) fast retransmission' },
  'tcp.analysis.spurious_retransmission': { severity: 'note', message: 'This frame is a (suspected) spurious retransmission' },
  'tcp.analysis.duplicate_ack': { severity: 'note', message: 'Duplicate ACK' },
  'tcp.analysis.zero_window': { severity: 'warning', message: 'TCP Zero Window segment' },
  'tcp.analysis.zero_window_probe': { severity: 'note', message: 'TCP Zero Window Probe' },
  'tcp.analysis.zero_window_probe_ack': { severity: 'note', message: 'ACK to a TCP Zero Window Probe' },
  'tcp.analysis.window_full': { severity: 'warning', message: 'TCP window specified by the receiver is now completely full' },
  'tcp.analysis.window_update': { severity: 'chat', message: 'TCP window update' },
  'tcp.analysis.keep_alive': { severity: 'note', message: 'TCP keep-alive segment' },
  'tcp.analysis.keep_alive_ack': { severity: 'note', message: 'ACK to a TCP keep-alive segment' },
  'tcp.analysis.out_of_order': { severity: 'warning', message: 'This frame is a (suspected) out-of-order segment' },
  'tcp.analysis.lost_segment': { severity: 'warning', message: 'Previous segment(s) not captured (common at capture start)' },
  'tcp.analysis.ack_lost_segment': { severity: 'warning', message: 'ACKed segment that wasn\'t captured (common at capture start)' },
  'tcp.analysis.reused_ports': { severity: 'note', message: 'A new tcp session is started with the same ports as an earlier session in this trace' },
};

/** Severity of each analysis bit, for the status bar's expert counts. */
export const ANALYSIS_SEVERITY: readonly (readonly [number, ExpertSeverity])[] = ANALYSIS_FIELDS.map(([bit, name]) => [bit, EXPERT[name]?.severity ?? 'note'] as const);

export function analysisTree(index: CaptureIndex, i: number, tree: FieldNode[]): void {
  const bits = index.packets.analysis.get(i);
  if (!bits || index.packets.ipProto.get(i) !== 6) return;
  let tcp: FieldNode | undefined;
  for (const n of tree) if (n.field === 'tcp') tcp = n;
  const children: FieldNode[] = [];
  for (const [bit, name] of ANALYSIS_FIELDS) {
    if (!(bits & bit)) continue;
    const e = EXPERT[name] ?? { severity: 'note' as const, message: name };
    const node: FieldNode = { field: name, label: `[Expert Info (${cap(e.severity)}/Sequence): ${e.message}]`, offset: 0, length: 0, value: true, expert: { severity: e.severity, group: 'sequence', message: e.message } };
    children.push(node);
  }
  const dup = index.dupAcks.get(i);
  if (dup) {
    children.push({ field: 'tcp.analysis.duplicate_ack_num', label: `[Duplicate ACK #: ${dup.num}]`, offset: 0, length: 0, value: dup.num });
    children.push({ field: 'tcp.analysis.duplicate_ack_frame', label: `[Duplicate to the ACK in frame: ${dup.frame}]`, offset: 0, length: 0, value: dup.frame });
  }
  const node: FieldNode = { field: 'tcp.analysis', label: '[SEQ/ACK analysis]', offset: tcp?.offset ?? 0, length: 0, children };
  if (tcp) (tcp.children ??= []).push(node);
  else tree.push(node);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The per-connection TCP fields Wireshark shows and a single packet cannot know: tcp.stream,
 * relative tcp.seq / tcp.ack / tcp.nxtseq (from each side's first sequence number), and the
 * TCP node's summary with relative numbers ("Seq: 1, Ack: 1, Len: 84").
 */
export function streamTree(index: CaptureIndex, i: number, tree: FieldNode[]): void {
  const t = index.packets;
  if (t.ipProto.get(i) !== 6) return;
  const flow = index.flows.get(t.flow.get(i));
  if (!flow || flow.stream < 0) return;
  let tcp: FieldNode | undefined;
  for (const n of tree) if (n.field === 'tcp') tcp = n;
  if (!tcp) return;
  // Direction from the flow's endpoints (A = the first packet's source).
  const dir: 0 | 1 = t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
  const seqBase = index.tcp.relativeBase(flow.stream, dir);
  const ackBase = index.tcp.relativeBase(flow.stream, dir === 0 ? 1 : 0);
  const flags = t.tcpFlags.get(i);
  const len = t.payloadLength.get(i);
  const at = tcp.offset;
  const added: FieldNode[] = [{ field: 'tcp.stream', label: `[Stream index: ${flow.stream}]`, offset: at, length: 0, value: flow.stream }];
  let summary = '';
  if (seqBase !== undefined) {
    const seq = (t.seq.get(i) - seqBase) >>> 0;
    added.push({ field: 'tcp.seq', label: `Sequence Number: ${seq}    (relative sequence number)`, offset: at + 4, length: 4, value: seq });
    const span = len + (flags & TH_SYN ? 1 : 0) + (flags & TH_FIN ? 1 : 0);
    if (span > 0) added.push({ field: 'tcp.nxtseq', label: `[Next Sequence Number: ${(seq + span) >>> 0}    (relative sequence number)]`, offset: at, length: 0, value: (seq + span) >>> 0 });
    summary += `Seq: ${seq}`;
  }
  if (flags & TH_ACK && ackBase !== undefined) {
    const ack = (t.ack.get(i) - ackBase) >>> 0;
    added.push({ field: 'tcp.ack', label: `Acknowledgment Number: ${ack}    (relative ack number)`, offset: at + 8, length: 4, value: ack });
    summary += `${summary ? ', ' : ''}Ack: ${ack}`;
  }
  tcp.children = [...added, ...(tcp.children ?? [])];
  if (summary) (tcp as { label: string }).label = tcp.label.replace(/, Seq: \d+/, `, ${summary}`);
}
