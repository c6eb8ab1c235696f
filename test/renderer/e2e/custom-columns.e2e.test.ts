// Custom columns in `ackline serve` (Chromium), light and dark: Apply as Column on a field of
// the detail tree adds a column whose cells are the field's values as `ackline tshark -T fields`
// prints them; a header click sorts by it (numerically: a window of 512 before 65160); the
// column editor refuses an unknown field; and the column is still there after serve restarts
// (a preference the host keeps).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outBytes, runCli } from '../../cli/tshark-run.js';
import { serveSuite } from './serve-suite.js';
import { counts, e2eReady, LIST, SCEN } from './serve-tab.js';

const FILE = path.join(SCEN, 'tcp-http-curl.pcap');
const FIELD = 'tcp.window_size_value';
const HEADER = `[role="columnheader"][data-column="field:${FIELD}"]`;
const cells = (page: Page): Promise<string[]> => page.locator(`${LIST} [data-testid="custom-cell"][data-field="${FIELD}"]`).allTextContents();

/** The cells shown are the first rows of `want` (the list shows as many as fit), and there are some. */
async function showsStartOf(page: Page, want: readonly string[]): Promise<boolean> {
  const got = await cells(page);
  return got.length > 5 && JSON.stringify(got) === JSON.stringify(want.slice(0, got.length));
}

async function tshark(): Promise<string[]> {
  const r = await runCli(['tshark', '-n', '-r', FILE, '-T', 'fields', '-e', FIELD]);
  return outBytes(r).toString('utf8').split('\n').slice(0, -1);
}

describe.skipIf(!e2eReady())('custom columns in serve (Chromium)', { timeout: 150_000 }, () => {
  const suite = serveSuite('e2e-custom-columns');

  it.each(['light', 'dark'] as const)('Apply as Column, sort by it, kept across a restart (%s)', async (scheme) => {
    const expected = await tshark();
    const env = { XDG_CONFIG_HOME: mkdtempSync(path.join(tmpdir(), 'ackline-test-customcols-')) };
    const first = await suite.serve(FILE, { env });
    const a = await suite.tab(first.url, scheme);
    const page = a.page;
    await page.waitForSelector(`${LIST} [role="row"][data-index] .info`);
    const n = (await counts(page)).displayed;
    expect(n).toBe(expected.length);

    // Detail tree › right click Window › Apply as Column.
    await page.locator(`${LIST} [data-index="2"]`).click();
    await page.locator('[data-testid="detail-tree"] [data-field="tcp"]').first().dblclick();
    const win = page.locator(`[data-testid="detail-tree"] [data-field="${FIELD}"]`).first();
    await win.waitFor();
    await win.click({ button: 'right' });
    const menu = page.locator('[data-testid="context-menu"]');
    await menu.locator('[data-item="apply-as-column"]').waitFor();
    await suite.shots.shot(page, `01-tree-menu-${scheme}`);
    await menu.locator('[data-item="apply-as-column"]').click();
    await page.locator(HEADER).waitFor();
    expect((await page.locator(`${HEADER} .title`).textContent())?.trim()).toBe('Window');
    await expect.poll(() => showsStartOf(page, expected)).toBe(true);
    await suite.shots.shot(page, `02-column-${scheme}`);

    // Sort by it: ascending by number, packets without the field first.
    await page.locator(`${HEADER} .title`).click();
    await page.waitForFunction((h) => document.querySelector(`${h} .title`)?.getAttribute('aria-sort') === 'ascending', HEADER);
    const numeric = expected.filter((v) => v !== '').map(Number).sort((x, y) => x - y).map(String);
    const sorted = [...expected.filter((v) => v === ''), ...numeric];
    expect(new Set(numeric).size).toBeGreaterThan(2);
    await expect.poll(() => showsStartOf(page, sorted)).toBe(true);
    await suite.shots.shot(page, `03-sorted-${scheme}`);

    // The column editor refuses a field it does not know, with the reason.
    await page.locator(HEADER).click({ button: 'right' });
    await menu.locator('[data-item="column-preferences"]').click();
    const editor = page.locator('[data-testid="column-prefs"]');
    await editor.waitFor();
    await editor.locator('[data-testid="column-field"]').fill('tcp.windw');
    await editor.locator('[data-testid="column-add"]').click();
    await expect.poll(() => editor.locator('[data-testid="column-error"]').textContent()).toContain('"tcp.windw" is not a known field');
    await suite.shots.shot(page, `04-editor-${scheme}`);
    await page.keyboard.press('Escape');
    await page.close();
    await first.stop();

    // A new serve (another port, so another origin): the column is still there, with its values.
    const second = await suite.serve(FILE, { env });
    const b = await suite.tab(second.url, scheme);
    await b.page.waitForSelector(`${LIST} [role="row"][data-index] .info`);
    await b.page.locator(HEADER).waitFor();
    await expect.poll(() => showsStartOf(b.page, expected)).toBe(true);
    await suite.shots.shot(b.page, `05-restarted-${scheme}`);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await b.page.close();
  });
});
