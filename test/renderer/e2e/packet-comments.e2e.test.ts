// Packet comments through `ackline serve` in Chromium, light and dark: a pcapng's comments in
// the detail tree (Packet comments, first) and the Comment column (View › Comment Column),
// frame.comment as a display filter, a comment added from the list's context menu
// (Packet Comment…) and another edited with Ctrl+Alt+C, and a Save As download that keeps
// them (tshark reads them back from the downloaded file, when it is installed). An edited
// file is unsaved.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applyFilter, cells, e2eReady, LIST } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';
import { haveTshark } from '../../support/tools.js';

const FILE = path.join('/work/shared/captures/formats', 'with-comments.pcapng');
const THEMES = ['light', 'dark'] as const;




describe.skipIf(!e2eReady())('packet comments in serve (Chromium)', { timeout: 180_000 }, () => {
  const suite = serveSuite('e2e-packet-comments');
  const { shots } = suite;

  for (const scheme of THEMES) {
    it(`shows, filters, adds, edits and saves packet comments (${scheme})`, async () => {
      const server = await suite.serve(FILE);
      const { page, errors } = await suite.tab(server.url, scheme);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 13, LIST);

      // The tree of a commented packet starts with Wireshark's Packet comments node.
      await page.click(`${LIST} [data-index="0"]`);
      const tree = page.locator('[data-testid="detail-tree"]');
      await tree.getByText('Packet comments', { exact: true }).waitFor();
      expect(await tree.locator('.label').first().textContent()).toBe('Packet comments');
      // Opened once, it stays open for the next packets (as every subtree).
      await tree.locator('[role="treeitem"]').first().locator('.twisty').dispatchEvent('mousedown');
      await tree.getByText('first packet: ARP who-has', { exact: true }).waitFor();

      // View › Comment Column.
      await page.locator('[data-testid="menu-bar"] [data-menu="View"]').dispatchEvent('mousedown');
      await page.locator('[role="menu"][aria-label="View"] [data-command="comment-column"]').click();
      await page.waitForSelector('[data-testid="comment-cell"]');
      expect((await cells(page, 'comment')).slice(0, 4)).toEqual(['first packet: ARP who-has', '', 'handshake starts here', '']);

      await applyFilter(page, 'frame.comment', 2);
      expect(await cells(page, 'no')).toEqual(['1', '3']);
      await applyFilter(page, '', 13);

      // A new comment from the context menu of packet 5.
      await page.locator(`${LIST} [data-index="4"] .info`).click({ button: 'right' });
      await page.locator('[data-testid="context-menu"] [data-level="0"] [data-item="packet-comment"]').click();
      const dialog = page.locator('[data-testid="packet-comment-dialog"]');
      await dialog.waitFor();
      await page.fill('[data-testid="comment-0"]', 'server answers here');
      await shots.shot(page, `01-comment-dialog-${scheme}`);
      await page.click('[data-testid="comment-save"]');
      await dialog.waitFor({ state: 'detached' });
      await page.waitForFunction((list) => document.querySelector(`${list} [data-index="4"] .comment`)?.textContent === 'server answers here', LIST);
      await tree.getByText('server answers here', { exact: true }).waitFor();
      // An edited file is unsaved: the status bar says so (and closing asks first).
      await page.waitForFunction(() => document.body.textContent?.includes('with-comments.pcapng (unsaved)'));

      // Ctrl+Alt+C on packet 1: the first comment edited, a second one added.
      await page.click(`${LIST} [data-index="0"]`);
      await page.keyboard.press('Control+Alt+C');
      await dialog.waitFor();
      expect(await page.inputValue('[data-testid="comment-0"]')).toBe('first packet: ARP who-has');
      await page.fill('[data-testid="comment-0"]', 'ARP first');
      await page.click('[data-testid="comment-add"]');
      await page.fill('[data-testid="comment-1"]', 'then the handshake');
      await page.click('[data-testid="comment-save"]');
      await dialog.waitFor({ state: 'detached' });
      await page.waitForFunction((list) => document.querySelector(`${list} [data-index="0"] .comment`)?.textContent === 'ARP first,then the handshake', LIST);

      await applyFilter(page, 'frame.comment contains "here"', 2);
      expect(await cells(page, 'no')).toEqual(['3', '5']);
      await applyFilter(page, 'frame.comment', 3);
      await page.click(`${LIST} [data-index="0"]`);
      await tree.getByText('then the handshake', { exact: true }).waitFor();
      await shots.shot(page, `02-comments-column-and-tree-${scheme}`);

      // Save As: a pcapng download that keeps the comments.
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.keyboard.press('Control+Shift+S')]);
      const file = await download.path();
      expect(readFileSync(file).readUInt32LE(0)).toBe(0x0a0d0d0a);
      if (haveTshark) {
        const out = execFileSync('tshark', ['-n', '-r', file, '-Y', 'frame.comment', '-T', 'fields', '-e', 'frame.number', '-e', 'frame.comment'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        expect(out).toBe('1\tARP first,then the handshake\n3\thandshake starts here\n5\tserver answers here\n');
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
