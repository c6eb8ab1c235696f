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
  // One pass for the widths and one for the lines: a capture has tens of thousands of flows.
  const widths = head.map((h) => h.length);
  for (const b of body) for (let k = 0; k < b.length; k++) if (b[k]!.length > widths[k]!) widths[k] = b[k]!.length;
  const right = [true, false, false, false, true, true, true, true, true, true, true, false, false];
  // Padding stops at the last non-empty cell: what trimEnd() would remove is never built
  // (the last columns, outcome and problems, are wide and often empty).
  const line = (cells: string[]): string => {
    let last = cells.length - 1;
    while (last > 0 && cells[last] === '') last--;
    let s = '';
    for (let k = 0; k <= last; k++) {
      const c = cells[k]!;
      if (k > 0) s += '  ';
      s += right[k] ? c.padStart(widths[k]!) : k === last ? c : c.padEnd(widths[k]!);
    }
    return s;
  };
  let out = line(head) + '\n';
  for (const b of body) out += line(b) + '\n';
  return out;
}
