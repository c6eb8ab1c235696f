import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGES, PAGE_ROWS, usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { setup, settle } from '../support/setup.js';

describe('packet window cache', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    ctx = setup({ packets: 10_000_000 });
  });

  it('fetches the rows in view by page, and the row above for the delta column', async () => {
    const s = usePacketsStore();
    s.reset(10_000_000, false);
    s.want(5_000_000, 5_000_040);
    expect(s.rowAt(5_000_000)).toBeUndefined();
    await settle();
    expect(s.rowAt(5_000_000)?.number).toBe(5_000_001);
    expect(s.rowAt(5_000_040)?.index).toBe(5_000_040);
    const rowCalls = ctx.host.calls.filter((c) => c.method === 'rows');
    expect(rowCalls.every((c) => (c.params as { count: number }).count === PAGE_ROWS)).toBe(true);
    expect(rowCalls.length).toBeLessThanOrEqual(2);
  });

  it('never holds more than a bounded number of pages while scrolling through 10M rows', async () => {
    const s = usePacketsStore();
    s.reset(10_000_000, false);
    for (let i = 0; i < 200; i++) {
      const first = i * 50_000;
      s.want(first, first + 40);
      await settle(3);
    }
    expect(s.cachedPages()).toBeLessThanOrEqual(MAX_PAGES);
    expect(s.rowAt(199 * 50_000)?.number).toBe(199 * 50_000 + 1);
  });

  it('live growth refetches the partial last page only', async () => {
    const { host } = setup({ packets: 300 });
    const s = usePacketsStore();
    s.reset(300, false);
    s.want(0, 299);
    await settle();
    expect(s.rowAt(299)).toBeDefined();
    expect(s.rowAt(300)).toBeUndefined();
    host.packets = 320;
    const before = host.calls.length;
    s.setCount(320);
    await settle();
    expect(s.rowAt(319)?.number).toBe(320);
    const fetched = host.calls.slice(before).map((c) => (c.params as { start: number }).start);
    expect(fetched).toEqual([256]);
  });

  it('drops answers for a filter that is no longer applied', async () => {
    const { host } = setup({ packets: 1000, latency: 5 });
    const s = usePacketsStore();
    s.reset(1000, false);
    s.want(0, 30);
    // The host now shows 10 packets; answers about the 1000 must not come back.
    host.packets = 10;
    s.reset(10, true);
    await new Promise((r) => setTimeout(r, 30));
    await settle();
    expect(s.count).toBe(10);
    expect(s.rowAt(9)?.number).toBe(10);
    expect(s.rowAt(10)).toBeUndefined();
  });

  it('patches a cached row in place (mark) and bumps the version', async () => {
    setup({ packets: 100 });
    const s = usePacketsStore();
    s.reset(100, false);
    s.want(0, 10);
    await settle();
    const v = s.version;
    s.patchRow(3, { marked: true });
    expect(s.rowAt(3)?.marked).toBe(true);
    expect(s.version).toBe(v + 1);
  });
});
