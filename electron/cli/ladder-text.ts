// A ladder as text: two lanes, one arrow per packet with its time, the lanes' states where
// they change, and the event's sentence underneath. ASCII only (the CLI writes Latin-1).
import type { Ladder, LadderEvent } from '../engine/flows/ladder-event.js';

const ARROW = 50;
const STATE = 12;

function arrowText(e: LadderEvent): string {
  if (e.seq === undefined) return e.len ? `${e.label} (${e.len})` : e.label;
  if (e.kind === 'ghost') return `? seq ${e.seq}:${e.nextSeq ?? e.seq} not captured`;
  const seq = e.len > 0 ? `${e.seq}:${e.seq + e.len}` : `${e.seq}`;
  const ack = e.ack !== undefined ? ` ack ${e.ack}` : '';
  const win = e.window !== undefined ? ` win ${e.scaledWindow ?? e.window}` : '';
  return `${e.label} seq ${seq}${ack}${win}${e.len ? ` len ${e.len}` : ''}`;
}

function arrow(text: string, ltr: boolean, ghost: boolean): string {
  const body = ` ${text} `;
  const fill = Math.max(3, ARROW - body.length - 6);
  const line = (n: number): string => (ghost ? '- '.repeat(n).slice(0, n) : '-'.repeat(n));
  return ltr ? `|${line(3)}${body}${line(fill)}>|` : `|<${line(fill)}${body}${line(3)}|`;
}

const endpoint = (e: { address: string; port: number; role: string }): string => `${e.role} ${e.address}${e.port ? `:${e.port}` : ''}`;

export function ladderText(l: Ladder): string {
  const out: string[] = [];
  out.push(`Flow ${l.flow} (${l.kind}): ${endpoint(l.left)} <-> ${endpoint(l.right)}`);
  out.push(`Start ${l.start}${l.outcome ? `  outcome: ${l.outcome}` : ''}`);
  for (const s of l.summary) out.push(`  ${s}`);
  out.push('');
  const pad = ' '.repeat(6 + 1 + 12 + 1);
  const leftName = `${l.left.address}${l.left.port ? `:${l.left.port}` : ''}`;
  const rightName = `${l.right.address}${l.right.port ? `:${l.right.port}` : ''}`;
  out.push(`${'frame'.padStart(6)} ${'time'.padStart(12)} ${leftName.padEnd(STATE + 1 + ARROW)} ${rightName}`);
  let prevLeft = '';
  let prevRight = '';
  const first = l.events.find((e) => e.states);
  if (first?.states) {
    // The lanes' states before the first packet, as the first change reveals them.
    const before = (lane: 'left' | 'right'): string => {
      const role = lane === 'left' ? l.left.role : l.right.role;
      const ch = first.changes.find((c) => c.startsWith(`${role}:`));
      return ch ? ch.slice(role.length + 2).split(' -> ')[0]! : first.states![lane];
    };
    prevLeft = before('left');
    prevRight = before('right');
    out.push(`${pad}${prevLeft.padEnd(STATE)} ${' '.repeat(ARROW)} ${prevRight}`);
  }
  for (const e of l.events) {
    const frame = e.kind === 'ghost' ? '(lost)' : `${e.frame}`;
    let ls = '';
    let rs = '';
    if (e.states) {
      // A lane that passed through states within the event shows them all: CLOSING > TIME_WAIT.
      const lane = (now: string, prev: string, via: readonly string[] | undefined): string => (via?.length ? [...via, now].join(' > ') : now !== prev ? now : '');
      ls = lane(e.states.left, prevLeft, e.via?.left);
      rs = lane(e.states.right, prevRight, e.via?.right);
      prevLeft = e.states.left;
      prevRight = e.states.right;
    }
    out.push(`${frame.padStart(6)} ${`+${e.rel.toFixed(6)}`.padStart(12)} ${ls.padEnd(STATE)} ${arrow(arrowText(e), e.leftToRight, e.kind === 'ghost')} ${rs}`.trimEnd());
    out.push(`${pad}${e.explanation}`);
    if (e.analysis.length) out.push(`${pad}[${e.analysis.join(', ')}]`);
  }
  return out.join('\n') + '\n';
}
