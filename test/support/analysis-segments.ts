// Hand-built TCP conversations for the analysis unit tests, written one segment a line
// in the form used to craft the pcaps they were checked with (tshark 4.0.17):
//
//   time dir flags seq ack window length [ws=N] [port=N]
//
// dir A = 10.0.0.1:1000 -> 10.0.0.2:80 (port=N changes A's port), B = the reverse; flags
// are letters S A F R P; seq/ack are absolute; ws is a window scale option.
// Segments go through TcpAnalyzer the way CaptureIndex feeds it (flows split on port reuse).
import { analysisFieldNames } from '../../electron/engine/flows/analysis-flags.js';
import type { Flow } from '../../electron/engine/flows/flow.js';
import { TcpAnalyzer } from '../../electron/engine/flows/tcp-analyzer.js';
import type { TcpSegment } from '../../electron/engine/flows/tcp-segment.js';

export interface FrameResult {
  /** tcp.analysis.* names without the prefix, in Wireshark's order. */
  flags: string[];
  stream: number;
  dupAck?: { num: number; frame: number };
  /** What tshark prints on this frame. */
  completeness: number;
  initialRtt: number | undefined;
}

const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10 };
const A_ADDR = 1;
const B_ADDR = 2;

function newFlow(id: number, stream: number, aPort: number): Flow {
  return { id, kind: 'tcp', ipVersion: 4, a: A_ADDR, b: B_ADDR, aPort, bPort: 80, stream, firstIndex: 0, lastIndex: 0, firstSec: 0, firstNsec: 0, lastSec: 0, lastNsec: 0, packets: [0, 0], bytes: [0, 0] };
}

/** Feeds the lines to a fresh analyzer (or `analyzer`) and returns one result per frame. */
export function runSegments(text: string, analyzer = new TcpAnalyzer()): FrameResult[] {
  const flows = new Map<number, Flow>();
  let streams = 0;
  const out: FrameResult[] = [];
  for (const raw of text.split('\n')) {
    const parts = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const [time = '0', dir = 'A', letters = '', seq = '0', ack = '0', win = '0', len = '0', ...opts] = parts;
    let wscale = -1;
    let port = 1000;
    for (const o of opts) {
      const [k, v = ''] = o.split('=');
      if (k === 'ws') wscale = Number(v);
      if (k === 'port') port = Number(v);
    }
    const flags = [...letters].reduce((f, c) => f | (FLAG_BITS[c] ?? 0), 0);
    const fromA = dir === 'A';
    const src = fromA ? A_ADDR : B_ADDR;
    const sport = fromA ? port : 80;
    let flow = flows.get(port);
    if ((flags & 0x12) === 0x02 && analyzer.isNewConnection(flow, Number(seq), src, sport)) flow = undefined;
    if (!flow) flows.set(port, (flow = newFlow(flows.size + 1, streams++, port)));
    const t = Number(time);
    const sec = Math.floor(t);
    const index = out.length;
    const seg: TcpSegment = {
      index,
      number: index + 1,
      sec: 1000 + sec,
      nsec: Math.round((t - sec) * 1e6) * 1000,
      flow,
      dir: fromA ? 0 : 1,
      seq: Number(seq) >>> 0,
      ack: Number(ack) >>> 0,
      flags,
      window: Number(win),
      payloadLength: Number(len),
      mss: -1,
      wscale,
      sackPermitted: false,
      tsVal: -1,
      tsEcr: -1,
      sackBlocks: 0,
    };
    const r = analyzer.analyze(seg);
    out.push({
      flags: analysisFieldNames(r.flags).map((n) => n.replace('tcp.analysis.', '')),
      stream: flow.stream,
      ...(r.dupAckNum !== undefined && r.dupAckFrame !== undefined ? { dupAck: { num: r.dupAckNum, frame: r.dupAckFrame } } : {}),
      completeness: analyzer.shown.completeness,
      initialRtt: analyzer.shown.initialRtt,
    });
  }
  return out;
}

/** Frame number (1-based) → its flags, for the frames that have any. */
export function flaggedFrames(results: FrameResult[]): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  results.forEach((r, i) => {
    if (r.flags.length > 0) out[i + 1] = r.flags;
  });
  return out;
}
