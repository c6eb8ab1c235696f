// The times the delta columns count from, on each row: the previous captured packet
// (frame.time_delta) and the previous displayed one in packet order
// (frame.time_delta_displayed), whatever order the list is sorted in and whatever it shows.
import { describe, expect, it } from 'vitest';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { openBytes } from './session-support.js';

describe.skipIf(!haveCaptures)('row deltas (engine session)', () => {
  it('are those of packet order in a sorted, filtered list', async () => {
    const { session } = openBytes(readCapture('scenarios/tcp-http-curl.pcap'));
    const t = session.index.packets;
    const time = (i: number) => ({ sec: t.sec(i), nsec: t.nsec(i) });
    await session.setFilter({ expression: 'tcp' });
    await session.sort({ column: 'length', descending: true });
    const { rows } = await session.rows({ start: 0, count: 100 });
    const shown = rows.map((r) => r.index);
    const inOrder = [...shown].sort((a, b) => a - b);
    expect(shown).not.toEqual(inOrder);
    for (const r of rows) {
      expect(r.previous).toEqual(r.index > 0 ? time(r.index - 1) : undefined);
      const k = inOrder.indexOf(r.index);
      expect(r.previousDisplayed).toEqual(k > 0 ? time(inOrder[k - 1]!) : undefined);
    }
    // The first TCP packet follows two ARP packets: its delta counts from the ARP reply, its displayed delta from nothing.
    const first = rows.find((r) => r.index === inOrder[0])!;
    expect(first.index).toBe(2);
    expect(first.previous).toEqual(time(1));
    expect(first.previousDisplayed).toBeUndefined();
  });
});
