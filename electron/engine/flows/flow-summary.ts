// The flows table: one row per flow with both directions' counts, timing, and for TCP the
// handshake RTT, outcome, states and problem counts (from tcp.analysis.* and resend groups).
import type { CaptureIndex } from './capture-index.js';
import type { Flow } from './flow.js';
import { outcomeText } from './tcp-connection.js';
import type { TcpState } from './tcp-states.js';

export interface FlowProblems {
  retransmissions: number;
  fastRetransmissions: number;
  dupAcks: number;
  zeroWindows: number;
  outOfOrder: number;
  lost: number;
  /** Resend groups (same segment sent more than once). */
  backoffGroups: number;
}

export interface FlowRow {
  id: number;
  kind: string;
  a: { address: string; port: number };
  b: { address: string; port: number };
  /** tcp.stream for TCP flows, -1 otherwise. */
  stream: number;
  /** [A->B, B->A]. */
  packets: [number, number];
  bytes: [number, number];
  /** Seconds from the capture's first packet to the flow's first (tshark's "Relative Start"), and the flow's span. */
  start: number;
  duration: number;
  firstTime: string;
  lastTime: string;
  /** TCP only. */
  client?: 'A' | 'B';
  irtt?: { synToSynAck: number; synAckToAck: number; total: number };
  outcome?: string;
  states?: { a: TcpState; b: TcpState };
  completeness?: number;
  problems?: FlowProblems;
}

const epoch = (sec: number, nsec: number): string => `${sec + Math.floor(nsec / 1e9)}.${String(nsec % 1e9).padStart(9, '0')}`;

export function flowRow(index: CaptureIndex, f: Flow, first?: { sec: number; nsec: number }): FlowRow {
  const t = index.packets;
  const s0 = first ? first.sec : t.length ? t.sec(0) : f.firstSec;
  const n0 = first ? first.nsec : t.length ? t.nsec(0) : f.firstNsec;
  const row: FlowRow = {
    id: f.id,
    kind: f.kind,
    a: { address: index.addresses.name(f.a), port: f.aPort },
    b: { address: index.addresses.name(f.b), port: f.bPort },
    stream: f.stream,
    packets: [f.packets[0], f.packets[1]],
    bytes: [f.bytes[0], f.bytes[1]],
    start: f.firstSec - s0 + (f.firstNsec - n0) / 1e9,
    duration: f.lastSec - f.firstSec + (f.lastNsec - f.firstNsec) / 1e9,
    firstTime: epoch(f.firstSec, f.firstNsec),
    lastTime: epoch(f.lastSec, f.lastNsec),
  };
  const dhcp = index.dhcpClient.get(f.id);
  if (dhcp) {
    row.a = { address: dhcp.mac, port: f.aPort };
    if (dhcp.server) row.b = { address: index.addresses.name(dhcp.server), port: f.bPort };
  }
  const c = index.connections.get(f.id);
  if (c) {
    row.client = c.client === 0 ? 'A' : 'B';
    const h = c.handshakeRtt;
    if (h.total >= 0) row.irtt = h;
    row.outcome = outcomeText(c);
    row.states = { a: c.sides[0].state, b: c.sides[1].state };
    row.completeness = c.completeness;
    const k = c.counters;
    row.problems = {
      retransmissions: Math.max(k.retransmissions, c.backoff.resends),
      fastRetransmissions: k.fastRetransmissions,
      dupAcks: k.dupAcks,
      zeroWindows: k.zeroWindows,
      outOfOrder: k.outOfOrder,
      lost: k.lost,
      backoffGroups: c.backoff.groupCount,
    };
  }
  return row;
}

export function flowTable(index: CaptureIndex): FlowRow[] {
  const t = index.packets;
  const first = t.length ? { sec: t.sec(0), nsec: t.nsec(0) } : undefined;
  return index.flows.flows.map((f) => flowRow(index, f, first));
}
