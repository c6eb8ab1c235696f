// End to end through `ackline serve` in Chromium, light and dark: Capture → Options lists
// every interface of the machine. On a window with room the list is as tall as its
// interfaces (none cut off behind an inner scroll); on a short window it scrolls inside the
// dialog while the capture filter, the options and Start stay in view, and its last
// interface can be scrolled to.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { e2eReady } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';
import type { ServeProcess } from '../../serve/serve-process.js';

const DIALOG = '[role="dialog"][aria-label="Capture Options"]';
const LISTBOX = `${DIALOG} [data-testid="interfaces"]`;

interface Box {
  top: number;
  bottom: number;
}

describe.skipIf(!e2eReady())('capture options: the interface list (Chromium)', { timeout: 120_000 }, () => {
  let served: ServeProcess;
  const suite = serveSuite('e2e-capture-options');
  const { shots } = suite;

  beforeAll(async () => {
    served = await suite.serve();
  }, 180_000);

  async function openOptions(scheme: 'light' | 'dark', height: number): Promise<{ page: Page; errors: string[]; count: number }> {
    const { page, errors } = await suite.tab(served.url, scheme);
    await page.setViewportSize({ width: 1440, height });
    await page.waitForSelector('[data-testid="welcome"]');
    await page.keyboard.press('Control+K');
    await page.locator(`${LISTBOX} [role="option"]`).first().waitFor();
    // The list settles once the host's interfaces are in (a refresh follows the first answer).
    await page.waitForTimeout(300);
    return { page, errors, count: await page.locator(`${LISTBOX} [role="option"]`).count() };
  }

  const box = (page: Page, sel: string): Promise<Box> => page.$eval(sel, (e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom }));
  const within = (inner: Box, outer: Box): boolean => inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;

  for (const scheme of ['light', 'dark'] as const) {
    it(`a window with room shows every interface, none behind an inner scroll (${scheme})`, async () => {
      const { page, errors, count } = await openOptions(scheme, 900);
      expect(count).toBeGreaterThan(0);
      const [client, scroll] = await page.$eval(LISTBOX, (e) => [e.clientHeight, e.scrollHeight]);
      expect(scroll, `list ${client}px tall for ${scroll}px of ${count} interfaces`).toBeLessThanOrEqual(client + 1);
      const list = await box(page, LISTBOX);
      const viewport = { top: 0, bottom: 900 };
      for (let k = 0; k < count; k++) {
        const o = await box(page, `${LISTBOX} [role="option"]:nth-child(${k + 1})`);
        expect(within(o, list) && within(o, viewport), `interface ${k + 1} of ${count} in view`).toBe(true);
      }
      expect(within(await box(page, `${DIALOG} [data-testid="capture-start"]`), viewport)).toBe(true);
      await shots.shot(page, `01-room-${scheme}`);
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`a short window: the list scrolls in the dialog, the filter and Start stay in view, the last interface can be reached (${scheme})`, async () => {
      const { page, errors, count } = await openOptions(scheme, 440);
      const viewport = { top: 0, bottom: 440 };
      // The dialog's body does not scroll away the options: only the list scrolls.
      const [bodyClient, bodyScroll] = await page.$eval(`${DIALOG} .content`, (e) => [e.clientHeight, e.scrollHeight]);
      expect(bodyScroll).toBeLessThanOrEqual(bodyClient + 1);
      for (const sel of [`${DIALOG} [data-testid="capture-filter"]`, `${DIALOG} [data-testid="capture-start"]`]) expect(within(await box(page, sel), viewport), sel).toBe(true);
      const list = await box(page, LISTBOX);
      expect(list.bottom - list.top).toBeGreaterThanOrEqual(90); // a few interfaces at least
      await page.$eval(LISTBOX, (e) => e.scrollTo(0, e.scrollHeight));
      const last = await box(page, `${LISTBOX} [role="option"]:nth-child(${count})`);
      expect(within(last, list) && within(last, viewport)).toBe(true);
      await shots.shot(page, `02-short-${scheme}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
