// tcp.stream, tcp.time_* and tcp.analysis.*: what the flow table and the TCP analysis compute
// per packet, declared here (where they are computed) for the display filter. Each is set only
// on packets of a TCP conversation.
import { ANALYSIS_FIELDS } from './analysis-flags.js';
import type { CaptureIndex } from './capture-index.js';
import type { ComputedField, NumberSink } from './computed-field.js';
import { tcpTimeDelta, tcpTimeRelative } from './tcp-timestamps.js';

const PRESENT = 0;

/** Wireshark's display names of the analysis flags. */
const TITLES: Readonly<Record<string, string>> = {
  'tcp.analysis.retransmission': 'This frame is a (suspected) retransmission',
  'tcp.analysis.fast_retransmission': 'This frame is a (suspected) fast retransmission',
  'tcp.analysis.spurious_retransmission': 'This frame is a (suspected) spurious retransmission',
  'tcp.analysis.duplicate_ack': 'Duplicate ACK',
  'tcp.analysis.zero_window': 'TCP Zero Window segment',
  'tcp.analysis.zero_window_probe': 'TCP Zero Window Probe',
  'tcp.analysis.zero_window_probe_ack': 'ACK to a TCP Zero Window Probe',
  'tcp.analysis.window_full': 'TCP window specified by the receiver is now completely full',
  'tcp.analysis.window_update': 'TCP window update',
  'tcp.analysis.keep_alive': 'TCP keep-alive segment',
  'tcp.analysis.keep_alive_ack': 'ACK to a TCP keep-alive segment',
  'tcp.analysis.out_of_order': 'This frame is a (suspected) out-of-order segment',
  'tcp.analysis.lost_segment': 'Previous segment(s) not captured (common at capture start)',
  'tcp.analysis.ack_lost_segment': "ACKed segment that wasn't captured (common at capture start)",
  'tcp.analysis.reused_ports': 'A new tcp session is started with the same ports as an earlier session in this trace',
};

/** Only packets of a TCP conversation of the flow table have these fields. */
function onTcpFlow(f: (ix: CaptureIndex, i: number, out: NumberSink) => void): (ix: CaptureIndex, i: number, out: NumberSink) => void {
  return (ix, i, out) => {
    if (ix.flows.get(ix.packets.flow[i]!)?.kind === 'tcp') f(ix, i, out);
  };
}

export const ANALYSIS_FIELD_DECLS: readonly ComputedField[] = [
  // Wireshark's SEQ/ACK analysis subtree (acks_frame, bytes_in_flight, ...) is not computed.
  { abbrev: 'tcp.analysis', name: 'SEQ/ACK analysis', type: 'none', source: 'index' },
  { abbrev: 'tcp.stream', name: 'Stream index', type: 'uint', base: 'dec', source: 'index', compute: onTcpFlow((ix, i, out) => void out.push(ix.flows.get(ix.packets.flow[i]!)!.stream)) },
  // tcp.calculate_timestamps on: the [Timestamps] of Wireshark's TCP tree.
  {
    abbrev: 'tcp.time_relative',
    name: 'Time since first frame in this TCP stream',
    type: 'float',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void out.push(tcpTimeRelative(ix, i))),
  },
  {
    abbrev: 'tcp.time_delta',
    name: 'Time since previous frame in this TCP stream',
    type: 'float',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void out.push(tcpTimeDelta(ix, i))),
  },
  {
    abbrev: 'tcp.analysis.flags',
    name: 'TCP Analysis Flags',
    type: 'none',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.packets.analysis[i] ? out.push(PRESENT) : 0)),
  },
  ...ANALYSIS_FIELDS.map(
    ([bit, name]): ComputedField => ({
      abbrev: name,
      name: TITLES[name] ?? name,
      type: 'none',
      source: 'index',
      compute: onTcpFlow((ix, i, out) => void (ix.packets.analysis[i]! & bit ? out.push(PRESENT) : 0)),
    }),
  ),
  {
    abbrev: 'tcp.analysis.duplicate_ack_num',
    name: 'Duplicate ACK #',
    type: 'uint',
    base: 'dec',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.dupAcks.has(i) ? out.push(ix.dupAcks.get(i)!.num) : 0)),
  },
  {
    abbrev: 'tcp.analysis.duplicate_ack_frame',
    name: 'Duplicate to the ACK in frame',
    type: 'uint',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.dupAcks.has(i) ? out.push(ix.dupAcks.get(i)!.frame) : 0)),
  },
];
