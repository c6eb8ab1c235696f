// Wireshark's TCP analysis flags (tcp.analysis.*) as bits of the per-packet
// `analysis` column. Definitions: Wireshark User's Guide, "TCP Analysis".

export const A_RETRANSMISSION = 1 << 0;
export const A_FAST_RETRANSMISSION = 1 << 1;
export const A_SPURIOUS_RETRANSMISSION = 1 << 2;
export const A_DUPLICATE_ACK = 1 << 3;
export const A_ZERO_WINDOW = 1 << 4;
export const A_ZERO_WINDOW_PROBE = 1 << 5;
export const A_ZERO_WINDOW_PROBE_ACK = 1 << 6;
export const A_WINDOW_FULL = 1 << 7;
export const A_WINDOW_UPDATE = 1 << 8;
export const A_KEEP_ALIVE = 1 << 9;
export const A_KEEP_ALIVE_ACK = 1 << 10;
export const A_OUT_OF_ORDER = 1 << 11;
export const A_LOST_SEGMENT = 1 << 12;
export const A_ACK_LOST_SEGMENT = 1 << 13;
export const A_REUSED_PORTS = 1 << 14;

/** Bit → Wireshark field name, in the order tshark lists them. */
export const ANALYSIS_FIELDS: readonly (readonly [number, string])[] = [
  [A_RETRANSMISSION, 'tcp.analysis.retransmission'],
  [A_FAST_RETRANSMISSION, 'tcp.analysis.fast_retransmission'],
  [A_SPURIOUS_RETRANSMISSION, 'tcp.analysis.spurious_retransmission'],
  [A_DUPLICATE_ACK, 'tcp.analysis.duplicate_ack'],
  [A_ZERO_WINDOW, 'tcp.analysis.zero_window'],
  [A_ZERO_WINDOW_PROBE, 'tcp.analysis.zero_window_probe'],
  [A_ZERO_WINDOW_PROBE_ACK, 'tcp.analysis.zero_window_probe_ack'],
  [A_WINDOW_FULL, 'tcp.analysis.window_full'],
  [A_WINDOW_UPDATE, 'tcp.analysis.window_update'],
  [A_KEEP_ALIVE, 'tcp.analysis.keep_alive'],
  [A_KEEP_ALIVE_ACK, 'tcp.analysis.keep_alive_ack'],
  [A_OUT_OF_ORDER, 'tcp.analysis.out_of_order'],
  [A_LOST_SEGMENT, 'tcp.analysis.lost_segment'],
  [A_ACK_LOST_SEGMENT, 'tcp.analysis.ack_lost_segment'],
  [A_REUSED_PORTS, 'tcp.analysis.reused_ports'],
];

export function analysisFieldNames(bits: number): string[] {
  const out: string[] = [];
  for (const [bit, name] of ANALYSIS_FIELDS) if (bits & bit) out.push(name);
  return out;
}
