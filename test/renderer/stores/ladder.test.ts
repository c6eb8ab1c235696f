// @vitest-environment happy-dom
// The ladder store holds a window of a long flow: the first window (around the selected
// packet), another as the view moves, a bounded number of events, live growth counted.
import { describe, expect, it } from 'vitest';
import type { LadderDto } from '../../../electron/shared/dto.js';
import { LADDER_WINDOW } from '../../../electron/shared/ladder-window.js';
import { useLadderStore } from '../../../renderer/src/stores/ladder.js';
import { ladderOf } from '../support/synthetic-capture.js';
import { setup, settle } from '../support/setup.js';

/** A 50,000-event flow made of the synthetic flow 2's data arrows. */
function bulk(): LadderDto {
  const l = ladderOf(2, 100);
  const events = Array.from({ length: 50_000 }, (_, k) => ({ ...l.events[6 + (k % 4)]!, index: k, number: k + 1, rel: k / 1000 }));
  return { ...l, events, total: events.length };
}

describe('ladder store', () => {
  it('fetches a window around the selected packet, then the window around what the view shows', async () => {
    const whole = bulk();
    const { host } = setup({ packets: 100, ladderOf: (f) => (f === 2 ? whole : undefined) });
    const s = useLadderStore();
    await s.show(2, 30_000);
    expect(s.ladder).toMatchObject({ total: 50_000, from: 30_000 - LADDER_WINDOW / 2 });
    expect(s.ladder!.events).toHaveLength(LADDER_WINDOW);
    expect(s.selectedEvent).toBeUndefined(); // packet index 30000 is not selected in this test
    const asked = () => host.calls.filter((c) => c.method === 'ladder').length;
    expect(asked()).toBe(1);

    // What is on screen is held: no request.
    await s.need(30_000, 30_020);
    expect(asked()).toBe(1);
    // Scrolled far: the window around it replaces the old one (memory stays bounded).
    await s.need(10, 30);
    expect(s.ladder!.from).toBe(0);
    expect(s.ladder!.events).toHaveLength(LADDER_WINDOW);
    expect(s.ladder!.events[10]!.index).toBe(10);
    // Time mode: the window around the middle of the times shown.
    await s.needTime(40, 40.02);
    const l = s.ladder!;
    expect(l.events[0]!.rel).toBeLessThanOrEqual(40.01);
    expect(l.events.at(-1)!.rel).toBeGreaterThanOrEqual(40.01);
    // The same flow with a packet outside the window: the window around it.
    await s.show(2, 5);
    expect(s.ladder!.from).toBe(0);
    await settle();
  });

  it('a small flow is whole: no further requests; live events append', async () => {
    const { host } = setup({ packets: 100 });
    const s = useLadderStore();
    await s.show(2);
    expect(s.ladder).toMatchObject({ from: 0, total: 13 });
    await s.need(0, 100);
    await s.needTime(0, 100);
    expect(host.calls.filter((c) => c.method === 'ladder')).toHaveLength(1);
    s.append([{ ...s.ladder!.events.at(-1)!, index: 500, number: 501 }]);
    expect(s.ladder).toMatchObject({ total: 14 });
    expect(s.ladder!.events).toHaveLength(14);
  });

  it('live: events sent again at their position replace what the page has (a SYN whose server became known)', async () => {
    setup({ packets: 100 });
    const s = useLadderStore();
    await s.show(2);
    const [first, second] = s.ladder!.events;
    const last = s.ladder!.events.at(-1)!;
    // Another state than the one the page has, whatever the synthetic ladder says.
    const other = (st: string): string => (st === 'LISTEN' ? 'CLOSED' : 'LISTEN');
    const [a, b] = [other(first!.serverState), other(second!.serverState)];
    // As the engine sends them: from the corrected event on, through the new one.
    s.append([{ ...first!, serverState: a }, { ...second!, serverState: b }, ...s.ladder!.events.slice(2), { ...last, index: 500, number: 501 }], 0);
    expect(s.ladder).toMatchObject({ from: 0, total: 14 });
    expect(s.ladder!.events).toHaveLength(14);
    expect(s.ladder!.events.slice(0, 2).map((e) => [e.index, e.serverState])).toEqual([
      [first!.index, a],
      [second!.index, b],
    ]);
    expect(s.ladder!.events.at(-1)!.index).toBe(500);
  });

  it('live events the engine left out of an update (more than a window) are counted; a window that reached the end no longer does', async () => {
    const { host } = setup({ packets: 100 });
    const s = useLadderStore();
    await s.show(2);
    expect(s.ladder).toMatchObject({ from: 0, total: 13 });
    // The engine sends the events from position 13 + 5000: 5000 were left out.
    s.append([{ ...s.ladder!.events.at(-1)!, index: 9000, number: 9001 }], 13 + 5000);
    expect(s.ladder).toMatchObject({ from: 0, total: 13 + 5000 + 1 });
    // The events before the gap stay; the ones after it come with the next window asked for.
    expect(s.ladder!.events).toHaveLength(13);
    expect(host.calls.filter((c) => c.method === 'ladder')).toHaveLength(1);
  });

  it('live growth beyond the window is counted, not held', async () => {
    const whole = bulk();
    setup({ packets: 100, ladderOf: (f) => (f === 2 ? whole : undefined) });
    const s = useLadderStore();
    await s.show(2);
    expect(s.ladder).toMatchObject({ from: 0, total: 50_000 });
    s.append([{ ...whole.events[0]!, index: 60_000, number: 60_001 }]);
    expect(s.ladder!.total).toBe(50_001);
    expect(s.ladder!.events).toHaveLength(LADDER_WINDOW);
  });

  it('the selection moves while the first window of a big flow is loading: the window follows the latest selection', async () => {
    const whole = bulk();
    const { host } = setup({ packets: 100, latency: 20, ladderOf: (f) => (f === 2 ? whole : undefined) });
    const s = useLadderStore();
    await s.show(1);
    expect(s.ladder!.flow.id).toBe(1);
    const first = s.show(2, 3);
    // The user goes on to a packet deep in the flow before the first window is in.
    const second = s.show(2, 40_000);
    await Promise.all([first, second]);
    await settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.ladder!.events.some((e) => e.index === 40_000)).toBe(true);
    expect(host.calls.filter((c) => c.method === 'ladder').length).toBeLessThanOrEqual(3);
  });
});
