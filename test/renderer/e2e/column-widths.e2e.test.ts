// The packet list's column widths are kept across a restart of `ackline serve` (Chromium):
// a browser's own storage would not do (serve's port, so the page's origin, changes at each
// start), so a width dragged in the header is a preference the host writes to its config.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveSuite } from './serve-suite.js';
import { e2eReady, LIST, SCEN } from './serve-tab.js';

const FILE = path.join(SCEN, 'tcp-http-curl.pcap');
const width = async (page: Page, id: string): Promise<number> => (await page.locator(`[role="columnheader"].cell.${id}`).boundingBox())!.width;

describe.skipIf(!e2eReady())('column widths across a serve restart (Chromium)', { timeout: 120_000 }, () => {
  const suite = serveSuite('e2e-column-widths');

  it.each(['light', 'dark'] as const)('a dragged Source column keeps its width in the next serve (%s)', async (scheme) => {
    const config = mkdtempSync(path.join(tmpdir(), 'ackline-test-widths-'));
    const env = { XDG_CONFIG_HOME: config };
    const first = await suite.serve(FILE, { env });
    const a = await suite.tab(first.url, scheme);
    await a.page.waitForSelector(`${LIST} [role="row"][data-index] .info`);
    const before = await width(a.page, 'src');
    const grip = (await a.page.locator(`[data-grip="src"]`).boundingBox())!;
    await a.page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await a.page.mouse.down();
    await a.page.mouse.move(grip.x + grip.width / 2 + 40, grip.y + grip.height / 2, { steps: 4 });
    await a.page.mouse.move(grip.x + grip.width / 2 + 90, grip.y + grip.height / 2, { steps: 4 });
    await a.page.mouse.up();
    await expect.poll(() => width(a.page, 'src')).toBeGreaterThan(before + 80);
    const dragged = await width(a.page, 'src');
    // Saved by the host when the drag ended.
    const prefsFile = (): string => {
      const dir = path.join(config, 'ackline');
      const f = readdirSync(dir).find((n) => n.startsWith('preferences'));
      return f ? readFileSync(path.join(dir, f), 'utf8') : '';
    };
    await expect.poll(() => /"src":\s*\d+/.test(prefsFile())).toBe(true);
    await suite.shots.shot(a.page, `01-dragged-${scheme}`);
    await a.page.close();
    await first.stop();

    const second = await suite.serve(FILE, { env });
    expect(second.url).not.toBe(first.url);
    const b = await suite.tab(second.url, scheme);
    await b.page.waitForSelector(`${LIST} [role="row"][data-index] .info`);
    await expect.poll(() => width(b.page, 'src')).toBeCloseTo(dragged, 0);
    expect(await width(b.page, 'dst')).toBeCloseTo(before, 0);
    await suite.shots.shot(b.page, `02-restarted-${scheme}`);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await b.page.close();
  });
});
