// Ladder windows: a bulk flow's ladder is sent a window at a time (its header whole, `total`
// events in all), built from the nearest checkpoint; a small flow's ladder still comes whole.
import { describe, expect, it } from 'vitest';
import { EngineMethods } from '../../../electron/shared/contract.js';
import { LADDER_WINDOW } from '../../../electron/shared/ladder-window.js';
import { buildLadder } from '../../../electron/engine/flows/ladder.js';
import { ladderEvents } from '../../../electron/engine/workspace/flow-dto.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

describe.skipIf(!haveCaptures)('EngineSession ladder windows', () => {
  it('a small flow comes whole: from 0, total = its events', () => {
    const { session } = openBytes(readCapture('scenarios/tcp-handshake-data-client-close.pcap'), 1 << 16, { clock: new ManualClock() });
    const tcp = session.flows().flows.find((f) => f.kind === 'tcp')!;
    const l = session.ladder({ flow: tcp.id });
    expect(l.from).toBe(0);
    expect(l.total).toBe(buildLadder(session.index, tcp.id)!.events.length);
    expect(l.events).toHaveLength(l.total);
    // A window past the end is empty, not an error; `around` a packet of another flow starts at 0.
    expect(session.ladder({ flow: tcp.id, from: 500 })).toMatchObject({ from: l.total, total: l.total, events: [] });
    expect(session.ladder({ flow: tcp.id, around: 10_000 }).from).toBe(0);
  });

  it('the bulk flow: total = its event count, the window asked for, quickly once built', () => {
    const { session } = openBytes(readCapture('scenarios/tcp-bulk-http.pcap'), 1 << 20, { clock: new ManualClock() });
    const bulk = [...session.index.flows.flows].sort((a, b) => b.packets[0] + b.packets[1] - (a.packets[0] + a.packets[1]))[0]!;
    const full = buildLadder(session.index, bulk.id)!;
    expect(full.events.length).toBeGreaterThan(100_000);

    const first = session.ladder({ flow: bulk.id });
    expect(EngineMethods.ladder[1].safeParse(first).success).toBe(true);
    expect(first).toMatchObject({ from: 0, total: full.events.length });
    expect(first.events).toHaveLength(LADDER_WINDOW);
    expect(first.events.slice(0, 3).map((e) => e.label)).toEqual(['S', 'S.', '.']);
    expect(first.handshake.total).toBeGreaterThan(0);

    const c0 = process.cpuUsage();
    const mid = session.ladder({ flow: bulk.id, from: 50_000, count: 300 });
    const c1 = process.cpuUsage(c0);
    expect(mid.from).toBe(50_000);
    expect(mid.events).toEqual(ladderEvents(full, 50_000, 50_300));
    // From the nearest checkpoint (a few ms; the whole ladder is ~200 ms). CPU time: the wall
    // clock of a loaded machine counts other processes too.
    expect((c1.user + c1.system) / 1000).toBeLessThan(100);

    // Centred on a packet's event, and on a time; clamped at the end.
    const p = full.events[80_000]!.index;
    const around = session.ladder({ flow: bulk.id, around: p, count: 100 });
    expect(around.from).toBe(80_000 - 50);
    expect(around.events[50]!.index).toBe(p);
    const at = session.ladder({ flow: bulk.id, at: full.events[30_000]!.rel, count: 10 });
    expect(at.events.some((e) => e.rel === full.events[30_000]!.rel)).toBe(true);
    const end = session.ladder({ flow: bulk.id, around: full.events.at(-1)!.index, count: 100 });
    expect(end.from + end.events.length).toBe(full.events.length);
    // The cap holds whatever is asked.
    expect(EngineMethods.ladder[0].safeParse({ flow: bulk.id, count: LADDER_WINDOW + 1 }).success).toBe(false);
  });
});
