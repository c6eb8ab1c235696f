// Wireshark's expert severity of each tcp.analysis.* flag, for the status bar's expert counts
// (the detail tree's [SEQ/ACK analysis] is built by tshark/ws-tcp-tree.ts).
import type { ExpertSeverity } from '../dissect/field-node.js';
import { ANALYSIS_FIELDS } from '../flows/analysis-flags.js';

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
