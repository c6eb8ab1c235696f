// The detail tree of a DNS and a DHCP packet, end to end through `ackline serve` in Chromium
// (light and dark): the app shows Wireshark's nodes, as `tshark -V` prints them (the flags
// as bit patterns, the query's generated name length and label count, TTLs as times, the
// DHCP message type on the protocol item and the lease times), and no hidden field.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveSuite } from './serve-suite.js';
import { e2eReady, LIST, SCEN } from './serve-tab.js';

const THEMES = ['light', 'dark'] as const;
const TREE = '[data-testid="detail-tree"]';

/**
 * Selects list row `index`, opens every node of the tree (each collapsed twisty, scrolling
 * through the virtual list) and returns every label seen.
 */
async function expandedLabels(page: Page, index: number, field: string): Promise<string[]> {
  await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 6, LIST);
  await page.click(`${LIST} [data-index="${index}"]`);
  await page.waitForSelector(`${TREE} [data-field="${field}"]`);
  const seen = new Set<string>();
  await page.$eval(TREE, (el) => (el.scrollTop = 0));
  for (let step = 0; step < 400; step++) {
    const closed = page.locator(`${TREE} [role="treeitem"][aria-expanded="false"] .twisty`);
    if ((await closed.count()) > 0) {
      await closed.first().dispatchEvent('mousedown');
      continue;
    }
    for (const l of await page.$$eval(`${TREE} [role="treeitem"] .label`, (els) => els.map((e) => (e.textContent ?? '').trim()))) seen.add(l);
    const atEnd = await page.$eval(TREE, (el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight / 2;
      return end;
    });
    if (atEnd) break;
    await page.waitForTimeout(50);
  }
  return [...seen];
}

describe.skipIf(!e2eReady())("the detail tree is Wireshark's (Chromium)", { timeout: 120_000 }, () => {
  const { shots, open } = serveSuite('e2e-detail-tree');

  for (const scheme of THEMES) {
    it(`a DNS response shows Wireshark's nodes (${scheme})`, async () => {
      const { page, errors } = await open(path.join(SCEN, 'dns-queries.pcap'), scheme);
      // Frame 4: the answer to frame 3's A query.
      const labels = await expandedLabels(page, 3, 'dns');
      expect(labels).toContain('Domain Name System (response)');
      expect(labels).toContain('Flags: 0x8580 Standard query response, No error');
      expect(labels).toContain('1... .... .... .... = Response: Message is a response');
      expect(labels).toContain('.... .... ..0. .... = Answer authenticated: Answer/authority portion was not authenticated by the server');
      expect(labels).toContain('.... .... .... 0000 = Reply code: No error (0)');
      expect(labels).toContain('[Name Length: 16]');
      expect(labels).toContain('[Label Count: 3]');
      expect(labels).toContain('Type: A (Host Address) (1)');
      expect(labels).toContain('Time to live: 0 (0 seconds)');
      expect(labels).toContain('Z: 0x0000');
      expect(labels).toContain('0... .... .... .... = DO bit: Cannot handle DNSSEC security RRs');
      // IPv4's and UDP's hidden fields are not shown.
      expect(labels.filter((l) => l.startsWith('Source or Destination'))).toEqual([]);
      await shots.shot(page, `01-dns-response-${scheme}`);
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`a DHCP offer shows Wireshark's nodes (${scheme})`, async () => {
      const { page, errors } = await open(path.join(SCEN, 'dhcp-dora-udhcpc.pcap'), scheme);
      // Frame 7: the server's first Offer.
      const labels = await expandedLabels(page, 6, 'dhcp');
      expect(labels).toContain('Dynamic Host Configuration Protocol (Offer)');
      expect(labels).toContain('.000 0000 0000 0000 = Reserved flags: 0x0000');
      expect(labels).toContain('Client hardware address padding: 00000000000000000000');
      expect(labels).toContain('Option: (54) DHCP Server Identifier (192.0.2.20)');
      expect(labels).toContain('IP Address Lease Time: (3600s) 1 hour');
      expect(labels).toContain('Renewal Time Value: (1800s) 30 minutes');
      await shots.shot(page, `02-dhcp-offer-${scheme}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
