// The I/O Graph of the 1M-packet real-traffic capture (/work/perf/perf-1m.pcap) draws in
// under a second through serve in Chromium: from asking the engine to uPlot's first draw,
// at the interval it picks, at 1 ms, and at 10 µs (1.8 million points).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { counts, e2eReady } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';
import type { ServeProcess } from '../../serve/serve-process.js';

const PERF = '/work/perf/perf-1m.pcap';

describe.skipIf(!e2eReady() || !existsSync(PERF))('the I/O Graph of a million packets (Chromium)', { timeout: 600_000 }, () => {
  let server: ServeProcess | undefined;
  const suite = serveSuite('e2e-io-graph-perf');
  const { shots } = suite;

  it('draws in under a second', async () => {
    server = await suite.serve(PERF);
    const { page, errors } = await suite.tab(server.url, 'dark');
    page.setDefaultTimeout(300_000);
    await page.waitForFunction(() => !document.querySelector('[role="progressbar"]') && /Packets: 1,021,875/.test(document.querySelector('[data-testid="counts"]')?.textContent ?? ''));
    expect((await counts(page)).packets).toBe(1021875);
    await page.locator('[data-testid="menu-bar"] [data-menu="Statistics"]').dispatchEvent('mousedown');
    await page.locator('[role="menu"][aria-label="Statistics"] [data-command="io-graph"]').click();
    const chart = page.locator('[data-testid="io-chart"]');
    /** The chart once it has drawn other than `before` points. */
    const drawn = async (before = -1): Promise<{ points: number; ms: number; fetchMs: number }> => {
      await page.waitForFunction((n) => {
        const el = document.querySelector('[data-testid="io-chart"]');
        return Number(el?.getAttribute('data-draw-ms')) > 0 && Number(el?.getAttribute('data-points')) !== n;
      }, before);
      return { points: Number(await chart.getAttribute('data-points')), ms: Number(await chart.getAttribute('data-draw-ms')), fetchMs: Number(await chart.getAttribute('data-fetch-ms')) };
    };
    const auto = await drawn();
    await shots.shot(page, 'io-graph-1m-auto');
    const times: Record<string, { points: number; ms: number; fetchMs: number }> = { auto };
    for (const [label, value] of [['1 ms', '1'], ['10 µs', '0.01']] as const) {
      await page.locator('[data-testid="io-interval"]').selectOption(value);
      times[label] = await drawn(Number(await chart.getAttribute('data-points')));
    }
    await shots.shot(page, 'io-graph-1m-10us');
    // 1.8 million intervals are drawn as their envelope; zoomed in, as the counts themselves.
    expect(await chart.getAttribute('data-drawn')).toMatch(/^envelope:/);
    const box = (await page.locator('[data-testid="io-chart"] .u-over').boundingBox())!;
    // Each drag over a few pixels zooms a few hundred times: twice reaches single intervals.
    for (let k = 0; k < 3 && /^envelope:/.test((await chart.getAttribute('data-drawn')) ?? ''); k++) {
      const range = await chart.getAttribute('data-x-range');
      await page.mouse.move(box.x + box.width * 0.5, box.y + 30);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5 + 4, box.y + 30, { steps: 3 });
      await page.mouse.up();
      await page.waitForFunction((r) => document.querySelector('[data-testid="io-chart"]')?.getAttribute('data-x-range') !== r, range, { timeout: 30_000 });
      await page.waitForTimeout(500);
    }
    await page.waitForFunction(() => /^counts:/.test(document.querySelector('[data-testid="io-chart"]')?.getAttribute('data-drawn') ?? ''), undefined, { timeout: 30_000 });
    await shots.shot(page, 'io-graph-1m-zoomed');
    // Double-click: the whole capture again.
    await page.mouse.dblclick(box.x + box.width * 0.5, box.y + 30);
    await page.waitForFunction(() => /^envelope:/.test(document.querySelector('[data-testid="io-chart"]')?.getAttribute('data-drawn') ?? ''), undefined, { timeout: 30_000 });
    console.log('I/O graph of 1M packets:', JSON.stringify(times));
    expect(auto.points).toBeGreaterThan(100);
    expect(times['10 µs']!.points).toBeGreaterThan(1_000_000);
    for (const t of Object.values(times)) expect(t.ms).toBeLessThan(1000);
    expect(errors).toEqual([]);
  });
});
