// Checkpoints of each big TCP flow's ladder walk, taken while the file opens, so that the
// ladder window around a packet deep in a 600k-packet flow replays at most `every` packets
// instead of the whole flow (tcp-ladder-window.ts).
//
// A checkpoint is the walk's state after the flow's first n x `every` packets: the
// connection (states, handshake, resend detector) and the walk's own locals (relative
// sequence bases, the next expected bytes, event count). The connection is a copy of the
// index's own, which is fed the same segments as a ladder's. The locals cannot be taken at
// once: whether a gap is a missing segment depends on the LOOKAHEAD packets after it. So a
// cursor per flow walks the locals LOOKAHEAD packets behind the flow's newest packet, where
// every such decision is final, and completes a checkpoint when it reaches it.
import type { CaptureIndex } from './capture-index.js';
import type { Flow } from './flow.js';
import type { TcpConnection } from './tcp-connection.js';
import { copyLocals, LOOKAHEAD, TcpLadderWalk, TcpWalkContext, type WalkLocals } from './tcp-ladder-walk.js';

/** Packets of a flow between two checkpoints: a window replays at most this many before its first event. */
export const CHECKPOINT_EVERY = 4096;

export interface LadderCheckpoint {
  /** The last packet walked: the walk goes on at the flow's next packet. */
  readonly after: number;
  /** The walk's locals there (events and packets walked, bases...); copy before walking on. */
  readonly locals: WalkLocals;
  /** The connection there; never fed: copy before walking on. */
  readonly conn: TcpConnection;
}

class FlowTrack {
  readonly ready: LadderCheckpoint[] = [];
  /** Connection copies waiting for the cursor: after the flow's `packets` first packets. */
  readonly pending: { after: number; packets: number; maxRel: number; conn: TcpConnection }[] = [];
  /** The latest time of the flow's packets so far (s since its first). */
  maxRel = -Infinity;
  /** The locals-only walk, and the last packet it walked (-1: none yet). */
  cursor: TcpLadderWalk | null = null;
  cursorAt = -1;
}

export class LadderCheckpoints {
  private readonly tracks = new Map<number, FlowTrack>();
  private lastFlow = 0;
  private lastTrack: FlowTrack | undefined;

  constructor(
    private readonly index: CaptureIndex,
    readonly every = CHECKPOINT_EVERY,
  ) {}

  /** The index fed packet i, the flow's newest, `rel` s after the flow's first, to the flow's connection `c`. */
  note(flow: Flow, i: number, rel: number, c: TcpConnection): void {
    const n = flow.packets[0] + flow.packets[1];
    // Nearly every packet: a flow below `every` packets has no track, and a bulk flow's
    // packets come in runs (the last track found is kept).
    if (n < this.every) return;
    let tr = this.lastTrack;
    if (this.lastFlow !== flow.id) {
      tr = this.tracks.get(flow.id);
      if (tr) {
        this.lastFlow = flow.id;
        this.lastTrack = tr;
      }
    }
    if (tr && rel > tr.maxRel) tr.maxRel = rel;
    if (n % this.every !== 0) return;
    if (!tr) {
      this.tracks.set(flow.id, (tr = new FlowTrack()));
      this.lastFlow = flow.id;
      this.lastTrack = tr;
      // Once per big flow: the latest time of its packets so far (from here on kept above).
      const list = this.index.flowPackets;
      const ctx = new TcpWalkContext(this.index, flow, list);
      for (let j = flow.firstIndex; j >= 0; j = list.next(j)) tr.maxRel = Math.max(tr.maxRel, ctx.timeOf(j));
    }
    tr.pending.push({ after: i, packets: n, maxRel: tr.maxRel, conn: c.copy() });
    this.advance(flow, tr, false);
  }

  /**
   * The flow's completed checkpoints, oldest first. `final`: the flow gets no more packets
   * (the file is read), so the cursor may walk to its end.
   */
  of(flow: Flow, final: boolean): readonly LadderCheckpoint[] {
    const tr = this.tracks.get(flow.id);
    if (!tr) return [];
    this.advance(flow, tr, final);
    return tr.ready;
  }

  /** Bytes the checkpoints hold, roughly (a connection copy is ~3 KB). */
  get approxBytes(): number {
    let n = 0;
    for (const tr of this.tracks.values()) n += (tr.ready.length + tr.pending.length) * 3200;
    return n;
  }

  private advance(flow: Flow, tr: FlowTrack, final: boolean): void {
    const n = flow.packets[0] + flow.packets[1];
    // The cursor may walk the flow's packet p (0-based) once the LOOKAHEAD after it are in.
    const limit = final ? n : n - LOOKAHEAD;
    const list = this.index.flowPackets;
    const w = (tr.cursor ??= new TcpLadderWalk(new TcpWalkContext(this.index, flow, list), null));
    while (w.s.packets < limit) {
      const i = tr.cursorAt < 0 ? flow.firstIndex : list.next(tr.cursorAt);
      if (i < 0) break;
      w.step(i, null);
      tr.cursorAt = i;
      const p = tr.pending[0];
      if (p && p.packets === w.s.packets) {
        const locals = copyLocals(w.s);
        locals.maxRel = p.maxRel;
        tr.ready.push({ after: i, locals, conn: p.conn });
        tr.pending.shift();
      }
    }
  }
}
