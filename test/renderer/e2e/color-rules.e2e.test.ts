// End to end through `ackline serve` in Chromium: the colouring rules are display filters the
// engine evaluates. A rule edited in Preferences recolours the rows (and the next page load
// colours them so from its first paint: the rules are the user's preferences); a rule that
// does not compile shows the engine's error and where, and OK keeps the dialog open.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eReady, everyInfo, reference, SCEN } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';

describe.skipIf(!e2eReady())('colouring rules through ackline serve (Chromium)', { timeout: 120_000 }, () => {
  const suite = serveSuite('e2e-color-rules');
  const { shots } = suite;
  const NAME = 'tcp-handshake-data-client-close.pcap';
  const ARP_BG = 'rgb(250, 240, 215)'; // #faf0d7, Wireshark's ARP rule


  const backgrounds = (page: Page): Promise<string[]> =>
    page.$$eval('[data-testid="packet-list"] [role="row"][data-index]', (els) =>
      els.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'))).map((e) => getComputedStyle(e).backgroundColor),
    );

  /** The rule editor's filter box of the rule named `name`. */
  async function ruleFilter(page: Page, name: string): Promise<ReturnType<Page['locator']>> {
    const names = await page.$$eval('[data-testid="color-rules"] .rule input.name', (els) => els.map((e) => (e as HTMLInputElement).value));
    const i = names.indexOf(name);
    expect(i, `rule ${name} in ${names.join(', ')}`).toBeGreaterThanOrEqual(0);
    return page.locator(`[data-testid="color-rules"] .rule[data-rule="${i}"] [data-testid="rule-filter"]`);
  }

  it('an edited rule recolours the rows, also after a reload; a broken rule shows its error and is not saved', async () => {
    const s = await suite.serve(path.join(SCEN, NAME));
    const ref = reference(NAME);
    const data = ref.map((l, i) => (/length [1-9]/.test(l) && l.includes('Flags [P.]') ? i : -1)).filter((i) => i >= 0);
    expect(data.length).toBeGreaterThan(0);
    const { page, errors } = await suite.tab(s.url);
    expect(await everyInfo(page, ref.length)).toEqual(ref);
    const before = await backgrounds(page);
    expect(before[0]).toBe(ARP_BG);
    for (const i of data) expect(before[i]).not.toBe(ARP_BG);

    // The ARP rule now colours TCP segments with data, and no longer ARP.
    await page.click('[data-testid="open-preferences"]');
    const arp = await ruleFilter(page, 'ARP');
    await arp.fill('tcp.len > 0');
    await shots.shot(page, '01-rule-edited');
    await page.click('[role="dialog"] button.primary');
    await page.waitForSelector('[data-testid="color-rules"]', { state: 'detached' });
    await expect.poll(async () => (await backgrounds(page))[data[0]!], { timeout: 20_000 }).toBe(ARP_BG);
    const after = await backgrounds(page);
    for (const i of data) expect(after[i], `row ${i + 1}`).toBe(ARP_BG);
    expect(after[1]).not.toBe(ARP_BG); // the ARP reply: no rule of the list matches it now
    await shots.shot(page, '02-rows-recoloured');

    // A new page of the same server: the rules are the user's preferences, painted from the first rows.
    const again = await suite.tab(s.url);
    expect(await everyInfo(again.page, ref.length)).toEqual(ref);
    expect(await backgrounds(again.page)).toEqual(after);
    expect(again.errors).toEqual([]);
    await again.page.close();

    // A rule that does not compile: red, the engine's message and column; OK does not save it.
    await page.click('[data-testid="open-preferences"]');
    const tcp = await ruleFilter(page, 'TCP');
    await tcp.fill('tcp.flgs == 1 || tcp');
    await page.waitForSelector('[data-testid="rule-error"]');
    expect((await page.textContent('[data-testid="rule-error"]'))?.trim()).toBe('col 1 `tcp.flgs` is not a field; did you mean `tcp.flags`?');
    expect(await tcp.getAttribute('class')).toContain('invalid');
    await page.click('[role="dialog"] button.primary');
    await page.waitForSelector('[data-testid="rules-blocked"]');
    expect(await page.locator('[data-testid="color-rules"]').count()).toBe(1);
    await shots.shot(page, '03-broken-rule');
    // An error further in is placed where it is.
    await tcp.fill('tcp && tcp.prot == 80');
    await expect.poll(async () => (await page.textContent('[data-testid="rule-error"]'))?.trim()).toBe('col 8 `tcp.prot` is not a field; did you mean `tcp.port`?');
    await page.click('[role="dialog"] button:has-text("Cancel")');
    await page.waitForSelector('[data-testid="color-rules"]', { state: 'detached' });
    expect(await backgrounds(page)).toEqual(after);
    expect(errors).toEqual([]);
    await page.close();
  });
});
