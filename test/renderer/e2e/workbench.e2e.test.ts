// The analyst's workbench in `ackline serve`, end to end in Chromium, light and dark: the
// Statistics windows (Capture File Properties, Protocol Hierarchy, Conversations, Endpoints,
// I/O Graph), Expert Information, Follow TCP Stream, and the context menus of the packet
// list, the detail tree and the hex pane. Screenshots go to test/.artifacts/screenshots.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { counts, e2eReady, LIST, SCEN } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';

const THEMES = ['light', 'dark'] as const;
const HTTP = path.join(SCEN, 'tcp-http-curl.pcap');

async function menu(page: Page, name: string, command: string): Promise<void> {
  await page.locator(`[data-testid="menu-bar"] [data-menu="${name}"]`).dispatchEvent('mousedown');
  await page.locator(`[role="menu"][aria-label="${name}"] [data-command="${command}"]`).click();
}

/** Opens the context menu of `target` and runs the entry at `path` (submenus by id). */
async function contextRun(page: Page, target: string, path: readonly string[]): Promise<void> {
  await page.locator(target).first().click({ button: 'right' });
  const menu = page.locator('[data-testid="context-menu"]');
  await menu.waitFor();
  for (let k = 0; k < path.length; k++) {
    const item = menu.locator(`[data-level="${k}"] [data-item="${path[k]}"]`);
    if (k < path.length - 1) await item.hover();
    else await item.click();
  }
  await menu.waitFor({ state: 'detached' });
}

const filterText = (page: Page): Promise<string> => page.inputValue('[data-testid="display-filter"]');

describe.skipIf(!e2eReady())('the workbench windows and menus in serve (Chromium)', { timeout: 180_000 }, () => {
  const suite = serveSuite('e2e-workbench');
  const { shots } = suite;


  async function open(file: string, scheme: 'light' | 'dark'): Promise<{ page: Page; errors: string[] }> {
    const s = await suite.serve(file);
    const tab = await suite.tab(s.url, scheme);
    await tab.page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 12, LIST);
    return tab;
  }

  for (const scheme of THEMES) {
    it(`Statistics: properties, hierarchy, conversations, endpoints, I/O graph and expert information (${scheme})`, async () => {
      const { page, errors } = await open(HTTP, scheme);

      await menu(page, 'Statistics', 'capture-properties');
      const props = page.locator('[data-testid="window-properties"]');
      await props.locator('[data-fact="Packets"] td').waitFor();
      expect(await props.locator('[data-fact="Packets"] td').textContent()).toBe('12');
      expect(await props.locator('[data-fact="Encapsulation"] td').textContent()).toBe('Ethernet');
      await shots.shot(page, `01-properties-${scheme}`);
      await page.keyboard.press('Escape');
      await props.waitFor({ state: 'detached' });

      await menu(page, 'Statistics', 'protocol-hierarchy');
      const phs = page.locator('[data-testid="window-hierarchy"]');
      await phs.locator('[data-protocol="http"]').waitFor();
      expect(await phs.locator('[role="row"][data-protocol]').evaluateAll((els) => els.map((e) => e.getAttribute('data-protocol')))).toEqual(expect.arrayContaining(['eth', 'arp', 'ip', 'tcp', 'http']));
      expect(await phs.locator('[data-protocol="eth"]').textContent()).toContain('100.0%');
      await shots.shot(page, `02-hierarchy-${scheme}`);

      // Opening another window replaces it.
      await menu(page, 'Statistics', 'conversations');
      await phs.waitFor({ state: 'detached' });
      const conv = page.locator('[data-testid="window-conversations"]');
      await conv.locator('[role="row"][data-row="0"]').waitFor();
      expect(await conv.locator('[data-kind="tcp"]').textContent()).toContain('1');
      expect(await conv.locator('[data-kind="eth"] .n').textContent()).toBe('2');
      await conv.locator('[data-kind="eth"]').click();
      await conv.locator('[role="columnheader"][data-col="packets"]').click();
      expect(await conv.locator('[role="columnheader"][data-col="packets"]').getAttribute('aria-sort')).toBe('descending');
      const firstEth = await conv.locator('[role="row"][data-row="0"] [role="gridcell"]').first().textContent();
      await conv.locator('[role="columnheader"][data-col="packets"]').click();
      expect(await conv.locator('[role="columnheader"][data-col="packets"]').getAttribute('aria-sort')).toBe('ascending');
      expect(await conv.locator('[role="row"][data-row="0"] [role="gridcell"]').first().textContent()).not.toBe(firstEth === '02:00:00:0a:00:10' ? 'x' : firstEth);
      await conv.locator('[data-kind="tcp"]').click();
      await conv.locator('[role="row"][data-row="0"]').click();
      await shots.shot(page, `03-conversations-${scheme}`);
      await conv.locator('[data-testid="apply-filter"]').click();
      await expect.poll(() => filterText(page)).toBe('ip.addr==192.0.2.10 && tcp.port==56368 && ip.addr==192.0.2.20 && tcp.port==80');
      await expect.poll(async () => (await counts(page)).displayed).toBe(10);
      // Limited to the display filter, the ARP conversation is gone from Ethernet.
      await conv.locator('[data-testid="limit-display"]').check();
      await conv.locator('[data-kind="eth"]').click();
      await expect.poll(() => conv.locator('[data-kind="eth"] .n').textContent()).toBe('1');
      await conv.locator('[aria-label="Close"]').click();
      await page.fill('[data-testid="display-filter"]', '');
      await page.press('[data-testid="display-filter"]', 'Enter');
      await expect.poll(async () => (await counts(page)).displayed).toBe(12);

      await menu(page, 'Statistics', 'endpoints');
      const ends = page.locator('[data-testid="window-endpoints"]');
      await ends.locator('[data-kind="ip"]').click();
      await ends.locator('[role="row"][data-row="1"]').waitFor();
      expect((await ends.locator('[role="row"][data-row]').allTextContents()).join(' ')).toMatch(/192\.0\.2\.10.*|192\.0\.2\.20/);
      await ends.locator('[role="grid"]').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => filterText(page)).toMatch(/^ip\.addr==192\.0\.2\.(10|20)$/);
      await shots.shot(page, `04-endpoints-${scheme}`);
      await page.keyboard.press('Escape');
      await page.fill('[data-testid="display-filter"]', '');
      await page.press('[data-testid="display-filter"]', 'Enter');

      await menu(page, 'Analyze', 'expert-info');
      const expert = page.locator('[data-testid="window-expert"]');
      await expert.locator('[data-severity]').first().waitFor();
      const sevs = await expert.locator('[data-severity]').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
      expect(sevs.length).toBeGreaterThan(0);
      await expert.locator('button.entry').first().click();
      const pkt = expert.locator('[data-testid="expert-packets"] [data-packet]').first();
      const number = Number(await pkt.getAttribute('data-packet'));
      await pkt.click();
      await page.waitForSelector(`${LIST} [role="row"][aria-selected="true"]`);
      expect(Number(await page.locator(`${LIST} [role="row"][aria-selected="true"] .no`).textContent())).toBe(number);
      await shots.shot(page, `05-expert-${scheme}`);
      await page.keyboard.press('Escape');

      await menu(page, 'Statistics', 'io-graph');
      const io = page.locator('[data-testid="window-io-graph"]');
      await io.locator('canvas').waitFor();
      expect(Number(await io.locator('[data-testid="io-chart"]').getAttribute('data-points'))).toBeGreaterThan(1);
      // A second graph with a filter; an invalid filter says so.
      await io.locator('[data-graph="1"] input[type="checkbox"]').check();
      await io.locator('[data-graph="1"] input[aria-label="Graph display filter"]').fill('tcp.port ==');
      await io.locator('[data-testid="io-update"]').click();
      await io.locator('[data-testid="io-error"]').waitFor();
      await io.locator('[data-graph="1"] input[aria-label="Graph display filter"]').fill('http');
      await io.locator('[data-testid="io-update"]').click();
      await io.locator('[data-testid="io-error"]').waitFor({ state: 'detached' });
      await expect.poll(() => io.locator('.u-legend .u-series').count()).toBe(3);
      // A click on the plot goes to the first packet of that interval.
      await io.locator('header').click();
      await page.keyboard.press('Control+End');
      await expect.poll(() => page.locator(`${LIST} [role="row"][aria-selected="true"] .no`).textContent()).toBe('12');
      const over = io.locator('.u-over');
      const box = (await over.boundingBox())!;
      await page.mouse.click(box.x + 3, box.y + box.height / 2);
      await expect.poll(() => page.locator(`${LIST} [role="row"][aria-selected="true"] .no`).textContent()).toBe('1');
      await shots.shot(page, `06-io-graph-${scheme}`);
      // A drag zooms in.
      const chart = io.locator('[data-testid="io-chart"]');
      const before = await chart.getAttribute('data-x-range');
      await page.mouse.move(box.x + box.width * 0.3, box.y + 20);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + 20, { steps: 4 });
      await page.mouse.up();
      await expect.poll(() => chart.getAttribute('data-x-range')).not.toBe(before);
      await page.keyboard.press('Escape');
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const scheme of THEMES) {
    it(`Follow TCP Stream and the context menus of the list, tree and hex pane (${scheme})`, async () => {
      const { page, errors } = await open(HTTP, scheme);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);

      // List › Follow › TCP Stream: the stream's filter while the window is open.
      await page.locator(`${LIST} [data-index="5"]`).click();
      await contextRun(page, `${LIST} [data-index="5"] .info`, ['follow', 'follow-tcp']);
      const follow = page.locator('[data-testid="window-follow"]');
      await follow.waitFor();
      const text = follow.locator('[data-testid="follow-text"]');
      expect(await text.locator('.client').first().textContent()).toMatch(/^GET \/index\.html HTTP\/1\.1/);
      expect(await text.locator('.server').first().textContent()).toMatch(/^HTTP\/1\.1 200 OK/);
      await expect.poll(() => filterText(page)).toBe('tcp.stream eq 0');
      await expect.poll(async () => (await counts(page)).displayed).toBe(10);
      await follow.locator('[data-testid="follow-find"]').fill('html');
      expect(Number((await follow.locator('[data-testid="follow-matches"]').textContent())!.split(' ')[0])).toBeGreaterThanOrEqual(2);
      await follow.locator('[data-testid="follow-find"]').press('Enter');
      expect(await text.locator('mark.current').count()).toBe(1);
      await shots.shot(page, `11-follow-${scheme}`);
      await follow.locator('[data-testid="follow-view"]').selectOption('hex');
      expect(await text.textContent()).toContain('00000000  47 45 54 20 2f 69 6e 64  65 78 2e 68 74 6d 6c 20  GET /index.html ');
      await follow.locator('[data-testid="follow-side"]').selectOption('server');
      expect(await text.locator('.client').count()).toBe(0);
      await shots.shot(page, `12-follow-hex-${scheme}`);
      const download = page.waitForEvent('download');
      await follow.locator('[data-testid="follow-save"]').click();
      expect((await download).suggestedFilename()).toBe('tcp-stream-0.txt');
      // Closing restores the list's filter.
      await page.keyboard.press('Escape');
      await follow.waitFor({ state: 'detached' });
      await expect.poll(() => filterText(page)).toBe('');
      await expect.poll(async () => (await counts(page)).displayed).toBe(12);
      // The key (Ctrl+Alt+Shift+T), then Filter Out This Stream.
      await page.locator(`${LIST} [data-index="6"]`).click();
      await page.keyboard.press('Control+Alt+Shift+T');
      await follow.waitFor();
      await follow.locator('[data-testid="follow-filter-out"]').click();
      await follow.waitFor({ state: 'detached' });
      await expect.poll(() => filterText(page)).toBe('!(tcp.stream eq 0)');
      await expect.poll(async () => (await counts(page)).displayed).toBe(2);
      await page.fill('[data-testid="display-filter"]', '');
      await page.press('[data-testid="display-filter"]', 'Enter');
      await expect.poll(async () => (await counts(page)).displayed).toBe(12);
      // The ladder button shows the stream's ladder.
      await page.locator(`${LIST} [data-index="6"]`).click();
      await page.keyboard.press('Control+Alt+Shift+T');
      await follow.locator('[data-testid="follow-ladder"]').click();
      await page.waitForSelector('[data-testid="tab-timeline"][aria-selected="true"]');
      await page.fill('[data-testid="display-filter"]', '');
      await page.press('[data-testid="display-filter"]', 'Enter');

      // Tree › Apply as Filter › Selected on ip.src.
      await page.locator(`${LIST} [data-index="2"]`).click();
      await page.locator('[data-testid="detail-tree"] [data-field="ip"]').first().dblclick();
      const src = '[data-testid="detail-tree"] [data-field="ip.src"]';
      await page.locator(src).first().waitFor();
      await page.locator(src).first().click({ button: 'right' });
      await shots.shot(page, `13-tree-menu-${scheme}`);
      await page.keyboard.press('Escape');
      await contextRun(page, src, ['apply-as-filter', 'apply-selected']);
      await expect.poll(() => filterText(page)).toBe('ip.src == 192.0.2.10');
      await expect.poll(async () => (await counts(page)).displayed).toBe(6);
      // Copy › As Filter and › Field Name.
      await contextRun(page, src, ['copy', 'copy-filter']);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('ip.src == 192.0.2.10');
      await contextRun(page, src, ['copy', 'copy-field-name']);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('ip.src');

      // List › Prepare as Filter › …and Selected on the Protocol column: in the bar, not applied.
      const row = `${LIST} [data-index="1"]`;
      await page.locator(row).click();
      await contextRun(page, `${row} .proto`, ['prepare-as-filter', 'prepare-and']);
      expect(await filterText(page)).toBe('(ip.src == 192.0.2.10) && (tcp)');
      expect((await counts(page)).displayed).toBe(6);
      await page.fill('[data-testid="display-filter"]', '');
      await page.press('[data-testid="display-filter"]', 'Enter');
      await expect.poll(async () => (await counts(page)).displayed).toBe(12);
      // Colorize Conversation › Color 1, then Copy › Summary as Text and bytes.
      await contextRun(page, `${LIST} [data-index="3"] .info`, ['colorize-conversation', 'color-1']);
      await expect.poll(() => page.locator(`${LIST} .row.colorized`).count()).toBeGreaterThan(5);
      await contextRun(page, `${LIST} [data-index="3"] .info`, ['copy', 'copy-summary']);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^4\t\S+\t192\.0\.2\.20\t192\.0\.2\.10\tTCP\t74\t/);
      await contextRun(page, `${LIST} [data-index="3"] .info`, ['copy', 'Bytes', 'bytes-c-array']);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^static const unsigned char pkt4\[74\] = \{\n0x02, /);
      // Mark from the menu.
      await contextRun(page, `${LIST} [data-index="3"] .info`, ['mark']);
      await expect.poll(() => page.locator(`${LIST} [data-index="3"]`).getAttribute('class')).toContain('marked');
      // Keyboard: Shift+F10 on the list, ↓ and Escape.
      await page.locator(LIST).focus();
      await page.keyboard.press('Shift+F10');
      await page.locator('[data-testid="context-menu"]').waitFor();
      await shots.shot(page, `14-list-menu-${scheme}`);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="context-menu"]').waitFor({ state: 'detached' });

      // Hex pane › Copy Packet Bytes › …as Hex Stream.
      await contextRun(page, '[data-testid="hex-pane"] [data-offset="0"]', ['Copy Packet Bytes', 'bytes-hex-stream']);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^0200000a00[0-9a-f]{138}$/);
      await page.locator('[data-testid="hex-pane"] [data-offset="0"]').first().click({ button: 'right' });
      await page.locator('[data-testid="context-menu"] [data-item="Copy Packet Bytes"]').hover();
      await shots.shot(page, `15-hex-menu-${scheme}`);
      await page.keyboard.press('Escape');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
