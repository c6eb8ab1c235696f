// Sorting the 1M-packet real-traffic capture (/work/perf/perf-1m.pcap) by a header through
// serve in Chromium: the engine sorts while the page stays responsive (the renderer holds a
// window of rows, never the million), and the sorted rows come in order. Times are logged.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { counts, e2eReady, LIST } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';

const PERF = '/work/perf/perf-1m.pcap';

/** Clicks a header and waits for the sort to land; the page's longest main-thread stall meanwhile. */
async function sortBy(page: Page, column: string, direction: 'ascending' | 'descending'): Promise<{ ms: number; stallMs: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { stall: number; stallTimer: number; last: number };
    w.stall = 0;
    w.last = performance.now();
    w.stallTimer = window.setInterval(() => {
      const now = performance.now();
      w.stall = Math.max(w.stall, now - w.last);
      w.last = now;
    }, 20);
  });
  const t0 = Date.now();
  await page.locator(`[data-sort="${column}"]`).click();
  await page.waitForFunction(([c, d]) => document.querySelector(`[data-sort="${c}"]`)?.getAttribute('aria-sort') === d && !document.querySelector('[data-testid="sorting"]'), [column, direction] as const, { timeout: 300_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="packet-list"] .row.pending'));
  const ms = Date.now() - t0;
  const stallMs = await page.evaluate(() => {
    const w = window as unknown as { stall: number; stallTimer: number };
    clearInterval(w.stallTimer);
    return w.stall;
  });
  return { ms, stallMs };
}

describe.skipIf(!e2eReady() || !existsSync(PERF))('sorting a million packets (Chromium)', { timeout: 900_000 }, () => {
  const suite = serveSuite('e2e-packet-sort-perf');

  it('sorts by Length and by Info without freezing the page', async () => {
    const server = await suite.serve(PERF);
    const { page, errors } = await suite.tab(server.url, 'dark');
    page.setDefaultTimeout(300_000);
    await page.waitForFunction(() => !document.querySelector('[role="progressbar"]') && /Packets: 1,021,875/.test(document.querySelector('[data-testid="counts"]')?.textContent ?? ''));
    expect((await counts(page)).packets).toBe(1021875);
    const column = (cls: string) => page.$$eval(`${LIST} [role="row"][data-index] .${cls}`, (els) => els.map((e) => e.textContent ?? ''));

    const times: Record<string, { ms: number; stallMs: number }> = {};
    times['Length ascending'] = await sortBy(page, 'length', 'ascending');
    const asc = (await column('len')).map(Number);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    times['Length descending'] = await sortBy(page, 'length', 'descending');
    const desc = (await column('len')).map(Number);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await suite.shots.shot(page, 'sorted-1m-length-descending');
    // The end of the sorted list: End fetches that window only.
    await page.locator(LIST).focus();
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('[data-testid="packet-list"] [role="row"][aria-rowindex="1021875"] .len'));
    const tail = (await column('len')).map(Number);
    expect(tail.at(-1)).toBe(Math.min(...tail));
    await page.keyboard.press('Home');
    times['Info (tcpdump) ascending'] = await sortBy(page, 'info', 'ascending');
    const info = await column('info');
    expect(info).toEqual([...info].sort());
    await suite.shots.shot(page, 'sorted-1m-info');
    // Wireshark's text: the engine's column pass reads the capture in file order once.
    const t0 = Date.now();
    await page.locator('[data-testid="info-mode"]').click();
    // Sorted by Info, the list is sorted again by the new text: a second of work at least.
    await page.waitForSelector('[data-testid="sorting"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="info-mode"]')?.textContent?.includes('Wireshark') && !document.querySelector('[data-testid="sorting"]'));
    await page.waitForFunction(() => !document.querySelector('[data-testid="packet-list"] .row.pending'));
    times['Info (Wireshark) switched, sorted'] = { ms: Date.now() - t0, stallMs: 0 };
    const wsInfo = await column('info');
    expect(wsInfo).toEqual([...wsInfo].sort());
    // Wireshark's arrow between the ports, not tcpdump's "IP a.b > c.d".
    await page.locator(LIST).focus();
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('[data-testid="packet-list"] [role="row"][aria-rowindex="1021875"] .info'));
    expect((await column('info')).some((i) => i.includes('\u2192'))).toBe(true);
    await suite.shots.shot(page, 'sorted-1m-wireshark-info');
    console.log('sorting 1M packets:', JSON.stringify(times));
    // The main thread never stalls: the engine does the work.
    for (const t of Object.values(times)) expect(t.stallMs).toBeLessThan(1000);
    expect(errors).toEqual([]);
  });
});
