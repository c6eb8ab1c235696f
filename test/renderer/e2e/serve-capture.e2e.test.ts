// Live capture on lo through `ackline serve` in Chromium, for real (root only; the only
// traffic is this test's own on 127.0.0.1): the capture options leave out the page's own
// connection to serve with a filter the user sees and can remove; stopping the capture keeps
// the user's place in the list; Ctrl+S saves the unsaved capture (Save, not Save As).
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../../serve/serve-process.js';
import { LoopbackEcho } from './loopback-echo.js';
import { serveSuite } from './serve-suite.js';
import { counts, e2eReady, LIST } from './serve-tab.js';

const root = process.getuid?.() === 0;
const ready = e2eReady() && root && process.platform === 'linux';

describe.skipIf(!ready)('live capture on lo through serve: its own traffic, the user\'s place, Save (Chromium, root)', () => {
  const suite = serveSuite('e2e-serve-capture');
  const { shots } = suite;
  let served: ServeProcess;
  beforeAll(async () => {
    served = await suite.serve();
  }, 120_000);

  /** After a test, passed or failed: the conversation closed, the capture stopped, the tab closed. */
  async function cleanUp(page: Page, talk: LoopbackEcho): Promise<void> {
    await talk.close();
    if (await page.locator('[data-testid="capture-toggle"][title^="Stop"]').count()) await page.click('[data-testid="capture-toggle"]');
    await page.close();
  }

  const servePort = (): number => Number(new URL(served.url).port);

  async function options(page: Page): Promise<ReturnType<Page['locator']>> {
    await page.keyboard.press('Control+K');
    const dialog = page.locator('[role="dialog"][aria-label="Capture Options"]');
    await dialog.waitFor();
    await dialog.locator('[data-testid="interfaces"] [role="option"]', { has: page.locator('strong', { hasText: /^lo$/ }) }).dispatchEvent('mousedown');
    return dialog;
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`on lo the capture filter leaves out the page's own connection, says so, and can be removed (${scheme})`, async () => {
      const { page, errors } = await suite.tab(served.url, scheme);
      const talk = await LoopbackEcho.connected();
      try {
        await page.waitForSelector('[data-testid="welcome"]');
        const dialog = await options(page);
        const own = `not (host 127.0.0.1 and tcp port ${servePort()})`;
        const input = dialog.locator('[data-testid="capture-filter"]');
        await expect.poll(() => input.inputValue()).toBe(own);
        await dialog.locator('[data-testid="capture-filter"].valid').waitFor();
        expect(await dialog.locator('[data-testid="capture-filter-note"]').textContent()).toMatch(new RegExp(`port ${servePort()}.*left out.*Remove`));
        await shots.shot(page, `01-options-default-filter-${scheme}`);
        // Another interface does not see loopback traffic: no filter there; back on lo it returns.
        await dialog.locator('[data-testid="interfaces"] [role="option"]', { has: page.locator('strong', { hasText: /^eth0$/ }) }).dispatchEvent('mousedown');
        await expect.poll(() => input.inputValue()).toBe('');
        await dialog.locator('[data-testid="interfaces"] [role="option"]', { has: page.locator('strong', { hasText: /^lo$/ }) }).dispatchEvent('mousedown');
        await expect.poll(() => input.inputValue()).toBe(own);
        // Capture with it while the page is busy talking to serve and our conversation runs.
        await dialog.locator('[data-testid="capture-start"]').click();
        await page.waitForSelector('[data-testid="status-bar"] :text("Capturing from lo")');
        // Talk until the capture has seen a good part of it (the capture process starts a moment after the status says so).
        await expect
          .poll(
            async () => {
              await talk.exchange(10);
              return (await counts(page)).packets;
            },
            { timeout: 30_000 },
          )
          .toBeGreaterThanOrEqual(60);
        await page.waitForTimeout(1500);
        await page.click('[data-testid="capture-toggle"]');
        await page.waitForSelector('[data-testid="capture-toggle"][title^="Start capturing"]');
        expect((await counts(page)).packets).toBeGreaterThanOrEqual(60);
        // No packet of the serve connection, every packet of ours (asked through the display filter).
        const displayed = async (filter: string): Promise<number> => {
          await page.fill('[data-testid="display-filter"]', filter);
          await page.press('[data-testid="display-filter"]', 'Enter');
          await page.waitForSelector('[data-testid="display-filter"].valid');
          await page.waitForTimeout(300);
          return (await counts(page)).displayed;
        };
        expect(await displayed(`tcp.port == ${servePort()}`)).toBe(0);
        // (Other programs on this machine may talk on lo too: only ours is counted.)
        expect(await displayed(`tcp.port == ${talk.port}`)).toBeGreaterThanOrEqual(60);
        // The user removes it: the filter is gone and the options warn what that means.
        const again = await options(page);
        await again.locator('[data-testid="capture-filter-remove"]').click();
        await expect.poll(() => again.locator('[data-testid="capture-filter"]').inputValue()).toBe('');
        await again.locator('[data-testid="capture-filter-warning"]').waitFor();
        await shots.shot(page, `02-options-filter-removed-${scheme}`);
        await page.keyboard.press('Escape');
        expect(errors).toEqual([]);
      } finally {
        await cleanUp(page, talk);
      }
    }, 240_000);
  }

  it('stopping a capture keeps the user where they were in the list; Ctrl+S saves the unsaved capture', async () => {
    const { page, errors } = await suite.tab(served.url);
    const talk = await LoopbackEcho.connected();
    try {
      await page.waitForSelector('[data-testid="welcome"]');
      const dialog = await options(page);
      await dialog.locator('[data-testid="capture-filter"]').fill(`tcp port ${talk.port}`);
      await dialog.locator('[data-testid="capture-filter"].valid').waitFor();
      await dialog.locator('[data-testid="capture-start"]').click();
      await page.waitForSelector('[data-testid="status-bar"] :text("Capturing from lo")');
      await talk.exchange(150);
      await expect.poll(async () => (await counts(page)).packets, { timeout: 30_000 }).toBeGreaterThanOrEqual(300);
      // The user scrolls back into the middle and picks a packet there.
      const list = page.locator(LIST);
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight / 3));
      await page.waitForTimeout(300);
      const rows = await page.$$eval(`${LIST} [role="row"][data-index]`, (els) => els.map((e) => Number(e.getAttribute('data-index'))));
      const pick = rows[Math.floor(rows.length / 2)]!;
      expect(pick).toBeGreaterThan(50);
      await page.locator(`${LIST} [data-index="${pick}"]`).dispatchEvent('mousedown');
      await page.waitForSelector(`${LIST} [data-index="${pick}"][aria-selected="true"]`);
      const top = await list.evaluate((el) => el.scrollTop);
      await talk.exchange(10);
      await page.click('[data-testid="capture-toggle"]');
      await page.waitForSelector('[data-testid="capture-toggle"][title^="Start capturing"]');
      await page.waitForTimeout(800);
      // Still there: the same packet selected and in view, the list not back at packet 1.
      const row = page.locator(`${LIST} [data-index="${pick}"][aria-selected="true"]`);
      await row.waitFor();
      const inView = await row.evaluate((el) => {
        const l = el.closest('[data-testid="packet-list"]')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return r.top >= l.top && r.bottom <= l.bottom;
      });
      expect(inView).toBe(true);
      expect(Math.abs((await list.evaluate((el) => el.scrollTop)) - top)).toBeLessThan(40);
      await shots.shot(page, '03-stopped-kept-place');
      // The capture is unsaved: Ctrl+S is Save (the serve host hands it over as a download).
      expect(await page.textContent('[data-testid="status-bar"] .source')).toMatch(/\(unsaved\)/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+S')]);
      expect(download.suggestedFilename()).toMatch(/^ackline-lo-.*\.pcapng$/);
      const saved = await download.path();
      expect(readFileSync(saved).readUInt32LE(0)).toBe(0x0a0d0d0a);
      if (spawnSync('sh', ['-c', 'command -v tcpdump']).status === 0) {
        const back = spawnSync('tcpdump', ['-n', '-r', saved], { encoding: 'utf8' });
        expect(back.stdout.split('\n').filter(Boolean).length).toBe((await counts(page)).packets);
      }
      expect(errors).toEqual([]);
    } finally {
      await cleanUp(page, talk);
    }
  }, 240_000);
});
