// The watched flow's ladder while packets stream in: a rebuild of a big flow's ladder costs
// time proportional to the flow, so it must not run at every update (10 a second) or a
// file with a bulk flow watched while loading takes a minute instead of seconds.
import { describe, expect, it } from 'vitest';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import type { Ladder, LadderEvent } from '../../../electron/engine/flows/ladder-event.js';
import { LiveState } from '../../../electron/engine/workspace/live-state.js';
import { ManualClock } from './session-support.js';

/** An index whose rows all belong to flow 1, and a ladder of one event per row that costs `ms` per 1000 rows to build. */
function setup(msPer1000: number) {
  const idx = new CaptureIndex();
  const clock = new ManualClock();
  const builds: { at: number; cost: number }[] = [];
  const ladderOf = (): Ladder => {
    const n = idx.packets.length;
    builds.push({ at: clock.t, cost: (n / 1000) * msPer1000 });
    clock.t += (n / 1000) * msPer1000;
    const events = Array.from({ length: n }, (_, i) => ({ kind: 'packet', index: i }) as unknown as LadderEvent);
    return { flow: 1, kind: 'tcp', left: { address: 'a', port: 1, role: 'client' }, right: { address: 'b', port: 2, role: 'server' }, start: '0', summary: [], backoff: [], events };
  };
  const live = new LiveState(idx, ladderOf, clock);
  const grow = (k: number): void => {
    const from = idx.packets.length;
    for (let j = 0; j < k; j++) idx.packets.flow.set(idx.packets.add(), 1);
    live.scan(from, idx.packets.length);
  };
  return { idx, clock, live, grow, builds };
}

describe('LiveState watched ladder', () => {
  it('a cheap ladder is sent at every update', () => {
    const s = setup(0);
    s.grow(10);
    s.live.watch(1);
    let sent = 0;
    for (let u = 0; u < 20; u++) {
      s.grow(10);
      s.clock.advance(100);
      const w = s.live.takeWatchedLadder(false);
      if (w) sent += w.ladder.events.length - w.from;
    }
    expect(sent).toBe(200);
  });

  it('an expensive ladder waits 9 times its build time before the next build, and the last update sends every event', () => {
    const s = setup(10); // 10 ms per 1000 events: 100k rows = 1 s a build
    s.grow(10_000);
    s.live.watch(1);
    let sent = 0;
    for (let u = 0; u < 100; u++) {
      s.grow(10_000); // a load: 10k packets every 100 ms
      s.clock.advance(100);
      const w = s.live.takeWatchedLadder(false);
      if (w) sent += w.ladder.events.length - w.from;
      if (s.live.watchedWait > 0) expect(w).toBeNull();
    }
    const b = s.builds;
    expect(b.length).toBeLessThan(10); // the old way: a build at every one of the 100 updates
    for (let k = 1; k < b.length; k++) expect(b[k]!.at - (b[k - 1]!.at + b[k - 1]!.cost)).toBeGreaterThanOrEqual(9 * b[k - 1]!.cost);
    const last = s.live.takeWatchedLadder(true);
    if (last) sent += last.ladder.events.length - last.from;
    expect(sent).toBe(1_010_000 - 10_000);
  });
});
