// End to end through `ackline serve` in Debian's Chromium: the handshake timeline (ladder)
// in every case issue 15 lists, as a user sees it, in the light and the dark theme. Each
// test failed before its fix. Screenshots of every case go to the folder printed at the start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRecordBulkFlow, recordBulkFlow } from './bulk-flow-capture.js';
import { contrastIn } from './page-colors.js';
import { serveSuite } from './serve-suite.js';
import { e2eReady, LIST, reference, SCEN } from './serve-tab.js';

const ready = e2eReady();
const SVG = '[data-testid="ladder-svg"]';
const SCHEMES = ['light', 'dark'] as const;

/** Each side's states in the order the rail shows them ("0:SYN_SENT", ...). */
const states = (page: Page): Promise<string[]> => page.$$eval(`${SVG} [data-state]`, (els) => els.map((e) => `${e.getAttribute('data-side')}:${e.getAttribute('data-state')}`));
const side = (all: string[], s: 0 | 1): string[] => all.filter((x) => x.startsWith(`${s}:`)).map((x) => x.slice(2));
const title = (page: Page): Promise<string> => page.locator('[data-testid="ladder-pane"] .bar .title').innerText();

async function loaded(page: Page, rows: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= n, rows);
  await page.waitForSelector('[data-testid="stop-loading"]', { state: 'detached' });
}

async function selectRow(page: Page, index: number): Promise<void> {
  await page.click(`${LIST} [data-index="${index}"]`);
  await page.waitForSelector(`${LIST} [data-index="${index}"][aria-selected="true"]`);
}

async function goTo(page: Page, number: number): Promise<void> {
  await page.keyboard.press('Control+g');
  await page.fill('[data-testid="goto-input"]', String(number));
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${LIST} [role="row"][aria-selected="true"] .no:text-is("${number}")`);
}

/** The selected arrow is drawn, and inside the ladder's visible area (below its header). */
async function selectedArrowShown(page: Page, number: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const svg = document.querySelector('[data-testid="ladder-svg"]');
      const a = svg?.querySelector(`g.arrow.selected[data-number="${n}"] line.shaft`);
      if (!svg || !a) return false;
      const s = svg.getBoundingClientRect();
      const b = a.getBoundingClientRect();
      return b.top >= s.top + 46 && b.bottom <= s.bottom;
    },
    number,
    { timeout },
  );
}

/** Rows of the list's viewport that have no data yet (a blank band). */
const blankRows = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const list = document.querySelector('[data-testid="packet-list"] .body, [data-testid="packet-list"]')!;
    const view = list.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > view.top + 30 && b.top < view.bottom - 2 && !r.querySelector('.info');
    }).length;
  });

describe.skipIf(!ready)('the ladder through ackline serve (Chromium)', { timeout: 180_000 }, () => {
  const { shots, open, serve, tab } = serveSuite('e2e-ladder');

  /**
   * Opens a capture (a scenario's name, or a path) in the light then the dark theme, waits for
   * its first `rows` rows and the end of the load, runs `check` on the page; no page error.
   */
  async function inEachTheme(file: string, rows: number, check: (page: Page, scheme: (typeof SCHEMES)[number]) => Promise<void>): Promise<void> {
    for (const scheme of SCHEMES) {
      const { page, errors } = await open(path.isAbsolute(file) ? file : path.join(SCEN, file), scheme);
      await loaded(page, rows);
      await check(page, scheme);
      expect(errors).toEqual([]);
      await page.close();
    }
  }

  it("Ctrl+G: the ladder moves to the packet's flow, and the list has no blank band", async () => {
    await inEachTheme('tcp-packet-loss.pcap', 10, async (page, scheme) => {
      await selectRow(page, 0);
      await page.waitForSelector(`${SVG} g.arrow`);
      expect(await title(page)).toMatch(/^ARP /);
      await goTo(page, 1500);
      await expect.poll(() => title(page), { timeout: 20_000 }).toMatch(/^TCP /);
      await selectedArrowShown(page, 1500);
      await expect.poll(() => blankRows(page), { timeout: 10_000 }).toBe(0);
      await shots.shot(page, `01-goto-${scheme}`);
    });
  });

  it('time-proportional: no two arrow labels overlap', async () => {
    await inEachTheme('tcp-handshake-data-client-close.pcap', 13, async (page, scheme) => {
      await selectRow(page, 2);
      await page.waitForSelector(`${SVG} g.arrow`);
      await page.click('[data-testid="ladder-pane"] button:text-is("Time-proportional")');
      await page.waitForSelector(`${SVG} .axis text`);
      // Every text of the diagram (arrow labels, the gutter's numbers and times, state
      // labels) is on screen on its own: none overlaps another.
      const texts = await page.$$eval(`${SVG} g.arrow text, ${SVG} text.label, ${SVG} [data-state] text, ${SVG} .axis text, ${SVG} .hs-text`, (els) =>
        els
          .filter((e) => (e.textContent ?? '').trim() !== '' && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => ({ what: `${e.closest('[data-number]')?.getAttribute('data-number') ?? e.closest('[data-state]')?.getAttribute('data-state') ?? e.getAttribute('class')}:${e.textContent}`, b: e.getBoundingClientRect() }))
          .filter((x) => x.b.width > 0 && x.b.height > 0)
          .map((x) => ({ what: x.what, l: x.b.left, r: x.b.right, t: x.b.top, btm: x.b.bottom })),
      );
      const overlaps: string[] = [];
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) {
          const [a, b] = [texts[i]!, texts[j]!];
          if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.btm - 0.5 && b.t < a.btm - 0.5) overlaps.push(`${a.what} / ${b.what}`);
        }
      expect(overlaps).toEqual([]);
      // An arrow whose label had no room keeps it as a tooltip.
      const arrows = await page.$$eval(`${SVG} g.arrow`, (els) =>
        els.map((g) => ({ label: (g as SVGElement).ownerSVGElement?.querySelector(`text.label[data-number="${g.getAttribute('data-number')}"] tspan.flags`)?.textContent ?? '', title: g.querySelector('title')?.textContent ?? '' })),
      );
      expect(arrows.length).toBeGreaterThanOrEqual(5);
      for (const a of arrows) expect(a.label !== '' || a.title !== '').toBe(true);
      await shots.shot(page, `02-time-labels-${scheme}`);
    });
  });

  it('ICMP echo and ARP arrows say their real lengths', async () => {
    await inEachTheme('icmp-ping.pcap', 10, async (page, scheme) => {
      await selectRow(page, 0);
      await page.waitForSelector(`${SVG} g.arrow[data-number="1"]`);
      expect(await page.textContent(`${SVG} text.label[data-number="1"]`)).toMatch(/len 28\b/);
      await shots.shot(page, `03-arp-len-${scheme}`);
      await selectRow(page, 2);
      await page.waitForSelector(`${SVG} g.arrow.selected[data-number="3"]`);
      expect(await page.textContent(`${SVG} text.label[data-number="3"]`)).toMatch(/len 64\b/);
      expect(await page.textContent(`${SVG} text.label[data-number="4"]`)).toMatch(/len 64\b/);
      expect(await page.textContent(SVG)).not.toMatch(/len 0\b/);
      await shots.shot(page, `03-icmp-len-${scheme}`);
    });
  });

  it('a SYN nobody answers: the far side is unknown, not LISTEN', async () => {
    await inEachTheme('tcp-syn-retransmit-blackhole.pcap', 7, async (page, scheme) => {
      await selectRow(page, 2);
      await page.waitForSelector(`${SVG} g.arrow`);
      const s = await states(page);
      expect(side(s, 0)).toEqual(['SYN_SENT']);
      expect(side(s, 1)).toEqual(['unknown']);
      expect(await page.textContent('[data-testid="ladder-pane"]')).not.toMatch(/LISTEN/);
      await shots.shot(page, `04-blackhole-${scheme}`);
    });
  });

  it('simultaneous close: both sides FIN_WAIT_1 → CLOSING → TIME_WAIT (RFC 9293 3.3.2)', async () => {
    await inEachTheme('tcp-simultaneous-close.pcap', 13, async (page, scheme) => {
      await selectRow(page, 10);
      await page.waitForSelector(`${SVG} g.arrow`);
      const s = await states(page);
      expect(side(s, 0).slice(-3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
      expect(side(s, 1).slice(-3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
      expect(s).not.toContain('1:FIN_WAIT_2');
      await shots.shot(page, `05-simultaneous-close-${scheme}`);
    });
  });

  it('a DHCP packet opens its DORA ladder, the OFFER coming from the server', async () => {
    const file = 'dhcp-dora-dhclient.pcap';
    const ref = reference(file);
    const offer = ref.findIndex((l) => /BOOTP\/DHCP, Reply/.test(l));
    await inEachTheme(file, Math.min(ref.length, 12), async (page, scheme) => {
      await selectRow(page, offer);
      await page.waitForSelector(`${SVG} g.arrow.selected`);
      expect(await title(page)).toMatch(/^DHCP /);
      const labels = await page.$$eval(`${SVG} text.label .flags`, (els) => els.map((e) => e.textContent));
      expect(labels.slice(0, 4)).toEqual(['DHCPDISCOVER', 'DHCPOFFER', 'DHCPREQUEST', 'DHCPACK']);
      // The OFFER leaves the rail whose role is "server".
      const roles = await page.$$eval(`${SVG} .rail-role`, (els) => els.map((e) => ({ text: (e.textContent ?? '').toLowerCase(), x: Number(e.getAttribute('x')) })));
      const x1 = Number(await page.getAttribute(`${SVG} g.arrow.selected line.shaft`, 'x1'));
      const from = roles.filter((r) => !r.text.startsWith('no')).sort((a, b) => Math.abs(a.x - x1) - Math.abs(b.x - x1))[0]!;
      expect(from.text).toMatch(/server/);
      expect(roles.find((r) => /client/.test(r.text))).toBeTruthy();
      await shots.shot(page, `06-dhcp-${scheme}`);
    });
  });

  it("the DHCP ladder's Filter shows that transaction (dhcp.id == its xid), not every DHCP packet", async () => {
    const file = 'dhcp-dora-dhclient.pcap';
    const ref = reference(file);
    const { page, errors } = await open(path.join(SCEN, file), 'light');
    await loaded(page, Math.min(ref.length, 11));
    await selectRow(page, 0);
    await page.waitForSelector(`${SVG} g.arrow.selected`);
    await page.click('[data-testid="ladder-pane"] button[title="Show only this flow in the packet list"]');
    await page.waitForSelector('[data-testid="counts"]:has-text("Displayed: 4 ")');
    expect(await page.inputValue('[data-testid="display-filter"]')).toBe('dhcp.id == 0x532bd009');
    // Discover, Offer, Request, ACK; the Release (another transaction) is not shown.
    expect(await page.$$eval('[data-testid="packet-list"] [role="row"][data-index] .no', (els) => els.map((e) => e.textContent))).toEqual(['1', '6', '7', '8']);
    await shots.shot(page, '06-dhcp-filter');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a DNS packet opens its transaction's ladder; the Flows table lists each DNS conversation once, as DNS", async () => {
    const file = 'dns-queries.pcap';
    const ref = reference(file);
    const answer = ref.findIndex((l) => /\.53 > .*: \d+\*? /.test(l));
    await inEachTheme(file, 12, async (page, scheme) => {
      await selectRow(page, answer);
      await page.waitForSelector(`${SVG} g.arrow.selected`);
      expect(await title(page)).toMatch(/^DNS /);
      const labels = await page.$$eval(`${SVG} text.label .flags`, (els) => els.map((e) => e.textContent ?? ''));
      expect(labels[0]).toBe('query');
      expect(labels[1]).toMatch(/^response/);
      await shots.shot(page, `07-dns-ladder-${scheme}`);
      await page.click('[data-testid="tab-flows"]');
      await page.waitForSelector('[data-testid="flows-table"] [data-flow]');
      const rows = await page.$$eval('[data-testid="flows-table"] [data-flow]', (els) =>
        els.map((e) => [...e.querySelectorAll('.cell')].map((c) => (c.textContent ?? '').trim()).slice(1, 4).join(' ')),
      );
      const port53 = rows.filter((r) => /:53\b/.test(r));
      expect(port53.filter((r) => r.startsWith('UDP '))).toEqual([]);
      const pairs = port53.map((r) => r.split(' ').slice(1).join(' '));
      expect(new Set(pairs).size).toBe(pairs.length);
      expect(port53.filter((r) => r.startsWith('DNS ')).length).toBeGreaterThanOrEqual(9);
      await shots.shot(page, `07-dns-flows-${scheme}`);
    });
  });

  it("the ladder shows time as the list does, and labels its own base", async () => {
    await inEachTheme('tcp-handshake-data-client-close.pcap', 13, async (page, scheme) => {
      for (const format of ['since-first', 'epoch', 'time'] as const) {
        if (format !== 'since-first') {
          await page.click('[data-testid="open-preferences"]');
          await page.selectOption('[data-testid="pref-time"]', format);
          await page.keyboard.press('Escape');
        }
        await selectRow(page, 5);
        await page.waitForSelector(`${SVG} g.arrow.selected[data-number="6"]`);
        const listTime = (await page.textContent(`${LIST} [data-index="5"] .time`))!.trim();
        await expect.poll(async () => (await page.textContent(`${SVG} g.arrow[data-number="6"] .gutter-t`))?.trim()).toBe(listTime);
        // The header says which time the column shows (the list's format).
        expect(await page.textContent(`${SVG} [data-testid="ladder-time-base"]`)).toMatch(/./);
      }
      await shots.shot(page, `08-time-format-${scheme}`);
      // Time-proportional: the axis counts from the flow's first packet, and says so.
      await page.click('[data-testid="ladder-pane"] button:text-is("Time-proportional")');
      expect(await page.textContent(`${SVG} [data-testid="ladder-axis-base"]`)).toMatch(/flow/i);
      await shots.shot(page, `08-time-axis-${scheme}`);
    });
  });

  it('the selected arrow stands out clearly in both themes', async () => {
    await inEachTheme('tcp-handshake-data-client-close.pcap', 13, async (page, scheme) => {
      await selectRow(page, 5);
      await page.waitForSelector(`${SVG} g.arrow.selected`);
      const c = await page.$eval(`${SVG} g.arrow.selected rect.band`, (band) => {
        const s = getComputedStyle(band);
        return { stroke: s.stroke, width: parseFloat(s.strokeWidth), bg: getComputedStyle((band as SVGElement).ownerSVGElement!).backgroundColor };
      });
      // An outline with at least WCAG's 3:1 for non-text contrast against the ladder's background.
      expect(c.stroke).not.toBe('none');
      expect(c.width).toBeGreaterThanOrEqual(1);
      expect(contrastIn(c.stroke, c.bg)).toBeGreaterThanOrEqual(3);
      await shots.shot(page, `09-selected-${scheme}`);
    });
  });

  it('the ladder gets room by default and the split the user drags is kept', async () => {
    const s = await serve(path.join(SCEN, 'tcp-handshake-data-client-close.pcap'));
    const { page, errors } = await tab(s.url);
    await loaded(page, 13);
    await selectRow(page, 2);
    await page.waitForSelector(`${SVG} g.arrow`);
    const canvas = async (p: Page): Promise<number> => (await p.locator('[data-testid="ladder-pane"] .canvas').boundingBox())!.height;
    // 1440 × 900: the compact ladder shows seven arrows or more without scrolling (it showed five).
    expect(await canvas(page)).toBeGreaterThanOrEqual(360);
    await shots.shot(page, '10-split-default');
    const splitter = page.locator('.splitpanes--horizontal > .splitpanes__splitter').first();
    const b = (await splitter.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 120, { steps: 8 });
    await page.mouse.up();
    const dragged = await canvas(page);
    await page.waitForTimeout(500);
    await page.close();
    const again = await tab(s.url);
    await loaded(again.page, 13);
    await selectRow(again.page, 2);
    await again.page.waitForSelector(`${SVG} g.arrow`);
    expect(Math.abs((await canvas(again.page)) - dragged)).toBeLessThanOrEqual(6);
    await shots.shot(again.page, '10-split-kept');
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
    await again.page.close();
  });

  describe.skipIf(!canRecordBulkFlow())('a ~100k-packet flow recorded now on a namespace loopback (root)', () => {
    let dir = '';
    let file = '';
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'ackline-e2e-bulk-'));
      file = await recordBulkFlow(dir);
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('the ladder windows around the selected packet wherever it is in the flow, and the list has no blank band', async () => {
      await inEachTheme(file, 10, async (page, scheme) => {
        const total = Number(((await page.textContent('[data-testid="counts"]')) ?? '').match(/Packets: ([\d,]+)/)![1]!.replace(/,/g, ''));
        expect(total).toBeGreaterThan(90_000);
        await selectRow(page, 2);
        await page.waitForSelector(`${SVG} g.arrow`);
        for (const n of [Math.round(total * 0.6), Math.round(total * 0.6) + 7, Math.round(total * 0.25), total - 3]) {
          await goTo(page, n);
          await selectedArrowShown(page, n, 60_000);
          // Never empty rails: the arrows around the selected one are drawn.
          await expect.poll(() => page.locator(`${SVG} g.arrow`).count(), { message: `arrows around #${n} (${scheme})` }).toBeGreaterThan(5);
          await expect.poll(() => blankRows(page), { timeout: 10_000 }).toBe(0);
        }
        await shots.shot(page, `11-bulk-deep-${scheme}`);
        // Keys in the list: the ladder follows each step.
        await page.locator(LIST).focus();
        for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowUp');
        const sel = Number(await page.locator(`${LIST} [role="row"][aria-selected="true"] .no`).textContent());
        await selectedArrowShown(page, sel);
        // Time-proportional mode windows around the selection too.
        await page.click('[data-testid="ladder-pane"] button:text-is("Time-proportional")');
        const mid = Math.round(total * 0.45);
        await goTo(page, mid);
        await selectedArrowShown(page, mid, 60_000);
        await shots.shot(page, `11-bulk-time-${scheme}`);
      });
    });
  });
});
