// Analyze › Follow › TCP/UDP Stream: the payload of the selected packet's stream, as the
// engine's follow tap (`-z follow,tcp|udp,raw,N`: sequence order, no duplicates, gaps marked)
// gives it. Only the stream's own packets go through the pass: a TCP connection's analysis
// needs nothing else, and following stays quick in a million-packet capture.
import { MAX_FOLLOW_BYTES, type FollowDto } from '../../shared/stats-dto.js';
import { udpStreamOfRow } from '../flows/udp-streams.js';
import { FollowTap } from '../tshark/follow.js';
import { packetList, runTaps, type TapSource } from './tap-pass.js';

export async function followStream(src: TapSource, i: number, proto: 'tcp' | 'udp', signal: AbortSignal): Promise<FollowDto | null> {
  const t = src.index.packets;
  if (i >= t.length) throw new Error(`there is no packet ${i + 1}`);
  const flowId = t.flow.get(i);
  const flow = flowId ? src.index.flows.get(flowId) : undefined;
  const members: number[] = [];
  let stream: number;
  if (proto === 'tcp') {
    if (!flow || flow.kind !== 'tcp' || t.ipProto.get(i) !== 6) throw new Error(`packet ${i + 1} is not part of a TCP stream`);
    stream = flow.stream;
    for (let j = flow.firstIndex; j <= flow.lastIndex; j++) if (t.flow.get(j) === flowId) members.push(j);
  } else {
    stream = udpStreamOfRow(src.index, i);
    if (stream < 0) throw new Error(`packet ${i + 1} is not part of a UDP stream`);
    for (let j = 0; j < t.length; j++) if (t.ipProto.get(j) === 17 && udpStreamOfRow(src.index, j) === stream) members.push(j);
  }
  // In a pass of its own, the stream is the first (and only) one: number 0.
  const tap = new FollowTap(proto, 'raw', 0);
  if (!(await runTaps(src, packetList(members), [tap], () => true, signal))) return null;
  let size = 0;
  let cut = 0;
  const kept = tap.chunks.filter((c) => {
    if (size + c.data.length > MAX_FOLLOW_BYTES) {
      cut += c.data.length;
      return false;
    }
    size += c.data.length;
    return true;
  });
  const data = new Uint8Array(size);
  let at = 0;
  const chunks = kept.map((c) => {
    data.set(c.data, at);
    const chunk = { server: c.server, frame: c.frame, start: at, end: at + c.data.length, missing: c.missing ?? false };
    at += c.data.length;
    return chunk;
  });
  return {
    proto,
    stream,
    filter: `${proto}.stream eq ${stream}`,
    flow: flowId,
    client: tap.client ?? { address: '', port: 0 },
    server: tap.server ?? { address: '', port: 0 },
    chunks,
    data,
    cut,
  };
}
