// The facts of Wireshark's TCP tree (ws-tcp-tree.ts) for one packet, from the capture index.
// tshark's single pass shows some of them as they stood at the packet (completeness, iRTT,
// the sender's window scale): the pass hands those in as `shown`; the app's detail pane,
// like Wireshark's GUI after its first pass, shows the stream's final values.
import type { CaptureIndex } from '../flows/capture-index.js';
import { tcpStreamRows } from '../flows/tcp-timestamps.js';
import type { PacketBase } from './tap.js';
import type { WsSeqAck, WsTcpFacts } from './ws-tcp-tree.js';

/** Packet i's time minus packet j's, in ns (seconds apart first: an epoch in ns loses digits in a double). */
const nsBetween = (ix: CaptureIndex, i: number, j: number): number => (ix.packets.sec(i) - ix.packets.sec(j)) * 1e9 + (ix.packets.nsec(i) - ix.packets.nsec(j));

/** Facts of packet `i`'s TCP tree, or undefined when it is not a segment of a TCP stream. */
export function tcpFacts(ix: CaptureIndex, i: number, shown?: PacketBase['tcpShown']): WsTcpFacts | undefined {
  const t = ix.packets;
  const flow = ix.flows.get(t.flow.get(i)!);
  if (!flow || flow.kind !== 'tcp' || t.ipProto.get(i) !== 6 || flow.stream < 0) return undefined;
  const dir: 0 | 1 = t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
  const stream = flow.stream;
  const rows = tcpStreamRows(ix, i);
  const fin = (t.tcpFlags.get(i)! & 1) !== 0;
  const analyzed = ix.seqAck.get(i);
  let seqAck: WsSeqAck | undefined;
  if (analyzed) {
    const acked = ix.acks.get(i);
    const dup = ix.dupAcks.get(i);
    const rto = ix.rto.get(i);
    const final = ix.tcp.initialRtt(stream);
    const irtt = shown ? shown.initialRttNs : final !== undefined ? Math.round(final * 1e9) : undefined;
    seqAck = {
      analysis: t.analysis.get(i)!,
      ...(acked ? { acksFrame: acked.a, ackRttNs: acked.b } : {}),
      ...(irtt ? { irttNs: irtt } : {}),
      ...(analyzed.a ? { bytesInFlight: analyzed.a } : {}),
      ...(analyzed.b ? { pushBytes: analyzed.b } : {}),
      ...(dup ? { dupAck: dup } : {}),
      ...(rto ? { rto: { frame: rto.a, ns: rto.b } } : {}),
    };
  }
  const closer = fin ? ix.tcp.closer(stream) : -1;
  return {
    stream,
    completeness: shown ? shown.completeness : ix.tcp.completeness(stream),
    seqBase: ix.tcp.relativeBase(stream, dir) ?? t.seq.get(i)!,
    ackBase: ix.tcp.relativeBase(stream, dir === 0 ? 1 : 0) ?? 0,
    winScale: shown ? shown.winScale : ix.tcp.windowScale(stream, dir),
    sinceFirstNs: nsBetween(ix, i, rows.first),
    sincePrevNs: nsBetween(ix, i, rows.prev),
    ...(closer >= 0 ? { closing: closer === dir ? 'initiates' : 'undergoes' } : {}),
    ...(seqAck ? { seqAck } : {}),
  };
}
