// The flows table as text: one line per flow, columns as tshark's conversation tables
// (frames and bytes each way, relative start, duration) plus TCP's iRTT, outcome, problems.
import type { FlowRow } from '../engine/flows/flow-summary.js';

const ep = (e: { address: string; port: number }, kind: string): string =>
  kind === 'tcp' || kind === 'udp' || kind === 'dns' ? (e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`) : e.address;

function problems(r: FlowRow): string {
  const p = r.problems;
  if (!p) return '';
  const parts: string[] = [];
  if (p.retransmissions) parts.push(`retrans ${p.retransmissions}`);
  if (p.fastRetransmissions) parts.push(`fast-retrans ${p.fastRetransmissions}`);
  if (p.dupAcks) parts.push(`dup-ack ${p.dupAcks}`);
  if (p.outOfOrder) parts.push(`out-of-order ${p.outOfOrder}`);
  if (p.lost) parts.push(`lost ${p.lost}`);
  if (p.zeroWindows) parts.push(`zero-window ${p.zeroWindows}`);
  return parts.join(', ') || '-';
}

export function flowsText(rows: readonly FlowRow[]): string {
  const head = ['id', 'kind', 'endpoint A', 'endpoint B', 'A->B', 'bytes', 'B->A', 'bytes', 'start', 'duration', 'iRTT', 'outcome', 'problems'];
  const body = rows.map((r) => [
    String(r.id),
    r.kind,
    ep(r.a, r.kind),
    ep(r.b, r.kind),
    String(r.packets[0]),
    String(r.bytes[0]),
    String(r.packets[1]),
    String(r.bytes[1]),
    r.start.toFixed(6),
    r.duration.toFixed(4),
    r.irtt ? r.irtt.total.toFixed(6) : '',
    r.outcome ?? '',
    problems(r),
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...body.map((b) => b[k]!.length)));
  const right = new Set([0, 4, 5, 6, 7, 8, 9, 10]);
  const line = (cells: string[]): string => cells.map((c, k) => (right.has(k) ? c.padStart(widths[k]!) : c.padEnd(widths[k]!))).join('  ').trimEnd();
  return [line(head), ...body.map(line)].join('\n') + '\n';
}
