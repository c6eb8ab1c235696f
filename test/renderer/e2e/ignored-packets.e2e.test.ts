// Ignored packets through `ackline serve` in Chromium, light and dark: Ctrl+D shows the
// selected packet as <Ignored> with only its frame in the tree, the list's context menu
// unignores it, Edit › Ignore All Displayed ignores what a filter shows, Protocol Hierarchy
// leaves ignored packets out, an export drops them (tshark counts the download), and
// Edit › Unignore All (Ctrl+Alt+D) brings every packet back.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applyFilter, e2eReady, LIST, SCEN } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';
import { haveTshark } from '../../support/tools.js';

const FILE = path.join(SCEN, 'tcp-handshake-data-client-close.pcap');
const THEMES = ['light', 'dark'] as const;

const infoOf = (page: Page, d: number): Promise<string | null> => page.textContent(`${LIST} [data-index="${d}"] .info`);
const ignoredNumbers = (page: Page): Promise<string[]> => page.$$eval(`${LIST} [role="row"].ignored .no`, (els) => els.map((e) => e.textContent ?? ''));

async function menu(page: Page, name: string, command: string): Promise<void> {
  await page.locator(`[data-testid="menu-bar"] [data-menu="${name}"]`).dispatchEvent('mousedown');
  await page.locator(`[role="menu"][aria-label="${name}"] [data-command="${command}"]`).click();
}


describe.skipIf(!e2eReady())('ignored packets in serve (Chromium)', { timeout: 180_000 }, () => {
  const suite = serveSuite('e2e-ignored-packets');
  const { shots } = suite;

  for (const scheme of THEMES) {
    it(`ignores, unignores, filters, counts and exports without ignored packets (${scheme})`, async () => {
      const server = await suite.serve(FILE);
      const { page, errors } = await suite.tab(server.url, scheme);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 13, LIST);

      await page.click(`${LIST} [data-index="2"]`);
      await page.keyboard.press('Control+D');
      await page.waitForFunction((list) => document.querySelector(`${list} [data-index="2"] .info`)?.textContent === '<Ignored>', LIST);
      expect(await ignoredNumbers(page)).toEqual(['3']);
      const tree = page.locator('[data-testid="detail-tree"]');
      await tree.getByText('Frame 3: 74 bytes on wire (592 bits), 74 bytes captured (592 bits)').waitFor();
      expect(await tree.locator('[role="treeitem"]').count()).toBe(1);
      await shots.shot(page, `01-ignored-${scheme}`);

      // The context menu offers Unignore on an ignored packet.
      await page.locator(`${LIST} [data-index="2"] .info`).click({ button: 'right' });
      await page.locator('[data-testid="context-menu"] [data-level="0"] [data-item="ignore"]').click();
      await page.waitForFunction((list) => document.querySelector(`${list} [data-index="2"] .info`)?.textContent !== '<Ignored>', LIST);
      expect(await infoOf(page, 2)).toMatch(/Flags \[S\]/);

      // Ignore All Displayed under a filter, then the whole list again.
      await applyFilter(page, 'arp', 2);
      await menu(page, 'Edit', 'ignore-displayed');
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"].ignored`).length === 2, LIST);
      await applyFilter(page, '', 13);
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"].ignored`).length === 2, LIST);
      expect(await ignoredNumbers(page)).toEqual(['1', '2']);
      // An ignored packet matches no filter.
      await applyFilter(page, 'frame.len == 42', 0);
      await applyFilter(page, '', 13);

      // Protocol Hierarchy counts 11 packets: no ARP.
      await menu(page, 'Statistics', 'protocol-hierarchy');
      const phs = page.locator('[data-testid="window-hierarchy"]');
      await phs.getByText('eth', { exact: true }).first().waitFor();
      expect(await phs.textContent()).not.toMatch(/\barp\b/);
      await shots.shot(page, `02-hierarchy-without-ignored-${scheme}`);
      await page.keyboard.press('Escape');
      await phs.waitFor({ state: 'detached' });

      // Export Specified Packets › All: the two ignored ARP packets are dropped.
      await page.keyboard.press('Control+Shift+X');
      await page.check('[role="dialog"] input[type="radio"][value="all"]');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="export-run"]')]);
      if (haveTshark) {
        const out = execFileSync('tshark', ['-n', '-r', await download.path(), '-T', 'fields', '-e', 'frame.protocols'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        const lines = out.trim().split('\n');
        expect(lines).toHaveLength(11);
        expect(lines.some((l) => l.includes('arp'))).toBe(false);
      }

      await page.click(`${LIST} [data-index="5"]`);
      await page.keyboard.press('Control+Alt+D');
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"].ignored`).length === 0, LIST);
      expect(await infoOf(page, 0)).toMatch(/^ARP/);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
