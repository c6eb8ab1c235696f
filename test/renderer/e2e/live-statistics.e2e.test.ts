// Statistics and Findings while capturing on lo through serve in Chromium (root only; the
// only traffic is this test's own on 127.0.0.1): the Conversations window counts the
// conversation's packets as they arrive, and the Findings pane reports a connection
// refused during the capture, both without being reopened, at the update rate.
import { createServer, connect } from 'node:net';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../../serve/serve-process.js';
import { LoopbackEcho } from './loopback-echo.js';
import { serveSuite } from './serve-suite.js';
import { counts, e2eReady } from './serve-tab.js';

const root = process.getuid?.() === 0;
const ready = e2eReady() && root && process.platform === 'linux';

async function menu(page: Page, name: string, command: string): Promise<void> {
  await page.locator(`[data-testid="menu-bar"] [data-menu="${name}"]`).dispatchEvent('mousedown');
  await page.locator(`[role="menu"][aria-label="${name}"] [data-command="${command}"]`).click();
}

/** A port on 127.0.0.1 that nothing listens on (bound a moment, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const addr = s.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  await new Promise<void>((r) => s.close(() => r()));
  return addr.port;
}

/** Connects to a closed port: the kernel answers the SYN with a RST. */
function refused(port: number): Promise<void> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.on('error', () => resolve());
    c.on('connect', () => {
      c.destroy();
      resolve();
    });
  });
}

describe.skipIf(!ready)('statistics and findings during a live capture on lo through serve (Chromium, root)', { timeout: 180_000 }, () => {
  const suite = serveSuite('e2e-live-statistics');
  let served: ServeProcess;
  beforeAll(async () => {
    served = await suite.serve();
  }, 120_000);

  for (const scheme of ['light', 'dark'] as const) {
    it(`Conversations and Findings follow the capture (${scheme})`, async () => {
      const { page, errors } = await suite.tab(served.url, scheme);
      const talk = await LoopbackEcho.connected();
      try {
        await page.waitForSelector('[data-testid="welcome"]');
        await page.keyboard.press('Control+K');
        const dialog = page.locator('[role="dialog"][aria-label="Capture Options"]');
        await dialog.waitFor();
        await dialog.locator('[data-testid="interfaces"] [role="option"]', { has: page.locator('strong', { hasText: /^lo$/ }) }).dispatchEvent('mousedown');
        // The default filter leaves out the page's own connection to serve.
        await dialog.locator('[data-testid="capture-filter"].valid').waitFor();
        await dialog.locator('[data-testid="capture-start"]').click();
        await page.waitForSelector('[data-testid="status-bar"] :text("Capturing from lo")');
        await expect
          .poll(
            async () => {
              await talk.exchange(5);
              return (await counts(page)).packets;
            },
            { timeout: 30_000 },
          )
          .toBeGreaterThanOrEqual(20);

        // Conversations › TCP: the echo conversation's packet count grows while the window is open.
        await menu(page, 'Statistics', 'conversations');
        const conv = page.locator('[data-testid="window-conversations"]');
        const row = conv.locator('[role="row"][data-row]', { hasText: String(talk.port) });
        await row.waitFor();
        const packetsOf = async (): Promise<number> => Number(await row.locator('[role="gridcell"]').nth(4).textContent());
        const before = await packetsOf();
        await talk.exchange(20);
        await expect.poll(packetsOf, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 40);
        await suite.shots.shot(page, `01-live-conversations-${scheme}`);
        await conv.locator('[aria-label="Close"]').click();

        // Findings: a connection refused during the capture shows up without reopening the pane.
        await page.locator('[data-testid="tab-findings"]').click();
        await page.waitForSelector('[data-testid="findings-pane"]');
        const port = await closedPort();
        await refused(port);
        const finding = page.locator('[data-testid="findings-pane"] .finding[data-kind="refused"]', { hasText: `127.0.0.1:${port}` });
        await finding.waitFor({ timeout: 30_000 });
        expect(await finding.locator('.text').textContent()).toBe(`1 connection to 127.0.0.1:${port} was refused (RST to SYN): nothing listens on that port, or a firewall rejects it`);
        await refused(port);
        await expect.poll(() => finding.locator('.text').textContent(), { timeout: 30_000 }).toBe(`2 connections to 127.0.0.1:${port} were refused (RST to SYN): nothing listens on that port, or a firewall rejects it`);
        await suite.shots.shot(page, `02-live-findings-${scheme}`);
        expect(errors).toEqual([]);
      } finally {
        await talk.close();
        if (await page.locator('[data-testid="capture-toggle"][title^="Stop"]').count()) await page.click('[data-testid="capture-toggle"]');
        await page.close();
      }
    });
  }
});
