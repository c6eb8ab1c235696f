// File › Export Packet Dissections through `ackline serve` in Chromium, light and dark: plain
// text summaries of all packets (tshark -n's lines, the golden reference), the details of the
// displayed ARP packets (tshark -V's), CSV of the marked packets with Wireshark's header and
// quoting, and JSON (tshark -T json of the columns' fields); each one a download.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser.js';
import { e2eReady, LIST, SCEN } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';

const NAME = 'dns-queries.pcap';
const THEMES = ['light', 'dark'] as const;
const expected = (name: string): string => readFileSync(path.join(ROOT, 'test/fixtures/tshark', name), 'utf8');

async function exportAs(page: Page, kind: string, format: string, text?: { summary: boolean; details: boolean }): Promise<Download> {
  await page.locator('[data-testid="menu-bar"] [data-menu="File"]').dispatchEvent('mousedown');
  await page.locator('[role="menu"][aria-label="File"] [data-command="export-dissections"]').click();
  await page.check(`[role="dialog"] input[type="radio"][value="${kind}"]`);
  await page.check(`[data-testid="dissect-${format}"]`);
  if (text) {
    await page.setChecked('[data-testid="dissect-summary"]', text.summary);
    await page.setChecked('[data-testid="dissect-details"]', text.details);
  }
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="dissect-run"]')]);
  return download;
}

const body = async (d: Download): Promise<string> => readFileSync(await d.path(), 'utf8');

describe.skipIf(!e2eReady())('Export Packet Dissections in serve (Chromium)', { timeout: 180_000 }, () => {
  const suite = serveSuite('e2e-export-dissections');
  const { shots } = suite;

  for (const scheme of THEMES) {
    it(`exports text, CSV and JSON as tshark and Wireshark write them (${scheme})`, async () => {
      const server = await suite.serve(path.join(SCEN, NAME));
      const { page, errors } = await suite.tab(server.url, scheme);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 10, LIST);

      const all = await exportAs(page, 'all', 'text', { summary: true, details: false });
      expect(all.suggestedFilename()).toBe('dns-queries-all.txt');
      expect(await body(all)).toBe(expected(`expected/${NAME}.summary.txt`));

      await page.fill('[data-testid="display-filter"]', 'arp && eth');
      await page.press('[data-testid="display-filter"]', 'Enter');
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length === 2, LIST);
      await page.locator('[data-testid="menu-bar"] [data-menu="File"]').dispatchEvent('mousedown');
      await page.locator('[role="menu"][aria-label="File"] [data-command="export-dissections"]').click();
      await page.check('[role="dialog"] input[type="radio"][value="displayed"]');
      await page.setChecked('[data-testid="dissect-summary"]', false);
      await shots.shot(page, `01-export-dissections-dialog-${scheme}`);
      const [details] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="dissect-run"]')]);
      expect(await body(details)).toBe(expected(`expected/${NAME}.tree-arp.txt`));

      await page.click(`${LIST} [data-index="0"]`);
      await page.keyboard.press('Control+M');
      await page.waitForSelector(`${LIST} [data-index="0"].marked, ${LIST} [data-index="0"].selected`);
      const csv = await exportAs(page, 'marked', 'csv');
      expect(csv.suggestedFilename()).toBe('dns-queries-marked.csv');
      const lines = (await body(csv)).split('\n');
      expect(lines[0]).toBe('"No.","Time","Source","Destination","Protocol","Length","Info"');
      expect(lines[1]).toMatch(/^"\d+","[\d.]+","[^"]*","[^"]*","ARP","42","/);
      expect(lines).toHaveLength(3);

      await page.fill('[data-testid="display-filter"]', '');
      await page.press('[data-testid="display-filter"]', 'Enter');
      const json = await exportAs(page, 'all', 'json');
      expect(await body(json)).toBe(expected(`dissections/${NAME}.json`));
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
