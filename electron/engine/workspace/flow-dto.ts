// The flows table and the ladder in the contract's shapes (FlowDto, LadderDto), from the
// flows engine's own (flow-summary.ts FlowRow, ladder-event.ts Ladder).
import type { FlowDto, LadderDto, LadderEventDto, TimeDto } from '../../shared/dto.js';
import { A_ACK_LOST_SEGMENT, A_DUPLICATE_ACK, A_FAST_RETRANSMISSION, A_LOST_SEGMENT, A_OUT_OF_ORDER, A_RETRANSMISSION, A_SPURIOUS_RETRANSMISSION, A_ZERO_WINDOW } from '../flows/analysis-flags.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { Flow } from '../flows/flow.js';
import { flowRow } from '../flows/flow-summary.js';
import { flowRows } from '../flows/ladder.js';
import type { Ladder, LadderEndpoint, LadderEvent } from '../flows/ladder-event.js';
import type { LadderWindow } from '../flows/tcp-ladder-window.js';

/** Analysis bits Wireshark's "Bad TCP" counts as problems (not window updates or keep-alives). */
export const PROBLEM_BITS = A_RETRANSMISSION | A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION | A_DUPLICATE_ACK | A_ZERO_WINDOW | A_OUT_OF_ORDER | A_LOST_SEGMENT | A_ACK_LOST_SEGMENT;

const PORTED = new Set(['tcp', 'udp', 'dns']);

function endpoint(address: string, port: number, kind: string): string {
  if (!PORTED.has(kind)) return address;
  return address.includes(':') && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Problem packets of a flow: counted per packet over its rows (bounded by the flow's span). */
function problemCount(index: CaptureIndex, flow: Flow): number {
  if (flow.kind !== 'tcp') return 0;
  const t = index.packets;
  let n = 0;
  for (let i = flow.firstIndex; i <= flow.lastIndex && i < t.length; i++) if (t.flow.get(i) === flow.id && t.analysis.get(i) & PROBLEM_BITS) n++;
  return n;
}

/** `problems` = packets with a problem flag, when the caller counts them as packets arrive. */
export function flowDto(index: CaptureIndex, flow: Flow, problems?: number): FlowDto {
  const r = flowRow(index, flow);
  const [pa, pb] = [flow.aPort, flow.bPort];
  const dto: FlowDto = {
    id: flow.id,
    kind: flow.kind,
    a: r.kind === 'dhcp' ? r.a.address : endpoint(r.a.address, pa, flow.kind),
    b: endpoint(r.b.address, pb, flow.kind),
    packets: [flow.packets[0], flow.packets[1]],
    bytes: [flow.bytes[0], flow.bytes[1]],
    first: { sec: flow.firstSec, nsec: flow.firstNsec },
    last: { sec: flow.lastSec, nsec: flow.lastNsec },
    outcome: r.outcome ?? '',
    problems: problems ?? problemCount(index, flow),
  };
  if (r.irtt) dto.irtt = r.irtt.total;
  // A DHCP client has no address of its own yet: its exchange is its transaction id.
  const dhcp = flow.kind === 'dhcp' ? index.dhcpClient.get(flow.id) : undefined;
  if (dhcp) dto.filter = `dhcp.id == 0x${(dhcp.xid >>> 0).toString(16).padStart(8, '0')}`;
  if (r.states && r.client) {
    const [c, s] = r.client === 'A' ? [r.states.a, r.states.b] : [r.states.b, r.states.a];
    dto.state = `${c} / ${s}`;
  }
  return dto;
}

function parseTime(s: string): TimeDto {
  const [sec = '0', frac = '0'] = s.split('.');
  return { sec: Math.max(0, Number(sec)), nsec: Number(frac.padEnd(9, '0').slice(0, 9)) };
}

function laneName(e: LadderEndpoint, kind: string): string {
  return e.port ? endpoint(e.address, e.port, kind === 'dhcp' ? 'x' : 'tcp') : e.address;
}

function eventDetail(e: LadderEvent): string {
  const parts: string[] = [];
  if (e.seq !== undefined) parts.push(e.len > 0 ? `seq ${e.seq}:${e.nextSeq ?? e.seq}` : `seq ${e.seq}`);
  if (e.ack !== undefined) parts.push(`ack ${e.ack}`);
  if (e.window !== undefined) parts.push(`win ${e.window}${e.scaledWindow !== undefined && e.scaledWindow !== e.window ? ` (${e.scaledWindow})` : ''}`);
  parts.push(`len ${e.len}`);
  return [parts.join(', '), ...e.changes].join('\n');
}

/** The packet index a ghost borrows: the next packet's, or at the end the one before it (0 when none). */
function ghostIndex(evs: readonly LadderEvent[], k: number): number {
  for (let j = k + 1; j < evs.length; j++) if (evs[j]!.kind === 'packet') return evs[j]!.index;
  for (let j = k - 1; j >= 0; j--) if (evs[j]!.kind === 'packet') return evs[j]!.index;
  return 0;
}

/** Events [from, to) of a ladder in the contract's shape; a ghost borrows the index of the packet that revealed it. */
export function ladderEvents(ladder: Ladder, from = 0, to = ladder.events.length): LadderEventDto[] {
  const groupOf = new Map<number, { group: number; gap: number }>();
  ladder.backoff.forEach((b, g) => {
    b.frames.forEach((frame, k) => {
      const gap = k > 0 ? b.verdict.intervals[k - 1] : undefined;
      groupOf.set(frame, gap !== undefined ? { group: g, gap } : { group: g, gap: 0 });
    });
  });
  const out: LadderEventDto[] = [];
  const evs = ladder.events;
  for (let k = from; k < to && k < evs.length; k++) {
    const e = evs[k]!;
    const index = e.kind === 'ghost' ? ghostIndex(evs, k) : e.index;
    const g = e.kind === 'packet' ? groupOf.get(e.frame) : undefined;
    out.push({
      index,
      number: index + 1,
      time: parseTime(e.time),
      rel: e.rel,
      dir: e.leftToRight ? 0 : 1,
      label: e.label,
      detail: eventDetail(e),
      analysis: [...e.analysis],
      clientState: e.states?.left ?? '',
      serverState: e.states?.right ?? '',
      ...(e.via?.left ? { clientVia: [...e.via.left] } : {}),
      ...(e.via?.right ? { serverVia: [...e.via.right] } : {}),
      explain: e.explanation,
      ghost: e.kind === 'ghost',
      ...(g ? { retransmitGroup: g.group, ...(g.gap > 0 ? { gap: g.gap } : {}) } : {}),
    });
  }
  return out;
}

/** The ladder's header (always whole) and events [from, from + count). */
export function ladderDto(index: CaptureIndex, ladder: Ladder, problems: number | undefined, from: number, count: number): LadderDto | undefined {
  return windowDto(index, ladder, problems, ladderEvents(ladder, from, from + count), from, ladder.events.length);
}

/** A window built alone (tcp-ladder-window.ts): its ladder's events start at the window's first. */
export function ladderWindowDto(index: CaptureIndex, w: LadderWindow, problems: number | undefined): LadderDto | undefined {
  return windowDto(index, w.ladder, problems, ladderEvents(w.ladder, 0, w.count), w.from, w.total);
}

function windowDto(index: CaptureIndex, ladder: Ladder, problems: number | undefined, events: LadderEventDto[], from: number, total: number): LadderDto | undefined {
  const flow = index.flows.get(ladder.flow);
  if (!flow) return undefined;
  const hs = index.connections.get(ladder.flow)?.handshakeRtt;
  const handshake: LadderDto['handshake'] = {};
  if (hs && hs.synToSynAck >= 0) handshake.synToSynAck = hs.synToSynAck;
  if (hs && hs.synAckToAck >= 0) handshake.synAckToAck = hs.synAckToAck;
  if (hs && hs.total >= 0) handshake.total = hs.total;
  return {
    flow: flowDto(index, flow, problems),
    client: laneName(ladder.left, ladder.kind),
    server: laneName(ladder.right, ladder.kind),
    clientRole: ladder.left.role,
    serverRole: ladder.right.role,
    events,
    from,
    total,
    handshake,
    backoff: ladder.backoff.map((b, g) => ({
      group: g,
      label: b.sentence,
      intervals: [...b.verdict.intervals],
      doubles: b.verdict.doubles,
      deviation: b.verdict.maxDeviation,
    })),
  };
}

/** Packet indices of a flow in capture order (DNS/DHCP transactions included). */
export function flowPacketIndices(index: CaptureIndex, flowId: number): number[] {
  const flow = index.flows.get(flowId);
  return flow ? flowRows(index, flow) : [];
}
