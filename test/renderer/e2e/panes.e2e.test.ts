// The packet list, the tree and the hex pane, end to end through `ackline serve` in
// Chromium, in the light and the dark theme: a payload byte selects its field, rows keep
// the colour of their first paint, dark rows stay readable and distinct, the column grips
// are easy to hit, and cut-off labels show their whole text as a tooltip.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveSuite } from './serve-suite.js';
import { e2eReady, LIST, SCEN } from './serve-tab.js';
import { contrastIn, effectiveColours, rgbDistance } from './page-colors.js';

const THEMES = ['light', 'dark'] as const;

describe.skipIf(!e2eReady())('the packet list, the tree and the hex pane (Chromium)', { timeout: 120_000 }, () => {
  const suite = serveSuite('e2e-panes');
  const { shots, open } = suite;

  const rows = (page: Page, n: number): Promise<unknown> =>
    page.waitForFunction(({ list, n }) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= n, { list: LIST, n });

  for (const scheme of THEMES) {
    it(`a click on a payload byte selects the TCP payload or the HTTP field, not "Frame" (${scheme})`, async () => {
      // Packet 6 of each: the client's first data segment, its payload from offset 14 + 20 + 32 = 66.
      for (const [file, want] of [
        ['tcp-handshake-data-client-close.pcap', /^tcp\.payload$/],
        ['tcp-http-curl.pcap', /^http/],
      ] as const) {
        const { page, errors } = await open(path.join(SCEN, file), scheme);
        await rows(page, 12);
        await page.click(`${LIST} [data-index="5"]`);
        await page.waitForSelector('[data-testid="detail-tree"] [data-field="tcp"]');
        await page.click('[data-testid="hex-pane"] .b[data-offset="70"]');
        const selected = page.locator('[data-testid="detail-tree"] [aria-selected="true"]');
        await expect.poll(() => selected.getAttribute('data-field')).toMatch(want);
        // The selected field is in view in the tree, however long the header before it.
        await expect
          .poll(() =>
            selected.evaluate((el) => {
              const tree = el.closest('[data-testid="detail-tree"]')!.getBoundingClientRect();
              const r = el.getBoundingClientRect();
              return r.top >= tree.top - 1 && r.bottom <= tree.bottom + 1;
            }),
          )
          .toBe(true);
        const hi = await page.$$eval('[data-testid="hex-pane"] .b.hi', (els) => els.map((e) => Number(e.getAttribute('data-offset'))));
        expect(hi).toContain(70);
        expect(Math.min(...hi)).toBeGreaterThanOrEqual(66);
        // The ASCII side does the same.
        await page.click('[data-testid="detail-tree"] [data-field="eth"]');
        await page.click('[data-testid="hex-pane"] .a[data-offset="67"]');
        await expect.poll(() => selected.getAttribute('data-field')).toMatch(want);
        await shots.shot(page, `01-payload-byte-${file.replace('.pcap', '')}-${scheme}`);
        expect(errors).toEqual([]);
        await page.close();
      }
    });
  }

  it('rows keep the colour of their first paint, even when the preferences arrive late', async () => {
    const s = await suite.serve(path.join(SCEN, 'tcp-http-curl.pcap'));
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    // Every background each row has been painted with while it showed a packet.
    await page.addInitScript(() => {
      const seen: Record<string, string[]> = {};
      (window as unknown as { rowPaints: Record<string, string[]> }).rowPaints = seen;
      const note = (el: Element): void => {
        if (!(el instanceof HTMLElement) || el.getAttribute('role') !== 'row' || !el.dataset.index || !el.querySelector('.info')) return;
        const list = (seen[el.dataset.index] ??= []);
        const bg = el.style.background;
        if (list.at(-1) !== bg) list.push(bg);
      };
      new MutationObserver((ms) => {
        for (const m of ms) {
          note(m.target as Element);
          for (const n of m.addedNodes) if (n instanceof HTMLElement) [n, ...n.querySelectorAll('[role="row"]')].forEach(note);
          if (m.target instanceof HTMLElement) m.target.closest('[role="row"]') && note(m.target.closest('[role="row"]')!);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'], characterData: true });
    });
    // The host answers the preferences a second and a half late (a busy host, a slow link).
    await page.routeWebSocket(/\/ws/, (ws) => {
      const server = ws.connectToServer();
      let prefsCall = -1;
      ws.onMessage((m) => {
        if (typeof m === 'string' && m.includes('"getPreferences"')) prefsCall = (JSON.parse(m) as { m: { id: number } }).m.id;
        server.send(m);
      });
      server.onMessage((m) => {
        const late = typeof m === 'string' && prefsCall >= 0 && m.includes('"t":"res"') && (JSON.parse(m) as { c: string; m: { id: number } }).c === 'session' && (JSON.parse(m) as { m: { id: number } }).m.id === prefsCall;
        if (late) setTimeout(() => ws.send(m), 1500);
        else ws.send(m);
      });
    });
    await page.goto(s.url);
    await rows(page, 12);
    await page.waitForTimeout(2500);
    const paints = await page.evaluate(() => (window as unknown as { rowPaints: Record<string, string[]> }).rowPaints);
    expect(Object.keys(paints).length).toBeGreaterThanOrEqual(12);
    const changed = Object.entries(paints).filter(([, bgs]) => bgs.length !== 1);
    expect(changed, 'rows painted with more than one colour').toEqual([]);
    // And the colours are the rules': ARP and HTTP (port 80) rows differ.
    expect(new Set(Object.values(paints).map((b) => b[0])).size).toBeGreaterThanOrEqual(2);
    await shots.shot(page, '02-first-paint-colours');
    await page.close();
  });

  it('dark theme: coloured rows keep 3:1 for their text and stand out from the window and from each other', async () => {
    for (const file of ['tcp-http-curl.pcap', 'dns-queries.pcap', 'icmp-router-errors.pcap']) {
      const { page, errors } = await open(path.join(SCEN, file), 'dark');
      await rows(page, 10);
      await page.click('[data-testid="display-filter"]');
      const colours = await page.$$eval(`${LIST} [role="row"][data-index]`, (els) =>
        els.filter((e) => e.getAttribute('style')).map((e) => ({ bg: getComputedStyle(e).backgroundColor, fg: getComputedStyle(e).color, window: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color })),
      );
      expect(colours.length, file).toBeGreaterThan(0);
      for (const c of colours) {
        expect(contrastIn(c.fg, c.bg), `${file}: text ${c.fg} on ${c.bg}`).toBeGreaterThanOrEqual(3);
        // The window is #1e1f22: a row with a colour of its own must show it. (Bad TCP and
        // ICMP errors are Wireshark's near-black rows told apart by their red / green text.)
        if (c.bg !== c.window && c.fg === c.text) expect(rgbDistance(c.bg, c.window), `${file}: ${c.bg} against the window`).toBeGreaterThanOrEqual(50);
      }
      const distinct = [...new Set(colours.map((c) => c.bg))];
      for (let i = 0; i < distinct.length; i++) for (let j = i + 1; j < distinct.length; j++) expect(rgbDistance(distinct[i]!, distinct[j]!), `${distinct[i]} vs ${distinct[j]}`).toBeGreaterThanOrEqual(15);
      await shots.shot(page, `03-dark-rows-${file.replace('.pcap', '')}`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  for (const scheme of THEMES) {
    it(`badges and tags keep 3:1 in the flows table, the ladder and the welcome screen (${scheme})`, async () => {
      const { page, errors } = await open(path.join(SCEN, 'tcp-syn-closed-port-rst.pcap'), scheme);
      await rows(page, 5);
      await page.click(`${LIST} [data-index="0"]`);
      await page.waitForSelector('[data-testid="ladder-svg"] g.arrow');
      await page.click('[data-testid="tab-flows"]');
      await page.waitForSelector('[data-testid="flows-table"] .badge');
      const flows = await page.$$eval('.badge', effectiveColours);
      await shots.shot(page, `04-badges-flows-${scheme}`);
      // The welcome screen's interface tags (down, loopback …).
      await page.keyboard.press('Control+W');
      await page.waitForSelector('[data-testid="welcome"] [data-testid="interfaces"] .tag');
      const tags = await page.$$eval('[data-testid="interfaces"] .tag', effectiveColours);
      await shots.shot(page, `04-badges-welcome-${scheme}`);
      expect(flows.length + tags.length).toBeGreaterThan(2);
      for (const b of [...flows, ...tags]) expect(contrastIn(b.fg, b.bg), `${b.text}: ${b.fg} on ${b.bg}`).toBeGreaterThanOrEqual(3);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const scheme of THEMES) {
    it(`column grips are 8 px or more to hit; cut-off cells and labels show their text as a tooltip (${scheme})`, async () => {
      const { page, errors } = await open(path.join(SCEN, 'tcp-http-curl-ipv6.pcap'), scheme);
      await rows(page, 10);
      const edge = async (col: string): Promise<{ x: number; y: number }> => {
        const r = (await page.locator(`.header [role="columnheader"].${col}`).boundingBox())!;
        return { x: r.x + r.width, y: r.y + r.height / 2 };
      };
      // Every pixel from 4 px left of the Source/Destination edge to 3 px right of it grabs the grip.
      const e = await edge('src');
      const hits = await page.evaluate(({ x, y }) => [-4, -3, -2, -1, 0, 1, 2, 3].map((dx) => (document.elementFromPoint(x + dx, y) as HTMLElement | null)?.className ?? ''), e);
      expect(hits.every((c) => c.includes('grip')), hits.join(' | ')).toBe(true);
      // A drag from 3 px past the edge makes the column narrower.
      const before = (await page.locator('.header [role="columnheader"].src').boundingBox())!.width;
      await page.mouse.move(e.x + 3, e.y);
      await page.mouse.down();
      await page.mouse.move(e.x - 60, e.y, { steps: 6 });
      await page.mouse.up();
      const after = (await page.locator('.header [role="columnheader"].src').boundingBox())!.width;
      expect(before - after).toBeGreaterThan(50);
      // The IPv6 source no longer fits: its cell shows the whole address on hover.
      const cell = page.locator(`${LIST} [data-index="0"] .src`);
      const full = (await cell.textContent())!.trim();
      expect(await cell.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await cell.hover();
      await expect.poll(() => cell.getAttribute('title')).toBe(full);
      // A cell that fits has no tooltip; a cut-off column title has one.
      const no = page.locator(`${LIST} [data-index="0"] .no`);
      await no.hover();
      expect(await no.getAttribute('title')).toBeNull();
      const d = await edge('dst');
      await page.mouse.move(d.x, d.y);
      await page.mouse.down();
      await page.mouse.move(d.x - 140, d.y, { steps: 6 });
      await page.mouse.up();
      const title = page.locator('.header [role="columnheader"].dst .title');
      await title.hover();
      await expect.poll(() => title.getAttribute('title')).toBe('Destination');
      // A long tree label in a narrow pane: the tree shows its whole text too.
      await page.click(`${LIST} [data-index="0"]`);
      const label = page.locator('[data-testid="detail-tree"] [data-field="ipv6"] .label');
      await label.waitFor();
      if (await label.evaluate((el) => el.scrollWidth > el.clientWidth)) {
        await label.hover();
        await expect.poll(() => label.getAttribute('title')).toBe((await label.textContent())!.trim());
      }
      await shots.shot(page, `05-columns-tooltips-${scheme}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
