// Statistics and Wireshark's Info column on a big capture (112,765 packets) through serve in
// Chromium, light and dark: Conversations show the TCP tab at once (from the index) while the
// pass for Ethernet/IPv4/IPv6 shows its progress with Stop; stopped, the tabs say so and
// "Count again" finishes them; "Limit to display filter" follows the filter as it changes.
// Switched to Wireshark's text at the end of the list, the rows come at once (tcpdump's text,
// in italics) with the pass's progress in the status bar, and are painted again when it ends.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { counts, e2eReady, LIST, SCEN } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';

const THEMES = ['light', 'dark'] as const;
const BULK = path.join(SCEN, 'tcp-bulk-http.pcap');
const PACKETS = 112_765;

async function menu(page: Page, name: string, command: string): Promise<void> {
  await page.locator(`[data-testid="menu-bar"] [data-menu="${name}"]`).dispatchEvent('mousedown');
  await page.locator(`[role="menu"][aria-label="${name}"] [data-command="${command}"]`).click();
}

async function loaded(page: Page): Promise<void> {
  await page.waitForFunction((n) => (document.querySelector('[data-testid="counts"]')?.textContent ?? '').replace(/,/g, '').includes(`Packets: ${n}`) && !document.querySelector('[data-testid="stop-loading"]'), PACKETS, { timeout: 120_000 });
}

describe.skipIf(!e2eReady())('statistics and the Info column on a big capture in serve (Chromium)', { timeout: 300_000 }, () => {
  const suite = serveSuite('e2e-statistics-progress');

  for (const scheme of THEMES) {
    it(`Conversations: TCP at once, the pass with progress and Stop, limited to a changing filter (${scheme})`, async () => {
      const { page, errors } = await suite.open(BULK, scheme);
      page.setDefaultTimeout(120_000);
      await loaded(page);
      const t0 = Date.now();
      await menu(page, 'Statistics', 'conversations');
      const conv = page.locator('[data-testid="window-conversations"]');
      await conv.locator('[role="row"][data-row="0"]').waitFor();
      const tcpMs = Date.now() - t0;
      expect(await conv.locator('[data-kind="tcp"] .n').textContent()).toBe('1');
      expect(await conv.locator('[role="row"][data-row="0"]').textContent()).toContain('112763');
      // The other tabs wait for the pass, whose progress shows with Stop.
      expect(await conv.locator('[data-kind="eth"] .n').textContent()).toBe('…');
      await conv.locator('[data-testid="task-progress"][data-task="Statistics"]').waitFor();
      await page.locator('[data-testid="status-bar"] [data-testid="task-progress"]').waitFor();
      await conv.locator('[data-kind="ip"]').click();
      await conv.locator('[data-testid="tab-pending"]').waitFor();
      await suite.shots.shot(page, `01-conversations-counting-${scheme}`);
      await conv.locator('[data-testid="stop-task"]').click();
      await conv.locator('[data-testid="stats-stopped"]').waitFor();
      await conv.locator('[data-testid="task-progress"]').waitFor({ state: 'detached' });
      expect(await conv.locator('[data-testid="tab-pending"]').textContent()).toContain('stopped');
      await suite.shots.shot(page, `02-conversations-stopped-${scheme}`);
      // Counted again to the end: the IPv4 tab fills in.
      await conv.locator('[data-testid="count-again"]').click();
      await conv.locator('[data-testid="tab-pending"]').waitFor({ state: 'detached', timeout: 240_000 });
      expect(await conv.locator('[data-kind="ip"] .n').textContent()).toBe('1');
      expect(await conv.locator('[role="row"][data-row="0"]').textContent()).toContain('192.0.2.10');
      // Limited to the display filter: the table follows the filter when it changes.
      await conv.locator('[data-kind="tcp"]').click();
      await conv.locator('[data-testid="limit-display"]').check();
      expect(await conv.locator('[data-testid="limit-display"]').isChecked()).toBe(true);
      await page.fill('[data-testid="display-filter"]', 'tcp.srcport == 80');
      await page.press('[data-testid="display-filter"]', 'Enter');
      await expect.poll(async () => (await counts(page)).displayed, { timeout: 120_000 }).toBe(105_437);
      // The Packets column (the 5th: Address A, Port A, Address B, Port B, Packets).
      const packets = () => conv.locator('[role="row"][data-row="0"] [role="gridcell"]').nth(4).textContent();
      expect(await packets()).not.toBe('105437');
      await expect.poll(packets, { timeout: 60_000 }).toBe('105437');
      await page.fill('[data-testid="display-filter"]', 'tcp.dstport == 80');
      await page.press('[data-testid="display-filter"]', 'Enter');
      await expect.poll(packets, { timeout: 120_000 }).toBe('7326');
      // The pass for the other tabs follows the quick answer: Ethernet counts the filtered packets' one pair.
      await expect.poll(() => conv.locator('[data-kind="eth"] .n').textContent(), { timeout: 120_000 }).toBe('1');
      await suite.shots.shot(page, `03-conversations-limited-${scheme}`);
      console.log(`[statistics-progress] ${scheme}: TCP conversations shown ${tcpMs} ms after the menu (112,765 packets)`);
      expect(errors).toEqual([]);
    });
  }

  it('Wireshark’s Info at the end of the list: rows at once, progress and Stop, painted again when known', async () => {
    const ref = gunzipSync(readFileSync(`${BULK}.tshark.tsv.gz`)).toString('utf8').split('\n').slice(1).filter((l) => l !== '').map((l) => l.split('\t').at(-1)!);
    const { page, errors } = await suite.open(BULK, 'dark');
    page.setDefaultTimeout(120_000);
    await loaded(page);
    await page.locator(LIST).focus();
    await page.keyboard.press('End');
    await page.waitForSelector(`${LIST} [role="row"][aria-rowindex="${PACKETS}"] .info`);
    const t0 = Date.now();
    await page.locator('[data-testid="info-mode"]').click();
    await page.waitForSelector(`${LIST} .row.ws-pending`);
    const pendingMs = Date.now() - t0;
    await page.locator('[data-testid="status-bar"] [data-testid="task-progress"][data-task="Wireshark Info column"]').waitFor();
    await suite.shots.shot(page, '04-info-pending-dark');
    await page.waitForFunction((list) => !document.querySelector(`${list} .row.ws-pending`) && !document.querySelector('[data-testid="task-progress"]'), LIST, { timeout: 240_000 });
    const last = await page.locator(`${LIST} [role="row"][aria-rowindex="${PACKETS}"] .info`).textContent();
    expect(last).toBe(ref[PACKETS - 1]);
    await suite.shots.shot(page, '05-info-painted-dark');
    console.log(`[statistics-progress] rows at the end shown ${pendingMs} ms after switching to Wireshark’s Info`);
    expect(errors).toEqual([]);
  });
});
