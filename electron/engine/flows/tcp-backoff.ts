// Retransmission back-off: every resend of the same segment (same direction, sequence number
// and length: SYN retries, RTO retransmissions, repeated zero-window probes) joins one group,
// and the gaps between the sends are measured. RFC 6298 (5.5) says the retransmission timer
// doubles at each expiry, and RFC 6298/9293 SYN retries do the same; the verdict says whether
// the capture shows that, from which gap on, and how far the gaps stray from exactly 2x.
import { A_KEEP_ALIVE, A_RETRANSMISSION, A_ZERO_WINDOW_PROBE } from './analysis-flags.js';
import { FIN, SYN, seqGe, seqGt } from './tcp-states.js';

export type ResentKind = 'SYN' | 'SYN-ACK' | 'FIN' | 'data' | 'zero-window probe';

export interface RetransmissionGroup {
  readonly dir: 0 | 1;
  /** Absolute sequence number and length of the segment. */
  readonly seq: number;
  readonly len: number;
  readonly what: ResentKind;
  /** Packet indices of the first send and each resend (capped at MAX_TRIES). */
  readonly indices: number[];
  /** Send times in seconds since the flow's first packet (capped like `indices`). */
  readonly times: number[];
  /** All sends, including those past the cap. */
  sends: number;
}

export interface BackoffVerdict {
  /** Seconds between consecutive sends. */
  readonly intervals: number[];
  /** intervals[i + 1] / intervals[i]. */
  readonly ratios: number[];
  /** True when every ratio from `doublingFrom` on is 2 within TOLERANCE, and there is one. */
  readonly doubles: boolean;
  /** Index into `ratios` from which the gaps double (0 = from the start; ratios.length = never). */
  readonly doublingFrom: number;
  /** Largest |ratio / 2 - 1| over the doubling part (0.03 = 3 % off exactly 2x). */
  readonly maxDeviation: number;
}

/** What one resend looks like, for the ladder's sentence. */
export interface ResendInfo {
  readonly group: RetransmissionGroup;
  /** 1 for the first resend. */
  readonly tryNo: number;
  /** Seconds since the previous send, and the gap before that (-1 when none). */
  readonly gap: number;
  readonly prevGap: number;
}

const TOLERANCE = 0.2;
const MAX_TRIES = 32;
const MAX_GROUPS = 64;
const REMEMBERED = 32;

interface Sent {
  group: RetransmissionGroup | null;
  index: number;
  first: number;
  last: number;
  lastGap: number;
  sends: number;
}

export function backoffVerdict(times: readonly number[]): BackoffVerdict {
  const intervals: number[] = [];
  for (let i = 1; i < times.length; i++) intervals.push(times[i]! - times[i - 1]!);
  const ratios: number[] = [];
  for (let i = 1; i < intervals.length; i++) ratios.push(intervals[i - 1]! > 0 ? intervals[i]! / intervals[i - 1]! : Infinity);
  let from = ratios.length;
  while (from > 0 && Math.abs(ratios[from - 1]! / 2 - 1) <= TOLERANCE) from--;
  let maxDeviation = 0;
  for (let i = from; i < ratios.length; i++) maxDeviation = Math.max(maxDeviation, Math.abs(ratios[i]! / 2 - 1));
  return { intervals, ratios, doubles: ratios.length > 0 && from === 0, doublingFrom: from, maxDeviation };
}

/** Per-connection resend detector; bounded: REMEMBERED segments a side, MAX_GROUPS groups. */
export class BackoffTracker {
  readonly groups: RetransmissionGroup[] = [];
  /** Groups found, including those past MAX_GROUPS. */
  groupCount = 0;
  /** Resends seen (by match or by the tcp.analysis.retransmission bit). */
  resends = 0;
  private readonly sent: [Map<string, Sent>, Map<string, Sent>] = [new Map(), new Map()];
  private readonly end: [number, number] = [0, 0];
  private readonly haveEnd: [boolean, boolean] = [false, false];

  /** Feeds one segment; returns the resend it is, or null for a first send. */
  observe(index: number, t: number, dir: 0 | 1, seq: number, len: number, flags: number, analysis: number): ResendInfo | null {
    const span = len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);
    if (span === 0 || analysis & A_KEEP_ALIVE) return null;
    const segEnd = (seq + span) >>> 0;
    const key = `${seq}:${len}:${flags & (SYN | FIN)}`;
    const m = this.sent[dir];
    const old = m.get(key);
    const isOld = this.haveEnd[dir] && seqGe(this.end[dir], segEnd);
    if (!this.haveEnd[dir] || seqGt(segEnd, this.end[dir])) {
      this.end[dir] = segEnd;
      this.haveEnd[dir] = true;
    }
    if (!old || !isOld) {
      if (analysis & A_RETRANSMISSION) this.resends++;
      m.delete(key);
      m.set(key, { group: null, index, first: t, last: t, lastGap: -1, sends: 1 });
      if (m.size > REMEMBERED) m.delete(m.keys().next().value as string);
      return null;
    }
    this.resends++;
    const gap = t - old.last;
    const prevGap = old.lastGap;
    old.sends++;
    old.last = t;
    old.lastGap = gap;
    if (!old.group) {
      this.groupCount++;
      const what: ResentKind = analysis & A_ZERO_WINDOW_PROBE ? 'zero-window probe' : flags & SYN ? (flags & 0x10 ? 'SYN-ACK' : 'SYN') : len === 0 ? 'FIN' : 'data';
      old.group = { dir, seq, len, what, indices: [old.index], times: [old.first], sends: 1 };
      if (this.groups.length < MAX_GROUPS) this.groups.push(old.group);
    }
    const g = old.group;
    g.sends++;
    if (g.indices.length < MAX_TRIES) {
      g.indices.push(index);
      g.times.push(t);
    }
    // Refresh recency so a long back-off series is not evicted by newer segments.
    m.delete(key);
    m.set(key, old);
    return { group: g, tryNo: g.sends - 1, gap, prevGap };
  }
}
