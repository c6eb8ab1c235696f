// The packet list's Info preference and header sorting through `ackline serve` in Chromium:
// the Info header switches to Wireshark's text (checked against tshark's _ws.col.Info) and
// back, the choice is kept across a reload; a header click sorts ascending, again
// descending, a third time back to packet order, with an indicator; light and dark.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveSuite } from './serve-suite.js';
import { e2eReady, infoColumn, LIST, reference, SCEN } from './serve-tab.js';

const NAME = 'tcp-data-retransmit-rto.pcap';

/** tshark's _ws.col.Protocol and _ws.col.Info (the last two columns of F.tshark.tsv). */
function tshark(name: string): { protocol: string; info: string }[] {
  return readFileSync(path.join(SCEN, `${name}.tshark.tsv`), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split('\t'))
    .map((c) => ({ protocol: c.at(-2)!, info: c.at(-1)! }));
}

const column = (page: Page, cls: string): Promise<string[]> => page.$$eval(`${LIST} [role="row"][data-index] .${cls}`, (els) => els.map((e) => e.textContent ?? ''));
const rowsShown = (page: Page, n: number) => page.waitForFunction((k) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= k, n);

describe.skipIf(!e2eReady())('packet list columns: Info text and sorting (Chromium)', { timeout: 120_000 }, () => {
  const { shots, serve, tab } = serveSuite('e2e-packet-columns');

  it.each(['light', 'dark'] as const)('switches Info to Wireshark’s text and back, kept across a reload, and sorts by a header (%s)', async (scheme) => {
    const server = await serve(path.join(SCEN, NAME));
    const { page, errors } = await tab(server.url, scheme);
    const ref = reference(NAME);
    const ws = tshark(NAME);
    await page.setViewportSize({ width: 1400, height: 1700 });
    await rowsShown(page, ref.length);
    expect(await infoColumn(page)).toEqual(ref.slice(0, (await infoColumn(page)).length));
    const toggle = page.locator('[data-testid="info-mode"]');
    expect(await toggle.textContent()).toContain('tcpdump');

    await toggle.click();
    await page.waitForFunction((first) => document.querySelector('[data-testid="packet-list"] [role="row"][data-index="0"] .info')?.textContent === first, ws[0]!.info);
    await page.waitForFunction((last) => [...document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info')].some((e) => e.textContent === last), ws.at(-1)!.info);
    const shown = (await infoColumn(page)).length;
    expect(shown).toBe(ws.length);
    expect(await infoColumn(page)).toEqual(ws.map((c) => c.info));
    expect(await column(page, 'proto')).toEqual(ws.map((c) => c.protocol));
    expect(await toggle.textContent()).toContain('Wireshark');
    expect((await infoColumn(page)).some((i) => i.startsWith('[TCP Retransmission]') || i.startsWith('[TCP Dup ACK'))).toBe(true);
    await shots.shot(page, `${scheme}-01-wireshark-info`);

    // Kept in the preferences: a new tab shows Wireshark's text from the start.
    await page.reload();
    await rowsShown(page, ws.length);
    await page.waitForFunction((first) => document.querySelector('[data-testid="packet-list"] [role="row"][data-index="0"] .info')?.textContent === first, ws[0]!.info);

    // Sort by Length: ascending, then descending (ties in packet order), then packet order.
    const numbers = async () => (await column(page, 'no')).map(Number);
    const lengths = ws.map((_, i) => i); // packet indices
    const len = (await column(page, 'len')).map(Number);
    const header = page.locator('[data-sort="length"]');
    await header.click();
    await page.waitForFunction(() => document.querySelector('[data-sort="length"]')?.getAttribute('aria-sort') === 'ascending');
    const asc = [...lengths].sort((a, b) => len[a]! - len[b]! || a - b).map((i) => i + 1);
    await page.waitForFunction((first) => document.querySelector('[data-testid="packet-list"] [role="row"][data-index="0"] .no')?.textContent === String(first), asc[0]);
    expect(await numbers()).toEqual(asc);
    expect(await page.textContent('[data-sort-mark="length"]')).toBe('▲');
    await header.click();
    await page.waitForFunction(() => document.querySelector('[data-sort="length"]')?.getAttribute('aria-sort') === 'descending');
    const desc = [...lengths].sort((a, b) => len[b]! - len[a]! || a - b).map((i) => i + 1);
    await page.waitForFunction((first) => document.querySelector('[data-testid="packet-list"] [role="row"][data-index="0"] .no')?.textContent === String(first), desc[0]);
    expect(await numbers()).toEqual(desc);
    await shots.shot(page, `${scheme}-02-sorted-by-length-descending`);
    await header.click();
    await page.waitForFunction(() => document.querySelector('[data-sort="length"]')?.getAttribute('aria-sort') === 'none');
    await page.waitForFunction(() => document.querySelector('[data-testid="packet-list"] [role="row"][data-index="0"] .no')?.textContent === '1');
    expect(await numbers()).toEqual(lengths.map((i) => i + 1));

    // Info as text, the Wireshark text on screen; the selected packet stays selected where it went.
    await page.click('[data-index="2"]');
    await page.locator('[data-sort="info"]').click();
    const byInfo = ws.map((c, i) => ({ info: c.info, n: i + 1 })).sort((a, b) => (a.info < b.info ? -1 : a.info > b.info ? 1 : a.n - b.n));
    await page.waitForFunction((first) => document.querySelector('[data-testid="packet-list"] [role="row"][data-index="0"] .no')?.textContent === String(first), byInfo[0]!.n);
    expect(await infoColumn(page)).toEqual(byInfo.map((r) => r.info));
    const selected = await page.$eval(`${LIST} [role="row"][aria-selected="true"] .no`, (e) => e.textContent);
    expect(selected).toBe('3');
    await shots.shot(page, `${scheme}-03-sorted-by-info`);

    // Back to tcpdump's line from the Preferences dialog: sorted by Info again, as tcpdump's text.
    await page.click('[data-testid="open-preferences"]');
    expect(await page.inputValue('[data-testid="pref-info"]')).toBe('wireshark');
    await page.selectOption('[data-testid="pref-info"]', 'tcpdump');
    await shots.shot(page, `${scheme}-04-preferences-info-column`);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('[data-testid="info-mode"]')?.textContent?.includes('tcpdump'));
    const tcpdumpSorted = [...ref].sort();
    await page.waitForFunction((first) => document.querySelector('[data-testid="packet-list"] [role="row"][data-index="0"] .info')?.textContent === first, tcpdumpSorted[0]);
    expect(await infoColumn(page)).toEqual(tcpdumpSorted);
    expect(errors).toEqual([]);
  });
});
