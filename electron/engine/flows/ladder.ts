// buildLadder: the ordered events of one flow for a ladder diagram (two lanes, arrows,
// times, TCP states, one sentence each). TCP flows go through ladder-tcp.ts; ARP, DHCP,
// DNS, ICMP and plain UDP/IP flows are request/response message sequences.
import type { CaptureIndex } from './capture-index.js';
import type { Flow } from './flow.js';
import { epochString, type Ladder, type LadderEndpoint, type LadderEvent } from './ladder-event.js';
import { tcpLadder } from './ladder-tcp.js';
import { MessageEvent, messageKey, type MessageEventContext } from './message-ladder-event.js';
import { dnsCodeQr } from './transactions.js';

/**
 * The ladder of flow `flowId`, or undefined when there is no such flow. `packetBytes` may
 * give a packet's bytes by index; the ladder needs only the index, and uses bytes (when
 * given) for details the index does not keep.
 */
export function buildLadder(index: CaptureIndex, flowId: number, packetBytes?: (i: number) => Uint8Array | undefined): Ladder | undefined {
  void packetBytes;
  const flow = index.flows.get(flowId);
  if (!flow) return undefined;
  if (flow.kind === 'tcp') return tcpLadder(index, flow, index.flowPackets);
  return messageLadder(index, flow, flowRows(index, flow));
}

/** Packet indices of a flow, in capture order (its own packets, not the capture's between them). */
export function flowRows(index: CaptureIndex, flow: Flow): number[] {
  const rows: number[] = [];
  for (let i = flow.firstIndex; i >= 0; i = index.flowPackets.next(i)) rows.push(i);
  return rows;
}

/** The flow table's direction rule (flow-table.ts), re-applied to a stored row. */
function conversationDir(index: CaptureIndex, flow: Flow, i: number): 0 | 1 {
  const t = index.packets;
  const src = t.src.get(i);
  const sport = flow.kind === 'tcp' || flow.kind === 'udp' ? t.sport.get(i) : flow.aPort;
  return flow.a === src && flow.aPort === sport && (flow.b !== src || flow.bPort !== sport || flow.a === flow.b) ? 0 : 1;
}

function messageDir(index: CaptureIndex, flow: Flow, i: number): 0 | 1 {
  const code = index.messageCode.get(i) ?? 0;
  if (flow.kind === 'dns') return dnsCodeQr(code) ? 1 : 0;
  if (flow.kind === 'dhcp') return code === 2 || code === 5 || code === 6 || (code === 0 && index.packets.sport.get(i) === 67) ? 1 : 0;
  if (flow.kind === 'arp') return index.packets.src.get(i) === flow.a ? 0 : 1;
  return conversationDir(index, flow, i);
}

function messageLadder(index: CaptureIndex, flow: Flow, rows: readonly number[]): Ladder {
  const t = index.packets;
  const timeOf = (i: number): number => t.sec(i) - flow.firstSec + (t.nsec(i) - flow.firstNsec) / 1e9;
  const dirs = rows.map((i) => messageDir(index, flow, i));
  const { left, right } = lanes(index, flow, rows, dirs);
  const ctx: MessageEventContext = { kind: flow.kind, sec: (i) => t.sec(i), nsec: (i) => t.nsec(i), src: t.src, dst: t.dst, name: (id) => index.addresses.name(id), left: left.address, right: right.address };
  // Repeats count only while unanswered: a message from the other side starts a new exchange.
  const lastSent: [Map<number, { n: number; t: number }>, Map<number, { n: number; t: number }>] = [new Map(), new Map()];
  const lastFrom: [number, number] = [-1, -1];
  const events: LadderEvent[] = rows.map((i, k) => {
    const d = dirs[k]!;
    const o = d === 0 ? 1 : 0;
    const code = index.messageCode.get(i) ?? 0;
    const at = timeOf(i);
    const len = t.payloadLength.get(i);
    const key = messageKey(flow.kind, code, len);
    const prev = lastSent[d].get(key);
    const e = new MessageEvent(ctx, {
      index: i,
      rel: at,
      leftToRight: d === 0,
      code,
      len,
      repeat: prev?.n ?? 0,
      sinceRepeat: prev ? at - prev.t : -1,
      sinceRequest: isAnswer(flow.kind, code) && lastFrom[o] >= 0 ? at - lastFrom[o] : -1,
    });
    if (lastSent[o].size) lastSent[o].clear();
    if (prev) {
      prev.n++;
      prev.t = at;
    } else lastSent[d].set(key, { n: 1, t: at });
    lastFrom[d] = at;
    return e;
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
      const server = k >= 0 ? name(index.packets.src.get(rows[k]!)) : 'DHCP server';
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
