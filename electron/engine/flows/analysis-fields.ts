// tcp.stream, tcp.time_* and tcp.analysis.*: what the flow table and the TCP analysis compute
// per packet, declared here (where they are computed) for the display filter. Each is set only
// on packets of a TCP conversation.
import { ANALYSIS_FIELDS } from './analysis-flags.js';
import type { CaptureIndex } from './capture-index.js';
import type { ComputedField, NumberSink } from './computed-field.js';
import { TH_ACK, TH_FIN, TH_SYN } from '../protocols/tcp-flags.js';
import { tcpTimeDelta, tcpTimeRelative } from './tcp-timestamps.js';
import { udpStreamOfRow } from './udp-streams.js';

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
    if (ix.flows.get(ix.packets.flow.get(i))?.kind === 'tcp') f(ix, i, out);
  };
}

/** The packet's relative sequence numbers (seq, ack, next seq), as Wireshark's tcp.seq/ack/nxtseq. */
function relative(which: 'seq' | 'ack' | 'nxtseq'): (ix: CaptureIndex, i: number, out: NumberSink) => void {
  return (ix, i, out) => {
    const t = ix.packets;
    const flow = ix.flows.get(t.flow.get(i))!;
    const dir: 0 | 1 = t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
    const flags = t.tcpFlags.get(i);
    if (which === 'ack') {
      // Without the ACK flag the field is shown as it is (normally 0).
      const base = flags & TH_ACK ? ix.tcp.relativeBase(flow.stream, dir === 0 ? 1 : 0) : 0;
      out.push((t.ack.get(i) - (base ?? 0)) >>> 0);
      return;
    }
    const base = ix.tcp.relativeBase(flow.stream, dir) ?? 0;
    const seq = (t.seq.get(i) - base) >>> 0;
    out.push(which === 'seq' ? seq : (seq + t.payloadLength.get(i) + (flags & (TH_SYN | TH_FIN) ? 1 : 0)) >>> 0);
  };
}

export const ANALYSIS_FIELD_DECLS: readonly ComputedField[] = [
  // Wireshark's SEQ/ACK analysis subtree (acks_frame, bytes_in_flight, ...) is not computed.
  { abbrev: 'tcp.analysis', name: 'SEQ/ACK analysis', type: 'none', source: 'index' },
  { abbrev: 'tcp.stream', name: 'Stream index', type: 'uint', base: 'dec', source: 'index', compute: onTcpFlow((ix, i, out) => void out.push(ix.flows.get(ix.packets.flow.get(i))!.stream)) },
  // Relative sequence numbers, as Wireshark shows them by default.
  { abbrev: 'tcp.seq', name: 'Sequence Number', type: 'uint', base: 'dec', source: 'index', compute: onTcpFlow(relative('seq')) },
  { abbrev: 'tcp.ack', name: 'Acknowledgment Number', type: 'uint', base: 'dec', source: 'index', compute: onTcpFlow(relative('ack')) },
  { abbrev: 'tcp.nxtseq', name: 'Next Sequence Number', type: 'uint', base: 'dec', source: 'index', compute: onTcpFlow(relative('nxtseq')) },
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
    compute: onTcpFlow((ix, i, out) => void (ix.packets.analysis.get(i) ? out.push(PRESENT) : 0)),
  },
  ...ANALYSIS_FIELDS.map(
    ([bit, name]): ComputedField => ({
      abbrev: name,
      name: TITLES[name] ?? name,
      type: 'none',
      source: 'index',
      compute: onTcpFlow((ix, i, out) => void (ix.packets.analysis.get(i) & bit ? out.push(PRESENT) : 0)),
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
  {
    abbrev: 'tcp.analysis.acks_frame',
    name: 'This is an ACK to the segment in frame',
    type: 'uint',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.acks.get(i) && out.push(ix.acks.get(i)!.a))),
  },
  {
    abbrev: 'tcp.analysis.ack_rtt',
    name: 'The RTT to ACK the segment was',
    type: 'float',
    source: 'index',
    // Wireshark shows no RTT of zero.
    compute: onTcpFlow((ix, i, out) => void (ix.acks.get(i)?.b && out.push(ix.acks.get(i)!.b / 1e9))),
  },
  {
    abbrev: 'tcp.analysis.bytes_in_flight',
    name: 'Bytes in flight',
    type: 'uint',
    base: 'dec',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.seqAck.get(i)?.a && out.push(ix.seqAck.get(i)!.a))),
  },
  {
    abbrev: 'tcp.analysis.push_bytes_sent',
    name: 'Bytes sent since last PSH flag',
    type: 'uint',
    base: 'dec',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.seqAck.get(i)?.b && out.push(ix.seqAck.get(i)!.b))),
  },
  {
    abbrev: 'tcp.analysis.rto',
    name: 'The RTO for this segment was',
    type: 'float',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.rto.get(i)?.b && out.push(ix.rto.get(i)!.b / 1e9))),
  },
  {
    abbrev: 'tcp.analysis.rto_frame',
    name: 'RTO based on delta from frame',
    type: 'uint',
    source: 'index',
    compute: onTcpFlow((ix, i, out) => void (ix.rto.get(i)?.b && out.push(ix.rto.get(i)!.a))),
  },
  {
    abbrev: 'tcp.window_size',
    name: 'Calculated window size',
    type: 'uint',
    base: 'dec',
    source: 'index',
    // The raw window scaled by the sender's shift, except on a SYN (never scaled).
    compute: onTcpFlow((ix, i, out) => {
      const t = ix.packets;
      const flow = ix.flows.get(t.flow.get(i)!)!;
      const dir: 0 | 1 = t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
      const ws = t.tcpFlags.get(i)! & TH_SYN ? -1 : ix.tcp.windowScale(flow.stream, dir);
      out.push(ws >= 0 ? t.window.get(i)! * 2 ** ws : t.window.get(i)!);
    }),
  },
  {
    abbrev: 'udp.stream',
    name: 'Stream index',
    type: 'uint',
    base: 'dec',
    source: 'index',
    compute: (ix, i, out) => {
      const s = udpStreamOfRow(ix, i);
      if (s >= 0) out.push(s);
    },
  },
];
