// Retransmission back-off: every resend of the same segment (same direction, sequence number
// and length: SYN retries, RTO retransmissions, repeated zero-window probes) joins one group,
// and the gaps between the sends are measured. RFC 6298 (5.5) says the retransmission timer
// doubles at each expiry, and RFC 6298/9293 SYN retries do the same; the verdict says whether
// the capture shows that, from which gap on, and how far the gaps stray from exactly 2x.
import { A_KEEP_ALIVE, A_RETRANSMISSION, A_ZERO_WINDOW_PROBE } from './analysis-flags.js';
import { ACK, FIN, SYN, seqGe, seqGt } from './tcp-states.js';
import { SentPool, SMALL_BLOCK } from './tcp-sent-pool.js';

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

/**
 * The last REMEMBERED segments a side sent, in a block of the shared SentPool's columns: a
 * new segment is written without allocating (bulk transfers send millions), and the ring is
 * searched, newest first, only when a segment is old (at or below the highest end seen) — a
 * resend. The block starts small and moves once to REMEMBERED slots when it fills, oldest
 * first, so the ring behaves exactly like one of REMEMBERED slots from the start.
 */
class SentRing {
  private base = -1;
  private cap = 0;
  private size = 0;
  private head = 0;

  constructor(private readonly pool: SentPool) {}

  add(seq: number, len: number, fl: number, index: number, t: number, group: RetransmissionGroup | null = null, first = t, lastGap = -1): void {
    if (this.size === this.cap && this.cap < REMEMBERED) this.enlarge();
    const p = this.pool;
    const i = this.base + this.head;
    p.seq[i] = seq;
    p.len[i] = len;
    p.fl[i] = fl;
    p.index[i] = index;
    p.first[i] = first;
    p.last[i] = t;
    p.lastGap[i] = lastGap;
    p.setGroup(i, group);
    this.head = (this.head + 1) % this.cap;
    if (this.size < this.cap) this.size++;
  }

  /** This ring's slots copied into `to`'s pool (groups mapped through `groups`): a checkpoint's own copy. */
  copyInto(to: SentRing, groups: Map<RetransmissionGroup, RetransmissionGroup>): void {
    to.cap = this.cap;
    to.size = this.size;
    to.head = this.head;
    if (this.cap === 0) return;
    to.base = to.pool.alloc(this.cap);
    const a = this.pool;
    const b = to.pool;
    for (let k = 0; k < this.cap; k++) {
      const i = this.base + k;
      const j = to.base + k;
      b.seq[j] = a.seq[i]!;
      b.len[j] = a.len[i]!;
      b.fl[j] = a.fl[i]!;
      b.index[j] = a.index[i]!;
      b.first[j] = a.first[i]!;
      b.last[j] = a.last[i]!;
      b.lastGap[j] = a.lastGap[i]!;
      const g = a.groupAt(i);
      b.setGroup(j, g ? (groups.get(g) ?? copyGroup(g, groups)) : null);
    }
  }

  /** Pool slot of the newest entry for this segment, or -1. */
  find(seq: number, len: number, fl: number): number {
    const p = this.pool;
    for (let k = 1; k <= this.size; k++) {
      const i = this.base + ((this.head - k + this.cap) % this.cap);
      if (p.seq[i] === seq && p.len[i] === len && p.fl[i] === fl) return i;
    }
    return -1;
  }

  /** Moves slot `i` to the newest position (a long back-off series must not be evicted). */
  refresh(i: number, t: number, gap: number, group: RetransmissionGroup): void {
    const p = this.pool;
    const seq = p.seq[i]!;
    const len = p.len[i]!;
    const fl = p.fl[i]!;
    const index = p.index[i]!;
    const first = p.first[i]!;
    p.len[i] = 0xffffffff; // retire the old slot (never matches a real length)
    p.setGroup(i, null);
    this.add(seq, len, fl, index, t, group, first, gap);
  }

  /** A first block, or the move to a full-size one (entries copied oldest first). */
  private enlarge(): void {
    const p = this.pool;
    if (this.cap === 0) {
      this.cap = Math.min(SMALL_BLOCK, REMEMBERED);
      this.base = p.alloc(this.cap);
      return;
    }
    const to = p.alloc(REMEMBERED);
    for (let k = 0; k < this.size; k++) {
      const from = this.base + ((this.head - this.size + k + this.cap) % this.cap);
      p.seq[to + k] = p.seq[from]!;
      p.len[to + k] = p.len[from]!;
      p.fl[to + k] = p.fl[from]!;
      p.index[to + k] = p.index[from]!;
      p.first[to + k] = p.first[from]!;
      p.last[to + k] = p.last[from]!;
      p.lastGap[to + k] = p.lastGap[from]!;
      p.setGroup(to + k, p.groupAt(from));
      p.setGroup(from, null);
    }
    this.base = to;
    this.head = this.size % REMEMBERED;
    this.cap = REMEMBERED;
  }
}

function copyGroup(g: RetransmissionGroup, groups: Map<RetransmissionGroup, RetransmissionGroup>): RetransmissionGroup {
  const c: RetransmissionGroup = { dir: g.dir, seq: g.seq, len: g.len, what: g.what, indices: [...g.indices], times: [...g.times], sends: g.sends };
  groups.set(g, c);
  return c;
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
  private readonly sent: [SentRing, SentRing];
  private readonly end: [number, number] = [0, 0];
  private readonly haveEnd: [boolean, boolean] = [false, false];

  /** @param pool the shared columns of recent segments (a private one when not given). */
  constructor(pool: SentPool = new SentPool(64)) {
    this.sent = [new SentRing(pool), new SentRing(pool)];
    this.pool = pool;
  }

  private readonly pool: SentPool;

  /**
   * An independent copy in a pool of its own (a ladder checkpoint): it goes on exactly as
   * this one would, and neither sees what the other is fed after.
   */
  copy(): BackoffTracker {
    const b = new BackoffTracker(new SentPool(2 * REMEMBERED));
    const groups = new Map<RetransmissionGroup, RetransmissionGroup>();
    for (const g of this.groups) b.groups.push(groups.get(g) ?? copyGroup(g, groups));
    b.groupCount = this.groupCount;
    b.resends = this.resends;
    for (const d of [0, 1] as const) {
      this.sent[d].copyInto(b.sent[d], groups);
      b.end[d] = this.end[d];
      b.haveEnd[d] = this.haveEnd[d];
    }
    return b;
  }

  /** Feeds one segment; returns the resend it is, or null for a first send. */
  observe(index: number, t: number, dir: 0 | 1, seq: number, len: number, flags: number, analysis: number): ResendInfo | null {
    const span = len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);
    if (span === 0 || analysis & A_KEEP_ALIVE) return null;
    const segEnd = (seq + span) >>> 0;
    const fl = flags & (SYN | FIN);
    const ring = this.sent[dir];
    const isOld = this.haveEnd[dir] && seqGe(this.end[dir], segEnd);
    if (!this.haveEnd[dir] || seqGt(segEnd, this.end[dir])) {
      this.end[dir] = segEnd;
      this.haveEnd[dir] = true;
    }
    const slot = isOld ? ring.find(seq, len, fl) : -1;
    if (slot < 0) {
      if (analysis & A_RETRANSMISSION) this.resends++;
      ring.add(seq, len, fl, index, t);
      return null;
    }
    const p = this.pool;
    this.resends++;
    const gap = t - p.last[slot]!;
    const prevGap = p.lastGap[slot]!;
    let g = p.groupAt(slot);
    if (!g) {
      this.groupCount++;
      const what: ResentKind = analysis & A_ZERO_WINDOW_PROBE ? 'zero-window probe' : flags & SYN ? (flags & ACK ? 'SYN-ACK' : 'SYN') : len === 0 ? 'FIN' : 'data';
      g = { dir, seq, len, what, indices: [p.index[slot]!], times: [p.first[slot]!], sends: 1 };
      if (this.groups.length < MAX_GROUPS) this.groups.push(g);
    }
    g.sends++;
    if (g.indices.length < MAX_TRIES) {
      g.indices.push(index);
      g.times.push(t);
    }
    ring.refresh(slot, t, gap, g);
    return { group: g, tryNo: g.sends - 1, gap, prevGap };
  }
}
