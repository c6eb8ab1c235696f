// TEST-ONLY: a deterministic synthetic capture for the fake host. Packet i is computed
// from i alone (no arrays), so the renderer can be tested at 10M rows without the host
// holding anything. Every cycle of 15 packets is an ARP exchange followed by a complete
// TCP conversation modelled on scenarios/tcp-handshake-data-client-close.
import type { FieldNodeDto, FlowDto, LadderDto, LadderEventDto, PacketDetailDto, RowDto } from '../../../electron/shared/dto.js';
import { DEFAULT_COLOR_RULES } from '../../../electron/shared/color-rules.js';

/** Where a default colouring rule stands (rows name their rule by position). */
const ruleAt = (name: string): number => DEFAULT_COLOR_RULES.findIndex((r) => r.name === name);

export const CYCLE = 15;
const BASE_SEC = 1_700_000_000;
/** Offsets in µs of each packet within its cycle, and the gap between cycles. */
const OFFS = [0, 26, 30, 49, 62, 152, 157, 312, 359, 100663, 143741, 401074, 401101, 401200, 401210];
const CYCLE_US = 500_000;

interface Tpl {
  arp?: 'req' | 'rep';
  dir?: 0 | 1;
  flags?: string;
  seq?: [number, number];
  ack?: number;
  len?: number;
  win?: number;
  cs?: string;
  ss?: string;
  explain: string;
}
const T: Tpl[] = [
  { arp: 'req', explain: '192.0.2.10 asks who has 192.0.2.20.' },
  { arp: 'rep', explain: '192.0.2.20 answers with its MAC address.' },
  { dir: 0, flags: 'S', seq: [0, 0], len: 0, win: 64240, cs: 'SYN_SENT', ss: 'LISTEN', explain: 'Client asks to open a connection and offers MSS 1460, SACK, timestamps and window scale 10.' },
  { dir: 1, flags: 'S.', seq: [0, 0], ack: 1, len: 0, win: 65160, cs: 'SYN_SENT', ss: 'SYN_RCVD', explain: 'Server accepts and offers its own options.' },
  { dir: 0, flags: '.', ack: 1, len: 0, win: 63, cs: 'ESTABLISHED', ss: 'ESTABLISHED', explain: 'Client acknowledges the SYN-ACK: the connection is open.' },
  { dir: 0, flags: 'P.', seq: [1, 20], ack: 1, len: 19, win: 63, cs: 'ESTABLISHED', ss: 'ESTABLISHED', explain: 'Client sends 19 bytes of data.' },
  { dir: 1, flags: '.', ack: 20, len: 0, win: 64, cs: 'ESTABLISHED', ss: 'ESTABLISHED', explain: 'Server acknowledges the 19 bytes.' },
  { dir: 1, flags: 'P.', seq: [1, 89], ack: 20, len: 88, win: 64, cs: 'ESTABLISHED', ss: 'ESTABLISHED', explain: 'Server sends 88 bytes of data.' },
  { dir: 0, flags: '.', ack: 89, len: 0, win: 63, cs: 'ESTABLISHED', ss: 'ESTABLISHED', explain: 'Client acknowledges the 88 bytes.' },
  { dir: 0, flags: 'F.', seq: [20, 20], ack: 89, len: 0, win: 63, cs: 'FIN_WAIT_1', ss: 'CLOSE_WAIT', explain: 'Client closes its side (FIN).' },
  { dir: 1, flags: '.', ack: 21, len: 0, win: 64, cs: 'FIN_WAIT_2', ss: 'CLOSE_WAIT', explain: 'Server acknowledges the FIN.' },
  { dir: 1, flags: 'F.', seq: [89, 89], ack: 21, len: 0, win: 64, cs: 'FIN_WAIT_2', ss: 'LAST_ACK', explain: 'Server closes its side too.' },
  { dir: 0, flags: '.', ack: 90, len: 0, win: 63, cs: 'TIME_WAIT', ss: 'CLOSED', explain: 'Client acknowledges the FIN and waits in TIME_WAIT.' },
  { dir: 0, flags: '.', ack: 90, len: 0, win: 63, cs: 'TIME_WAIT', ss: 'CLOSED', explain: 'A duplicate acknowledgement.' },
  { dir: 1, flags: 'R', seq: [90, 90], len: 0, win: 0, cs: 'TIME_WAIT', ss: 'CLOSED', explain: 'Server resets: it no longer knows this connection.' },
];

const CLIENT = '192.0.2.10';
const SERVER = '192.0.2.20';
const port = (cycle: number): number => 49152 + (cycle % 16000);

export function timeOf(i: number): { sec: number; nsec: number } {
  const us = Math.floor(i / CYCLE) * CYCLE_US + OFFS[i % CYCLE]!;
  return { sec: BASE_SEC + Math.floor(us / 1e6), nsec: (us % 1e6) * 1000 };
}

const tcpLen = (t: Tpl): number => 14 + 20 + 32 + (t.len ?? 0);

export function flowOf(i: number): number {
  const c = Math.floor(i / CYCLE);
  return T[i % CYCLE]!.arp ? 2 * c + 1 : 2 * c + 2;
}

function tcpDetail(t: Tpl): string {
  const parts = [`Flags [${t.flags}]`];
  if (t.seq) parts.push(t.seq[0] === t.seq[1] ? `seq ${t.seq[0]}` : `seq ${t.seq[0]}:${t.seq[1]}`);
  if (t.ack !== undefined) parts.push(`ack ${t.ack}`);
  parts.push(`win ${t.win}`);
  return parts.join(', ');
}

export function rowOf(i: number, marked: boolean): RowDto {
  const c = Math.floor(i / CYCLE);
  const t = T[i % CYCLE]!;
  const time = timeOf(i);
  if (t.arp) {
    const info = t.arp === 'req' ? `ARP, Request who-has ${SERVER} tell ${CLIENT}, length 28` : `ARP, Reply ${SERVER} is-at 02:00:00:0a:00:20, length 28`;
    return { index: i, number: i + 1, time, src: t.arp === 'req' ? '02:00:00:0a:00:10' : '02:00:00:0a:00:20', dst: t.arp === 'req' ? 'ff:ff:ff:ff:ff:ff' : '02:00:00:0a:00:10', protocol: 'ARP', length: 42, info, flow: flowOf(i), analysis: [], marked, colorRule: ruleAt('ARP'), malformed: false };
  }
  const [src, dst] = t.dir === 0 ? [`${CLIENT}.${port(c)}`, `${SERVER}.80`] : [`${SERVER}.80`, `${CLIENT}.${port(c)}`];
  const info = `IP ${src} > ${dst}: ${tcpDetail(t)}, options [nop,nop,TS val 1 ecr 2], length ${t.len}`;
  const analysis = i % CYCLE === 13 ? ['tcp.analysis.duplicate_ack'] : [];
  const colorRule = ruleAt(t.flags === 'R' ? 'TCP RST' : analysis.length ? 'Bad TCP' : /[SF]/.test(t.flags ?? '') ? 'TCP SYN/FIN' : 'TCP');
  return { index: i, number: i + 1, time, src: t.dir === 0 ? CLIENT : SERVER, dst: t.dir === 0 ? SERVER : CLIENT, protocol: 'TCP', length: tcpLen(t), info, flow: flowOf(i), analysis, marked, colorRule, malformed: false };
}

function bytesOf(i: number): Uint8Array<ArrayBuffer> {
  const t = T[i % CYCLE]!;
  const n = t.arp ? 42 : tcpLen(t);
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = (k * 7 + i) & 0xff;
  b.set([0x02, 0, 0, 0x0a, 0, 0x20, 0x02, 0, 0, 0x0a, 0, 0x10], 0);
  b.set(t.arp ? [0x08, 0x06] : [0x08, 0x00], 12);
  if (!t.arp) b.set([0x45, 0x00, 0, n - 14], 14);
  return b;
}

const node = (field: string, label: string, offset: number, length: number, children?: FieldNodeDto[], extra?: Partial<FieldNodeDto>): FieldNodeDto => ({ field, label, offset, length, ...(children ? { children } : {}), ...extra });

export function detailOf(i: number): PacketDetailDto {
  const t = T[i % CYCLE]!;
  const row = rowOf(i, false);
  const bytes = bytesOf(i);
  const frame = node('frame', `Frame ${i + 1}: ${bytes.length} bytes on wire (${bytes.length * 8} bits), ${bytes.length} bytes captured`, 0, bytes.length, [
    node('frame.number', `Frame Number: ${i + 1}`, 0, 0),
    node('frame.len', `Frame Length: ${bytes.length} bytes`, 0, 0),
  ]);
  const eth = node('eth', 'Ethernet II, Src: 02:00:00:0a:00:10, Dst: 02:00:00:0a:00:20', 0, 14, [
    node('eth.dst', 'Destination: 02:00:00:0a:00:20', 0, 6),
    node('eth.src', 'Source: 02:00:00:0a:00:10', 6, 6),
    node('eth.type', `Type: ${t.arp ? 'ARP (0x0806)' : 'IPv4 (0x0800)'}`, 12, 2),
  ]);
  if (t.arp) {
    return { index: i, number: i + 1, line: row.info, bytes, tree: [frame, eth, node('arp', `Address Resolution Protocol (${t.arp === 'req' ? 'request' : 'reply'})`, 14, 28, [node('arp.opcode', `Opcode: ${t.arp === 'req' ? 'request (1)' : 'reply (2)'}`, 20, 2)])] };
  }
  const ip = node('ip', `Internet Protocol Version 4, Src: ${row.src}, Dst: ${row.dst}`, 14, 20, [
    node('ip.version', '0100 .... = Version: 4', 14, 1),
    node('ip.len', `Total Length: ${bytes.length - 14}`, 16, 2),
    node('ip.ttl', 'Time to Live: 64', 22, 1),
    node('ip.src', `Source Address: ${row.src}`, 26, 4),
    node('ip.dst', `Destination Address: ${row.dst}`, 30, 4),
  ]);
  const flags = node('tcp.flags', `Flags: [${t.flags}]`, 46, 2, [node('tcp.flags.syn', `.... .... ..${t.flags?.includes('S') ? '1' : '0'}. = Syn: ${t.flags?.includes('S') ? 'Set' : 'Not set'}`, 47, 1)]);
  const tcpKids = [node('tcp.srcport', 'Source Port: 49152', 34, 2), node('tcp.dstport', 'Destination Port: 80', 36, 2), node('tcp.seq', `Sequence Number: ${t.seq?.[0] ?? 1}    (relative sequence number)`, 38, 4), flags, node('tcp.window_size_value', `Window: ${t.win}`, 48, 2), node('tcp.options', 'Options: (12 bytes), No-Operation (NOP), No-Operation (NOP), Timestamps', 54, 12)];
  const analysis = rowOf(i, false).analysis;
  if (analysis.length) tcpKids.push(node('tcp.analysis', '[SEQ/ACK analysis]', 0, 0, [node('tcp.analysis.duplicate_ack', '[This is a TCP duplicate ack]', 0, 0, undefined, { expert: { severity: 'note', group: 'Sequence', message: 'Duplicate ACK (#1)' } })]));
  const tcp = node('tcp', `Transmission Control Protocol, Src Port: ${row.src === CLIENT ? 49152 : 80}, Len: ${t.len}`, 34, 32, tcpKids);
  const tree = [frame, eth, ip, tcp];
  if (t.len) tree.push(node('data', `Data (${t.len} bytes)`, 66, t.len));
  return { index: i, number: i + 1, line: row.info, bytes, tree };
}

export function flowDtoOf(id: number, total: number): FlowDto {
  const c = Math.floor((id - 1) / 2);
  const first = c * CYCLE + (id % 2 === 1 ? 0 : 2);
  const arp = id % 2 === 1;
  const end = Math.min(total - 1, arp ? first + 1 : first + 12);
  const done = end === (arp ? first + 1 : first + 12);
  return {
    id,
    kind: arp ? 'arp' : 'tcp',
    a: arp ? CLIENT : `${CLIENT}:${port(c)}`,
    b: arp ? SERVER : `${SERVER}:80`,
    packets: arp ? [1, done ? 1 : 0] : [7, 6],
    bytes: arp ? [42, 42] : [7 * 66 + 19, 6 * 66 + 88],
    first: timeOf(first),
    last: timeOf(end),
    ...(arp ? {} : { irtt: 0.000062, state: done ? 'TIME_WAIT / CLOSED' : 'ESTABLISHED / ESTABLISHED', problems: 1 }),
    outcome: done ? 'complete' : 'open',
    problems: arp ? 0 : 1,
  };
}

export function ladderOf(id: number, total: number): LadderDto {
  const flow = flowDtoOf(id, total);
  const c = Math.floor((id - 1) / 2);
  const idx = flow.kind === 'arp' ? [c * CYCLE, c * CYCLE + 1] : Array.from({ length: 13 }, (_, k) => c * CYCLE + 2 + k);
  const t0 = OFFS[idx[0]! % CYCLE]!;
  const events: LadderEventDto[] = idx.filter((i) => i < total).map((i) => {
    const t = T[i % CYCLE]!;
    return {
      index: i,
      number: i + 1,
      time: timeOf(i),
      rel: (OFFS[i % CYCLE]! - t0) / 1e6,
      dir: t.arp ? (t.arp === 'req' ? 0 : 1) : t.dir!,
      label: t.arp ? (t.arp === 'req' ? 'who-has' : 'is-at') : t.flags!,
      detail: t.arp ? '' : tcpDetail(t).replace(/^Flags \[[^\]]*\], /, '') + `, len ${t.len}`,
      analysis: rowOf(i, false).analysis,
      clientState: t.cs ?? '',
      serverState: t.ss ?? '',
      explain: t.explain,
      ghost: false,
    };
  });
  return { flow, client: flow.a, server: flow.b, events, from: 0, total: events.length, handshake: flow.kind === 'tcp' ? { synToSynAck: 0.000019, synAckToAck: 0.000013, total: 0.000032 } : {}, backoff: [] };
}
