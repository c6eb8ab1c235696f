// Findings: what went wrong (or took long) in a capture, in plain language, from the flow
// analysis the index already made (connection outcomes, resend groups and their back-off,
// the TCP analysis flags, DHCP transactions): refused connections (RST to SYN), SYNs nobody
// answered with their measured back-off, resets, zero windows and how long they lasted,
// retransmissions, and how long DHCP took. Each names its connection (the "subject" the pane
// groups by), links to its packets, its flows (the ladder) and a display filter, and is
// ranked by severity. One pass over the index's columns; no packet is read.
import { TH_RST } from '../protocols/tcp-flags.js';
import { A_RETRANSMISSION, A_ZERO_WINDOW } from './analysis-flags.js';
import type { CaptureIndex } from './capture-index.js';
import type { Flow } from './flow.js';
import { backoffVerdict } from './tcp-backoff.js';

export type FindingSeverity = 'error' | 'warning' | 'note';

export interface Finding {
  readonly severity: FindingSeverity;
  readonly kind: 'refused' | 'unanswered' | 'reset' | 'zero-window' | 'retransmissions' | 'dhcp';
  /** The connection or service it is about ("192.0.2.20:443", "stream 4 …", "DHCP 02:00:…"): the pane groups by it. */
  readonly subject: string;
  /** One sentence a person reads. */
  readonly text: string;
  /** Flow ids concerned (the first one's ladder is the one to open). */
  readonly flows: number[];
  /** Packet indices to go to (the first is selected), at most MAX_PACKETS. */
  readonly packets: number[];
  /** A display filter that shows them. */
  readonly filter: string;
  /** How much it weighs within its severity (connections, seconds, packets): more first. */
  readonly weight: number;
}

/** What the index cannot say by itself: a DHCP packet's lease time (option 51), read from the packet. */
export type LeaseOf = (packet: number) => number | undefined;

const MAX_PACKETS = 200;
const MAX_FILTER_STREAMS = 32;
const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, note: 2 };
const DHCP_NAMES: Record<number, string> = { 1: 'DISCOVER', 2: 'OFFER', 3: 'REQUEST', 4: 'DECLINE', 5: 'ACK', 6: 'NAK', 7: 'RELEASE', 8: 'INFORM' };

/** A duration as a person reads it: 3 significant digits ("1.02 s", "15.3 s", "600 s", "41.0 µs"). */
export function secondsText(s: number): string {
  if (s >= 1000) return `${Math.round(s)} s`;
  if (s >= 1) return `${s.toPrecision(3)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toPrecision(3)} ms`;
  if (s > 0) return `${(s * 1e6).toPrecision(3)} µs`;
  return '0 s';
}

/** A lease as DHCP gives it (whole seconds), with hours or minutes when they are whole. */
function leaseText(s: number): string {
  if (s === 0xffffffff) return 'infinite';
  const h = s % 3600 === 0 && s > 0 ? ` (${s / 3600} h)` : s % 60 === 0 && s > 0 ? ` (${s / 60} min)` : '';
  return `${s} s${h}`;
}

/** Seconds after a first send, for "+1.03, +3.05 s" (same digits, no unit). */
const offsetText = (s: number): string => (s >= 1000 ? String(Math.round(s)) : s.toPrecision(3));

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Per-flow facts gathered in the one pass over the rows. */
interface TcpFacts {
  rst: number;
  /** Zero-window periods per direction: [start packet, end packet or -1 while still closed]. */
  readonly zero: [number, number][][];
  retrans: number[];
}

export function findings(index: CaptureIndex, leaseOf: LeaseOf = () => undefined): Finding[] {
  const t = index.packets;
  const n = t.length;
  if (n === 0) return [];
  const secOf = (i: number): number => t.sec(i) - t.sec(0) + (t.nsec(i) - t.nsec(0)) / 1e9;
  const tcp = new Map<number, TcpFacts>();
  const dhcp = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const id = t.flow.get(i)!;
    if (id === 0) continue;
    const flow = index.flows.get(id);
    if (!flow) continue;
    if (flow.kind === 'dhcp') {
      let list = dhcp.get(id);
      if (!list) dhcp.set(id, (list = []));
      list.push(i);
      continue;
    }
    if (flow.kind !== 'tcp' || t.ipProto.get(i) !== 6) continue;
    let f = tcp.get(id);
    const flags = t.tcpFlags.get(i)!;
    const a = t.analysis.get(i)!;
    if (!f) {
      // Only connections with something to say get facts (a bulk flow's million plain segments do not).
      if (!(flags & TH_RST) && !(a & (A_ZERO_WINDOW | A_RETRANSMISSION))) continue;
      tcp.set(id, (f = { rst: -1, zero: [[], []], retrans: [] }));
    }
    const dir = t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
    if (flags & TH_RST && f.rst < 0) f.rst = i;
    if (a & A_RETRANSMISSION) f.retrans.push(i);
    const periods = f.zero[dir]!;
    const open = periods.at(-1);
    if (a & A_ZERO_WINDOW) {
      if (!open || open[1] >= 0) periods.push([i, -1]);
    } else if (open && open[1] < 0 && t.window.get(i)! > 0 && !(flags & TH_RST)) open[1] = i;
  }

  const out: Finding[] = [];
  const endpoint = (addr: number, port: number): string => {
    const a = index.addresses.name(addr);
    return a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
  };
  const streamsFilter = (flows: readonly Flow[]): string =>
    flows.length === 1 ? `tcp.stream eq ${flows[0]!.stream}` : flows.slice(0, MAX_FILTER_STREAMS).map((f) => `tcp.stream eq ${f.stream}`).join(' || ');
  const serverOf = (flow: Flow): { addr: number; port: number; client: string } => {
    const c = index.connections.get(flow.id);
    const cl = c?.client ?? 0;
    return cl === 0 ? { addr: flow.b, port: flow.bPort, client: endpoint(flow.a, flow.aPort) } : { addr: flow.a, port: flow.aPort, client: endpoint(flow.b, flow.bPort) };
  };

  // Connections refused, unanswered or reset, by the server they were made to.
  const byServer = new Map<string, { refused: Flow[]; unanswered: Flow[]; reset: Flow[] }>();
  for (const flow of index.flows.flows) {
    if (flow.kind !== 'tcp') continue;
    const c = index.connections.get(flow.id);
    if (!c) continue;
    const o = c.outcome;
    if (o !== 'refused' && o !== 'unanswered' && o !== 'reset') continue;
    const s = serverOf(flow);
    const key = endpoint(s.addr, s.port);
    let g = byServer.get(key);
    if (!g) byServer.set(key, (g = { refused: [], unanswered: [], reset: [] }));
    g[o].push(flow);
  }
  for (const [server, g] of byServer) {
    if (g.refused.length) {
      const k = g.refused.length;
      const packets = g.refused.flatMap((f) => [f.firstIndex, tcp.get(f.id)?.rst ?? f.lastIndex]).slice(0, MAX_PACKETS);
      out.push({
        severity: 'error',
        kind: 'refused',
        subject: server,
        text: `${k === 1 ? '1 connection' : `${k} connections`} to ${server} ${k === 1 ? 'was' : 'were'} refused (RST to SYN): nothing listens on that port, or a firewall rejects it`,
        flows: g.refused.map((f) => f.id),
        packets,
        filter: streamsFilter(g.refused),
        weight: k,
      });
    }
    if (g.unanswered.length) {
      const k = g.unanswered.length;
      const first = g.unanswered[0]!;
      const group = index.connections.get(first.id)?.backoff.groups.find((x) => x.what === 'SYN');
      const times = group ? group.times : [];
      let text = k === 1 ? `SYN to ${server} unanswered` : `${k} connections to ${server} unanswered (no SYN-ACK)`;
      if (times.length > 1) {
        const offsets = times.slice(1).map((x) => `+${offsetText(x - times[0]!)}`);
        const v = backoffVerdict(times);
        text += `, retried at ${offsets.join(', ')} s`;
        text += v.doubles ? ': the doubling backoff of a host that is down or filtered' : ': the client gave up waiting';
      } else text += ': the host is down, or a firewall drops the SYN';
      out.push({
        severity: 'error',
        kind: 'unanswered',
        subject: server,
        text,
        flows: g.unanswered.map((f) => f.id),
        packets: (group ? group.indices : [first.firstIndex]).slice(0, MAX_PACKETS),
        filter: streamsFilter(g.unanswered),
        weight: k,
      });
    }
    if (g.reset.length) {
      const k = g.reset.length;
      const by = new Set(g.reset.map((f) => {
        const c = index.connections.get(f.id)!;
        return c.resetBy === c.client ? 'the client' : 'the server';
      }));
      const first = g.reset[0]!;
      const rst = tcp.get(first.id)?.rst ?? first.lastIndex;
      const after = secondsText(secOf(rst) - secOf(first.firstIndex));
      out.push({
        severity: 'warning',
        kind: 'reset',
        subject: server,
        text: k === 1 ? `Connection from ${serverOf(first).client} to ${server} reset by ${[...by][0]} after ${after}` : `${k} connections to ${server} reset (by ${[...by].join(' and ')})`,
        flows: g.reset.map((f) => f.id),
        packets: g.reset.map((f) => tcp.get(f.id)?.rst ?? f.lastIndex).slice(0, MAX_PACKETS),
        filter: streamsFilter(g.reset),
        weight: k,
      });
    }
  }

  // Zero windows and retransmissions, per connection.
  for (const [id, f] of tcp) {
    const flow = index.flows.get(id)!;
    const s = serverOf(flow);
    const subject = `stream ${flow.stream}: ${s.client} → ${endpoint(s.addr, s.port)}`;
    for (const dir of [0, 1] as const) {
      const periods = f.zero[dir]!;
      if (!periods.length) continue;
      let total = 0;
      let open = false;
      for (const [start, end] of periods) {
        total += secOf(end >= 0 ? end : flow.lastIndex) - secOf(start);
        if (end < 0) open = true;
      }
      const who = dir === 0 ? endpoint(flow.a, flow.aPort) : endpoint(flow.b, flow.bPort);
      const times = periods.length === 1 ? '' : ` in ${periods.length} spells`;
      out.push({
        // A window closed for a blink is worth knowing, not worrying about.
        severity: total >= 0.2 || open ? 'warning' : 'note',
        kind: 'zero-window',
        subject,
        text: `Zero window for ${secondsText(total)}${times} on stream ${flow.stream}: ${who} could take no more data${open ? ' (still closed at the end of the capture)' : ''}`,
        flows: [id],
        packets: periods.flatMap(([a, b]) => (b >= 0 ? [a, b] : [a])).slice(0, MAX_PACKETS),
        filter: `tcp.stream eq ${flow.stream} && (tcp.analysis.zero_window || tcp.analysis.window_update)`,
        weight: total,
      });
    }
    if (f.retrans.length) {
      const k = f.retrans.length;
      out.push({
        severity: 'note',
        kind: 'retransmissions',
        subject,
        text: `${plural(k, 'retransmission')} on stream ${flow.stream} (${plural(flow.packets[0] + flow.packets[1], 'packet')} in all)`,
        flows: [id],
        packets: f.retrans.slice(0, MAX_PACKETS),
        filter: `tcp.stream eq ${flow.stream} && tcp.analysis.retransmission`,
        weight: k,
      });
    }
  }

  // DHCP transactions: how long the server took, and the lease it gave.
  for (const [id, packets] of dhcp) {
    const c = index.dhcpClient.get(id);
    const type = (i: number): number => index.messageCode.get(i) ?? 0;
    const firstOf = (m: number): number => packets.find((i) => type(i) === m) ?? -1;
    const discover = firstOf(1);
    const request = firstOf(3);
    const offer = firstOf(2);
    const ack = firstOf(5);
    const nak = firstOf(6);
    const start = discover >= 0 ? discover : request;
    if (start < 0) continue;
    const parts: string[] = [];
    if (discover >= 0) parts.push(offer >= 0 ? `OFFER after ${secondsText(secOf(offer) - secOf(discover))}` : `DISCOVER unanswered (${plural(packets.filter((i) => type(i) === 1).length, 'try', 'tries')})`);
    if (ack >= 0) parts.push(`ACK after ${secondsText(secOf(ack) - secOf(start))}`);
    if (nak >= 0) parts.push('NAK: the server refused the address');
    const lease = ack >= 0 ? leaseOf(ack) : offer >= 0 ? leaseOf(offer) : undefined;
    if (lease !== undefined) parts.push(`lease ${leaseText(lease)}`);
    const retries = packets.filter((i) => type(i) === 1).length - 1;
    if (retries > 0 && offer >= 0) parts.push(`${plural(retries, 'DISCOVER')} repeated`);
    const bad = (discover >= 0 && offer < 0) || nak >= 0;
    const xid = c ? `0x${c.xid.toString(16).padStart(8, '0')}` : '';
    out.push({
      severity: bad ? 'warning' : 'note',
      kind: 'dhcp',
      subject: `DHCP ${c?.mac ?? ''}`.trim(),
      text: `DHCP: ${parts.join(', ')}`,
      flows: [id],
      packets: packets.filter((i) => DHCP_NAMES[type(i)] !== undefined).slice(0, MAX_PACKETS),
      filter: xid ? `dhcp.id == ${xid}` : 'dhcp',
      weight: secOf(packets.at(-1)!) - secOf(start),
    });
  }

  return out.sort((x, y) => SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] || y.weight - x.weight);
}

/** The DHCP packets whose lease time findings() may ask for (the first OFFER and ACK of each transaction). */
export function dhcpLeasePackets(index: CaptureIndex): number[] {
  const out: number[] = [];
  const seen = new Map<number, Set<number>>();
  const t = index.packets;
  for (const [i, code] of index.messageCode) {
    if (code !== 2 && code !== 5) continue;
    const id = t.flow.get(i)!;
    if (index.flows.get(id)?.kind !== 'dhcp') continue;
    let s = seen.get(id);
    if (!s) seen.set(id, (s = new Set()));
    if (s.has(code)) continue;
    s.add(code);
    out.push(i);
  }
  return out.sort((a, b) => a - b);
}
