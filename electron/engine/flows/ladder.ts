// buildLadder: the ordered events of one flow for a ladder diagram (two lanes, arrows,
// times, TCP states, one sentence each). TCP flows go through ladder-tcp.ts; ARP, DHCP,
// DNS, ICMP and plain UDP/IP flows are request/response message sequences.
import type { CaptureIndex } from './capture-index.js';
import { arpLabel, DHCP_NAMES, dnsLabel, explainArp, explainDatagram, explainDhcp, explainDns, explainIcmp, icmpLabel, type MessageContext } from './explain-messages.js';
import type { Flow } from './flow.js';
import { epochString, type Ladder, type LadderEndpoint, type LadderEvent } from './ladder-event.js';
import { tcpLadder } from './ladder-tcp.js';
import { dnsCodeId, dnsCodeQr } from './transactions.js';

/**
 * The ladder of flow `flowId`, or undefined when there is no such flow. `packetBytes` may
 * give a packet's bytes by index; the ladder needs only the index, and uses bytes (when
 * given) for details the index does not keep.
 */
export function buildLadder(index: CaptureIndex, flowId: number, packetBytes?: (i: number) => Uint8Array | undefined): Ladder | undefined {
  void packetBytes;
  const flow = index.flows.get(flowId);
  if (!flow) return undefined;
  const rows = flowRows(index, flow);
  if (flow.kind === 'tcp') return tcpLadder(index, flow, rows, (i) => conversationDir(index, flow, i));
  return messageLadder(index, flow, rows);
}

/** Packet indices of a flow, in capture order. */
export function flowRows(index: CaptureIndex, flow: Flow): number[] {
  const rows: number[] = [];
  const f = index.packets.flow;
  for (let i = flow.firstIndex; i <= flow.lastIndex && i < index.packets.length; i++) if (f[i] === flow.id) rows.push(i);
  return rows;
}

/** The flow table's direction rule (flow-table.ts), re-applied to a stored row. */
function conversationDir(index: CaptureIndex, flow: Flow, i: number): 0 | 1 {
  const t = index.packets;
  const src = t.src[i]!;
  const sport = flow.kind === 'tcp' || flow.kind === 'udp' ? t.sport[i]! : flow.aPort;
  return flow.a === src && flow.aPort === sport && (flow.b !== src || flow.bPort !== sport || flow.a === flow.b) ? 0 : 1;
}

function messageDir(index: CaptureIndex, flow: Flow, i: number): 0 | 1 {
  const code = index.messageCode.get(i) ?? 0;
  if (flow.kind === 'dns') return dnsCodeQr(code) ? 1 : 0;
  if (flow.kind === 'dhcp') return code === 2 || code === 5 || code === 6 || (code === 0 && index.packets.sport[i] === 67) ? 1 : 0;
  if (flow.kind === 'arp') return index.packets.src[i] === flow.a ? 0 : 1;
  return conversationDir(index, flow, i);
}

function messageLadder(index: CaptureIndex, flow: Flow, rows: readonly number[]): Ladder {
  const t = index.packets;
  const name = (id: number): string => index.addresses.name(id);
  const timeOf = (i: number): number => t.tsSec[i]! - flow.firstSec + (t.tsNsec[i]! - flow.firstNsec) / 1e9;
  const dirs = rows.map((i) => messageDir(index, flow, i));
  const { left, right } = lanes(index, flow, rows, dirs);
  // Repeats count only while unanswered: a message from the other side starts a new exchange.
  const lastSent = new Map<string, { n: number; t: number }>();
  const lastFrom: [number, number] = [-1, -1];
  const events: LadderEvent[] = rows.map((i, k) => {
    const d = dirs[k]!;
    const code = index.messageCode.get(i) ?? 0;
    const at = timeOf(i);
    let label: string;
    if (flow.kind === 'arp') label = arpLabel(code, name(t.src[i]!), name(t.dst[i]!));
    else if (flow.kind === 'dhcp') label = DHCP_NAMES[code] ?? (d === 0 ? 'BOOTREQUEST' : 'BOOTREPLY');
    else if (flow.kind === 'dns') label = dnsLabel(code & 31);
    else if (flow.kind === 'icmp' || flow.kind === 'icmpv6') label = icmpLabel(flow.kind === 'icmpv6', code >> 8, code & 255);
    else label = `${flow.kind.toUpperCase()} ${t.payloadLength[i]!}`;
    const key = `${d}|${label}`;
    const prev = lastSent.get(key);
    const m: MessageContext = {
      from: d === 0 ? left.address : right.address,
      to: d === 0 ? right.address : left.address,
      repeat: prev?.n ?? 0,
      sinceRepeat: prev ? at - prev.t : -1,
      sinceRequest: isAnswer(flow.kind, code) && lastFrom[d === 0 ? 1 : 0] >= 0 ? at - lastFrom[d === 0 ? 1 : 0] : -1,
      len: t.payloadLength[i]!,
    };
    for (const k2 of [...lastSent.keys()]) if (!k2.startsWith(`${d}|`)) lastSent.delete(k2);
    lastSent.set(key, { n: (prev?.n ?? 0) + 1, t: at });
    lastFrom[d] = at;
    let explanation: string;
    if (flow.kind === 'arp') explanation = explainArp(code, name(t.src[i]!), name(t.dst[i]!), m);
    else if (flow.kind === 'dhcp') explanation = explainDhcp(code, m, code === 2 && name(t.dst[i]!) !== '255.255.255.255' ? name(t.dst[i]!) : '');
    else if (flow.kind === 'dns') explanation = explainDns(code & 31, dnsCodeId(code), m);
    else if (flow.kind === 'icmp' || flow.kind === 'icmpv6') explanation = explainIcmp(flow.kind === 'icmpv6', code >> 8, code & 255, m);
    else explanation = explainDatagram(m);
    return {
      kind: 'packet', frame: i + 1, index: i, time: epochString(t.tsSec[i]!, t.tsNsec[i]!), rel: at, leftToRight: d === 0,
      label, len: t.payloadLength[i]!, analysis: [], changes: [], explanation,
    };
  });
  const answered = dirs.includes(1);
  const summary = [answered ? `${rows.length} messages; the ${right.role} answered` : `${rows.length} message${rows.length === 1 ? '' : 's'}; no answer in the capture`];
  return { flow: flow.id, kind: flow.kind, left, right, start: epochString(flow.firstSec, flow.firstNsec), summary, backoff: [], events };
}

/** Whether a message answers one from the other side (is-at, OFFER/ACK/NAK, DNS response, echo reply). */
function isAnswer(kind: string, code: number): boolean {
  if (kind === 'arp') return code === 2;
  if (kind === 'dhcp') return code === 2 || code === 5 || code === 6;
  if (kind === 'dns') return dnsCodeQr(code) === 1;
  if (kind === 'icmp') return code >> 8 === 0;
  if (kind === 'icmpv6') return code >> 8 === 129;
  return true;
}

function lanes(index: CaptureIndex, flow: Flow, rows: readonly number[], dirs: readonly number[]): { left: LadderEndpoint; right: LadderEndpoint } {
  const name = (id: number): string => index.addresses.name(id);
  switch (flow.kind) {
    case 'arp':
      return { left: { address: name(flow.a), port: 0, role: 'asker' }, right: { address: flow.a === flow.b ? 'broadcast' : name(flow.b), port: 0, role: 'target' } };
    case 'dhcp': {
      const k = dirs.indexOf(1);
      const server = k >= 0 ? name(index.packets.src[rows[k]!]!) : 'DHCP server';
      return { left: { address: index.dhcpClient.get(flow.id)?.mac ?? name(flow.a), port: 0, role: `DHCP client, xid 0x${(index.dhcpClient.get(flow.id)?.xid ?? 0).toString(16).padStart(8, '0')}` }, right: { address: server, port: 67, role: 'DHCP server' } };
    }
    case 'dns':
      return { left: { address: name(flow.a), port: flow.aPort, role: 'client' }, right: { address: name(flow.b), port: flow.bPort, role: 'server' } };
    case 'icmp':
    case 'icmpv6':
      return { left: { address: name(flow.a), port: 0, role: 'sender' }, right: { address: name(flow.b), port: 0, role: 'peer' } };
    default:
      return { left: { address: name(flow.a), port: flow.aPort, role: 'first sender' }, right: { address: name(flow.b), port: flow.bPort, role: 'peer' } };
  }
}
