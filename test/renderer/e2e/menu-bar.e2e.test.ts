// `ackline serve` has the desktop app's menus as an in-page menu bar (one definition for
// both), with the shortcut list (`?`) and About; and its welcome screen shows every
// interface, with sparklines that have a scale and move with real traffic. End to end in
// Chromium, in both themes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INFO } from '../../../electron/shared/app-info.js';
import { LoopbackEcho } from './loopback-echo.js';
import { serveSuite } from './serve-suite.js';
import { e2eReady, LIST, SCEN } from './serve-tab.js';

const THEMES = ['light', 'dark'] as const;

describe.skipIf(!e2eReady())('the in-page menu bar and the welcome screen of serve (Chromium)', { timeout: 120_000 }, () => {
  const { shots, open } = serveSuite('e2e-menu-bar');

  for (const scheme of THEMES) {
    it(`has File, Edit, View, Go, Capture, Analyze, Statistics and Help, whose items work (${scheme})`, async () => {
      const { page, errors } = await open(path.join(SCEN, 'tcp-http-curl.pcap'), scheme);
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 12, LIST);
      const bar = page.locator('[data-testid="menu-bar"]');
      expect(await bar.locator('[role="menuitem"][data-menu]').allTextContents()).toEqual(['File', 'Edit', 'View', 'Go', 'Capture', 'Analyze', 'Statistics', 'Help']);
      // File: its items with their keys, as in the desktop app.
      await bar.locator('[data-menu="File"]').dispatchEvent('mousedown');
      const file = page.locator('[role="menu"][aria-label="File"]');
      await file.waitFor();
      const items = await file.locator(':scope > button[role="menuitem"]').evaluateAll((els) => els.map((e) => [...e.children].map((c) => c.textContent).join(' ').trim()));
      expect(items).toEqual(expect.arrayContaining(['Open… Ctrl+O', 'Save Ctrl+S', 'Save As… Ctrl+Shift+S', 'Export Specified Packets… Ctrl+Shift+X', 'Close Ctrl+W']));
      await file.locator('[data-command="recent"]').hover();
      await shots.shot(page, `01-file-menu-${scheme}`);
      // Moving along the bar opens the next menu; Go › Go to Packet… opens the go-to bar.
      await bar.locator('[data-menu="Go"]').hover();
      await page.locator('[role="menu"][aria-label="Go"] [data-command="go-to"]').click();
      await page.waitForSelector('[role="menu"]', { state: 'detached' });
      expect(await page.locator('input[aria-label*="packet number" i], [data-testid="goto-input"], .searchbar input').count()).toBeGreaterThan(0);
      await page.keyboard.press('Escape');
      // Select a packet; Analyze › Conversation Filter filters to its conversation.
      await page.click(`${LIST} [data-index="5"]`);
      await bar.locator('[data-menu="Analyze"]').dispatchEvent('mousedown');
      await page.locator('[role="menu"][aria-label="Analyze"] [data-command="conversation-filter"]').click();
      await expect.poll(() => page.inputValue('[data-testid="display-filter"]')).toMatch(/tcp\.port == 56368|56368/);
      // Statistics › Flows shows the flows tab.
      await bar.locator('[data-menu="Statistics"]').dispatchEvent('mousedown');
      await page.locator('[role="menu"][aria-label="Statistics"] [data-command="flows"]').click();
      await page.waitForSelector('[data-testid="tab-flows"][aria-selected="true"]');
      // View › Zoom In makes the text larger.
      const before = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--fs'));
      await bar.locator('[data-menu="View"]').dispatchEvent('mousedown');
      await page.locator('[role="menu"][aria-label="View"] [data-command="zoom-in"]').click();
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--fs'))).not.toBe(before);
      // Escape closes an open menu; a click elsewhere too.
      await bar.locator('[data-menu="Edit"]').dispatchEvent('mousedown');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[role="menu"]', { state: 'detached' });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const scheme of THEMES) {
    it(`Help lists the keyboard shortcuts (also on ?) and shows About (${scheme})`, async () => {
      const { page, errors } = await open(undefined, scheme);
      await page.waitForSelector('[data-testid="welcome"]');
      const bar = page.locator('[data-testid="menu-bar"]');
      await bar.locator('[data-menu="Help"]').dispatchEvent('mousedown');
      await page.locator('[role="menu"][aria-label="Help"] [data-command="shortcuts"]').click();
      const list = page.locator('[data-testid="shortcuts"]');
      await list.waitFor();
      const text = (await list.textContent()) ?? '';
      for (const k of ['Ctrl+O', 'Ctrl+Shift+S', 'Ctrl+E', 'Ctrl+K', 'Ctrl+G', 'Alt+←', 'Ctrl+.', 'F5', 'Ctrl+/']) expect(text).toContain(k);
      await shots.shot(page, `02-shortcuts-${scheme}`);
      await page.keyboard.press('Escape');
      await list.waitFor({ state: 'detached' });
      // `?` anywhere but in a text field.
      await page.locator('body').press('?');
      await list.waitFor();
      await page.keyboard.press('Escape');
      await page.click('[data-testid="display-filter"]');
      await page.keyboard.type('?');
      expect(await list.count()).toBe(0);
      expect(await page.inputValue('[data-testid="display-filter"]')).toBe('?');
      // About.
      await bar.locator('[data-menu="Help"]').dispatchEvent('mousedown');
      await page.locator('[role="menu"][aria-label="Help"] [data-command="about"]').click();
      await page.waitForSelector('[data-testid="about"]');
      expect(await page.textContent('[data-testid="about-version"]')).toBe(APP_INFO.version);
      expect(await page.textContent('[data-testid="about"]')).toMatch(/ackline serve/);
      await shots.shot(page, `03-about-${scheme}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const scheme of THEMES) {
    it(`the welcome screen shows every interface, its sparkline has a scale and moves with traffic (${scheme})`, async () => {
      const { page, errors } = await open(undefined, scheme, { viewport: { width: 1280, height: 720 } });
      const list = page.locator('[data-testid="welcome"] [data-testid="interfaces"]');
      await list.locator('[role="option"]').first().waitFor();
      // Not cut off: the list holds every interface without a hidden remainder.
      const fit = await list.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, rows: el.querySelectorAll('[role="option"]').length }));
      expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
      // The last interface can be brought into view by scrolling the page.
      const last = list.locator('[role="option"]').last();
      await last.scrollIntoViewIfNeeded();
      const box = (await last.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(720);
      await page.evaluate(() => document.querySelector('[data-testid="welcome"]')!.scrollTo(0, 0));
      // Real traffic on lo: its rate climbs, the line moves, the scale says packets/s.
      const lo = list.locator('[role="option"]', { has: page.locator('strong', { hasText: /^lo$/ }) });
      const rate = async (): Promise<number> => Number((await lo.locator('[data-testid="sparkline-rate"]').textContent())!.replace('k', '000'));
      const line = (): Promise<string | null> => lo.locator('[data-testid="sparkline"] path').getAttribute('d');
      const traffic = await LoopbackEcho.connected();
      traffic.keepBusy();
      try {
        await expect.poll(rate, { timeout: 15_000 }).toBeGreaterThanOrEqual(50);
        const d1 = await line();
        await page.waitForTimeout(1300);
        expect(await line()).not.toBe(d1);
        expect(await lo.locator('[data-testid="sparkline-scale"]').textContent()).toMatch(/^\d+(\.\d)?k?\/s · max \d+(\.\d)?k?$/);
        await shots.shot(page, `04-welcome-interfaces-${scheme}`);
        // `any` counts every interface, lo included.
        const any = list.locator('[role="option"]', { has: page.locator('strong', { hasText: /^any$/ }) });
        if (await any.count()) expect(Number((await any.locator('[data-testid="sparkline-rate"]').textContent())!.replace('k', '000'))).toBeGreaterThan(0);
      } finally {
        await traffic.close();
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
