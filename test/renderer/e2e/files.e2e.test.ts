// Files as a user handles them, end to end through `ackline serve` in Chromium, in both
// themes: a dropped file that is no capture is refused and what is open stays; Ctrl+S on a
// file that is already saved offers Save As (here: a download); downloads are named after the
// capture and the part exported; the recent-files list shows missing files greyed with
// "remove", sizes and dates, and keeps to the configured length.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { contrastIn, effectiveColours } from './page-colors.js';
import { serveSuite } from './serve-suite.js';
import { counts, ctrlO, e2eReady, LIST, reference, SCEN } from './serve-tab.js';

const THEMES = ['light', 'dark'] as const;

describe.skipIf(!e2eReady())('files: drop, save, download names, recent files (Chromium)', { timeout: 120_000 }, () => {
  const { shots, open } = serveSuite('e2e-files');
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-e2e-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const loaded = async (page: Page, name: string): Promise<void> => {
    const n = reference(name).length;
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${n} ")`);
    await page.waitForFunction(({ list, n }) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= n, { list: LIST, n });
  };

  for (const scheme of THEMES) {
    it(`a dropped file that is no capture is refused with a message, and the open capture stays (${scheme})`, async () => {
      const name = 'tcp-http-curl.pcap';
      const { page, errors } = await open(path.join(SCEN, name), scheme);
      await loaded(page, name);
      const drop = await page.evaluateHandle(() => {
        const d = new DataTransfer();
        d.items.add(new File(['Meeting notes: capture the lab traffic on Tuesday.\n'], 'notes.txt', { type: 'text/plain' }));
        return d;
      });
      await page.dispatchEvent('main', 'dragenter', { dataTransfer: drop });
      await page.dispatchEvent('main', 'drop', { dataTransfer: drop });
      const toast = page.locator('.toast', { hasText: 'notes.txt: unknown file format' });
      await toast.waitFor();
      expect(await toast.textContent()).toMatch(/unknown file format; "tcp-http-curl\.pcap" is still open/);
      await shots.shot(page, `01-drop-refused-${scheme}`);
      // Nothing was replaced: the same capture, every row.
      expect(await page.textContent('[data-testid="status-bar"] .source')).toContain(name);
      expect((await counts(page)).packets).toBe(reference(name).length);
      expect(await page.locator('[data-testid="welcome"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('Ctrl+S on a file that is already saved offers Save As: a download named after the file', async () => {
    const name = 'tcp-handshake-data-client-close.pcap';
    const { page, errors } = await open(path.join(SCEN, name), 'light');
    await loaded(page, name);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.keyboard.press('Control+S')]);
    expect(download.suggestedFilename()).toBe('tcp-handshake-data-client-close.pcapng');
    expect(readFileSync(await download.path()).readUInt32LE(0)).toBe(0x0a0d0d0a);
    // Save As (Ctrl+Shift+S) is the same download.
    const [again] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.keyboard.press('Control+Shift+S')]);
    expect(again.suggestedFilename()).toBe('tcp-handshake-data-client-close.pcapng');
    await shots.shot(page, '02-save-as-download');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const scheme of THEMES) {
    it(`exports are named after the capture and the part exported, with no private prefix (${scheme})`, async () => {
      const name = 'tcp-syn-closed-port-rst.pcap';
      const { page, errors } = await open(undefined, scheme);
      // Opened through the browser's file picker: the host keeps the bytes under a private name.
      await page.waitForSelector('[data-testid="welcome"]');
      await (await ctrlO(page)).setFiles(path.join(SCEN, name));
      await loaded(page, name);
      // The TCP flow, chosen in the Flows tab, exported on its own.
      await page.click('[data-testid="tab-flows"]');
      const row = page.locator('[data-testid="flows-table"] [data-flow]', { hasText: /TCP/i }).first();
      const flow = await row.getAttribute('data-flow');
      await row.click();
      await page.keyboard.press('Control+Shift+X');
      await page.check('[role="dialog"] input[type="radio"][value="flow"]');
      await shots.shot(page, `03-export-flow-${scheme}`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-run"]')]);
      expect(download.suggestedFilename()).toBe(`tcp-syn-closed-port-rst-flow-${flow}.pcapng`);
      // The same for what is displayed.
      await page.keyboard.press('Control+Shift+X');
      await page.check('[role="dialog"] input[type="radio"][value="all"]');
      await page.selectOption('[role="dialog"] select', 'pcap');
      const [all] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-run"]')]);
      expect(all.suggestedFilename()).toBe('tcp-syn-closed-port-rst-all.pcap');
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const scheme of THEMES) {
    it(`recent files: missing ones greyed with "remove", sizes and dates, the configured length (${scheme})`, async () => {
      const here = path.join(dir, `${scheme}-arp.pcap`);
      const there = path.join(dir, `${scheme}-dhcp.pcap`);
      copyFileSync(path.join(SCEN, 'arp-request-reply.pcap'), here);
      copyFileSync(path.join(SCEN, 'dhcp-dora-dhclient.pcap'), there);
      const gone = path.join(dir, `${scheme}-gone.pcap`);
      const seed = (config: string): void =>
        writeFileSync(
          path.join(config, 'recent-files.json'),
          JSON.stringify([
            { path: here, name: path.basename(here), openedAt: 3 },
            { path: gone, name: path.basename(gone), openedAt: 2 },
            { path: there, name: path.basename(there), openedAt: 1 },
          ]),
        );
      const { page, errors } = await open(undefined, scheme, { seed });
      const items = page.locator('[data-testid="welcome"] [data-testid="recent-files"] li');
      await expect.poll(() => items.count()).toBe(3);
      // Sizes and dates of the files that are there.
      const facts = await page.$$eval('[data-testid="welcome"] [data-testid="recent-facts"]', (els) => els.map((e) => e.textContent ?? ''));
      const size = statSync(here).size;
      const shown = size < 1000 ? `${size} bytes` : `${(size / 1000).toFixed(1)} kB`;
      expect(facts[0]).toMatch(new RegExp(`^${shown.replace('.', '\\.')} · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
      expect(facts[1]).toBe('not found');
      // The missing one: greyed (still readable), its remove button in view.
      const missing = items.nth(1);
      expect(await missing.getAttribute('data-missing')).toBe('true');
      expect(await missing.locator('button.open').isDisabled()).toBe(true);
      const [c] = await missing.locator('.name').evaluateAll(effectiveColours);
      expect(contrastIn(c!.fg, c!.bg)).toBeGreaterThanOrEqual(3);
      expect(await missing.locator('[data-testid="recent-remove"]').isVisible()).toBe(true);
      await shots.shot(page, `04-recent-files-${scheme}`);
      await missing.locator('[data-testid="recent-remove"]').click();
      await expect.poll(() => items.count()).toBe(2);
      // Removed for good: a new tab on the same host no longer lists it.
      await page.reload();
      await expect.poll(() => page.locator('[data-testid="welcome"] [data-testid="recent-files"] li').count()).toBe(2);
      // Preferences: show up to 1 file.
      await page.click('[data-testid="open-preferences"]');
      await page.fill('[data-testid="pref-recent"]', '1');
      await page.press('[data-testid="pref-recent"]', 'Tab');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[data-testid="welcome"] [data-testid="recent-files"] li').count()).toBe(1);
      expect(await page.textContent('[data-testid="welcome"] [data-testid="recent-files"]')).toContain(path.basename(here));
      // And a file opened from the list is the newest.
      await page.click(`[data-testid="welcome"] [data-testid="recent-files"] button.open`);
      await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${reference('arp-request-reply.pcap').length} ")`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
