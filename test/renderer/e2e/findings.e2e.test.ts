// The Findings pane through serve in Chromium, light and dark: an unanswered SYN with its
// back-off, a refused connection, a zero window and a DHCP exchange are told in plain
// language, grouped by connection, most severe first; a packet number selects the packet,
// Ladder shows the connection's ladder, Filter filters the list to it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { counts, e2eReady, LIST, SCEN } from './serve-tab.js';
import { serveSuite } from './serve-suite.js';

const THEMES = ['light', 'dark'] as const;
const PANE = '[data-testid="findings-pane"]';

async function findingsOf(page: Page): Promise<{ subject: string; severity: string; text: string }[]> {
  await page.locator('[data-testid="tab-findings"]').click();
  await page.waitForSelector(`${PANE} .finding, ${PANE} [data-testid="findings-none"]`);
  return page.$$eval(`${PANE} .group`, (groups) =>
    groups.flatMap((g) => [...g.querySelectorAll('.finding')].map((f) => ({ subject: g.getAttribute('data-subject') ?? '', severity: f.getAttribute('data-severity') ?? '', text: f.querySelector('.text')?.textContent ?? '' }))),
  );
}

describe.skipIf(!e2eReady())('Findings in serve (Chromium)', { timeout: 180_000 }, () => {
  const suite = serveSuite('e2e-findings');

  for (const scheme of THEMES) {
    it(`an unanswered SYN: its back-off, its packets, its ladder and its filter (${scheme})`, async () => {
      const { page, errors } = await suite.open(path.join(SCEN, 'tcp-syn-retransmit-blackhole.pcap'), scheme);
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index]`).length >= 5, LIST);
      expect(await findingsOf(page)).toEqual([
        { subject: '192.0.2.20:8081', severity: 'error', text: 'SYN to 192.0.2.20:8081 unanswered, retried at +1.03, +3.05, +7.08, +15.3 s: the doubling backoff of a host that is down or filtered' },
        { subject: 'stream 0: 192.0.2.10:57910 → 192.0.2.20:8081', severity: 'note', text: '4 retransmissions on stream 0 (5 packets in all)' },
      ]);
      expect(await page.locator('[data-testid="findings-counts"]').textContent()).toContain('1 error');
      await suite.shots.shot(page, `01-findings-unanswered-${scheme}`);
      // The fifth send of the SYN (frame 7).
      await page.locator(`${PANE} .finding.error [data-packet="7"]`).click();
      await page.waitForSelector(`${LIST} [role="row"][aria-selected="true"]`);
      expect(await page.locator(`${LIST} [role="row"][aria-selected="true"] .no`).textContent()).toBe('7');
      await page.locator(`${PANE} .finding.error [data-testid="finding-ladder"]`).click();
      await expect.poll(() => page.locator('[data-testid="tab-timeline"]').getAttribute('aria-selected')).toBe('true');
      await page.waitForSelector('text=192.0.2.20:8081');
      await page.locator('[data-testid="tab-findings"]').click();
      await page.locator(`${PANE} .finding.error [data-testid="finding-filter"]`).click();
      await expect.poll(() => page.inputValue('[data-testid="display-filter"]')).toBe('tcp.stream eq 0');
      await expect.poll(async () => (await counts(page)).displayed).toBe(5);
      expect(errors).toEqual([]);
    });
  }

  it('refused connections, a zero window and DHCP, each told in plain language (dark)', async () => {
    const cases: [string, { subject: string; severity: string; text: string }[]][] = [
      [
        'tcp-syn-closed-port-rst.pcap',
        [
          { subject: '192.0.2.20:81', severity: 'error', text: '1 connection to 192.0.2.20:81 was refused (RST to SYN): nothing listens on that port, or a firewall rejects it' },
          { subject: '[2001:db8:a::20]:81', severity: 'error', text: '1 connection to [2001:db8:a::20]:81 was refused (RST to SYN): nothing listens on that port, or a firewall rejects it' },
        ],
      ],
      ['tcp-zero-window.pcap', [{ subject: 'stream 0: 192.0.2.10:52430 → 192.0.2.20:47001', severity: 'warning', text: 'Zero window for 5.96 s on stream 0: 192.0.2.20:47001 could take no more data' }]],
      ['dhcp-dora-dhclient.pcap', [{ subject: 'DHCP 02:00:00:0a:00:10', severity: 'note', text: 'DHCP: OFFER after 3.00 s, ACK after 3.01 s, lease 3600 s (1 h)' }]],
      ['tcp-http-curl.pcap', []],
    ];
    for (const [file, want] of cases) {
      const { page, errors } = await suite.open(path.join(SCEN, file), 'dark');
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index]`).length >= 4, LIST);
      expect(await findingsOf(page)).toEqual(want);
      await suite.shots.shot(page, `02-findings-${file.replace('.pcap', '')}-dark`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
