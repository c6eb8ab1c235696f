// Wireshark's TCP tree in the detail pane, end to end through `ackline serve` in Chromium,
// light and dark: the relative numbers in the summary, no hidden port field, the flags with
// their summary, the options with their values, [Timestamps] and [SEQ/ACK analysis] with
// the ACKed frame, the RTT, the iRTT and the bytes in flight, as `tshark -2 -V` shows them.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveSuite } from './serve-suite.js';
import { e2eReady, LIST, SCEN } from './serve-tab.js';

const THEMES = ['light', 'dark'] as const;
const TREE = '[data-testid="detail-tree"]';

/** The tree row of `field` under an already visible row: the tree is virtual, so it scrolls until the row is drawn. */
async function row(page: Page, field: string, label?: RegExp): Promise<Locator> {
  const tree = page.locator(TREE);
  const sel = label ? page.locator(`${TREE} [data-field="${field}"]`).filter({ hasText: label }) : page.locator(`${TREE} [data-field="${field}"]`);
  for (let step = 0; step < 40; step++) {
    if ((await sel.count()) > 0) {
      await sel.first().scrollIntoViewIfNeeded();
      return sel.first();
    }
    await tree.evaluate((el) => (el.scrollTop += el.clientHeight / 2));
  }
  throw new Error(`no row ${field} ${label ?? ''} in the detail tree`);
}

async function expand(r: Locator): Promise<void> {
  if ((await r.getAttribute('aria-expanded')) === 'false') await r.locator('.twisty').dispatchEvent('mousedown');
  await expect.poll(() => r.getAttribute('aria-expanded')).toBe('true');
}

const labelOf = async (r: Locator): Promise<string> => ((await r.locator('.label').textContent()) ?? '').trim();

describe.skipIf(!e2eReady())("Wireshark's TCP tree in the detail pane (Chromium)", { timeout: 120_000 }, () => {
  const { shots, open } = serveSuite('e2e-tcp-tree');

  for (const scheme of THEMES) {
    it(`a data segment and a SYN-ACK show Wireshark's flags, options and [SEQ/ACK analysis] (${scheme})`, async () => {
      const { page, errors } = await open(path.join(SCEN, 'tcp-http-curl.pcap'), scheme, { viewport: { width: 1440, height: 1600 } });
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 12, LIST);

      // Frame 6: the GET, 84 bytes from the client.
      await page.click(`${LIST} [data-index="5"]`);
      const tcp = await row(page, 'tcp');
      expect(await labelOf(tcp)).toBe('Transmission Control Protocol, Src Port: 56368, Dst Port: 80, Seq: 1, Ack: 1, Len: 84');
      await expand(tcp);
      expect(await labelOf(await row(page, 'tcp.flags'))).toBe('Flags: 0x018 (PSH, ACK)');
      expect(await labelOf(await row(page, 'tcp.stream'))).toBe('[Stream index: 0]');
      expect(await labelOf(await row(page, 'tcp.completeness'))).toBe('[Conversation completeness: Complete, WITH_DATA (31)]');
      // Wireshark hides tcp.port: it is filterable, not shown.
      expect(await page.locator(`${TREE} [data-field="tcp.port"]`).count()).toBe(0);
      const options = await row(page, 'tcp.options');
      expect(await labelOf(options)).toBe('Options: (12 bytes), No-Operation (NOP), No-Operation (NOP), Timestamps');
      await expand(options);
      await expand(await row(page, 'tcp.options.timestamp'));
      expect(await labelOf(await row(page, 'tcp.options.timestamp.tsval'))).toBe('Timestamp value: 4189141736');
      const analysis = await row(page, 'tcp.analysis');
      expect(await labelOf(analysis)).toBe('[SEQ/ACK analysis]');
      await expand(analysis);
      expect(await labelOf(await row(page, 'tcp.analysis.initial_rtt'))).toBe('[iRTT: 0.000033000 seconds]');
      expect(await labelOf(await row(page, 'tcp.analysis.bytes_in_flight'))).toBe('[Bytes in flight: 84]');
      expect(await labelOf(await row(page, 'tcp.analysis.push_bytes_sent'))).toBe('[Bytes sent since last PSH flag: 84]');
      await analysis.scrollIntoViewIfNeeded();
      await shots.shot(page, `01-data-segment-${scheme}`);

      // Frame 4: the SYN-ACK, which acknowledges frame 3 and carries the handshake options.
      await page.click(`${LIST} [data-index="3"]`);
      expect(await labelOf(await row(page, 'tcp'))).toBe('Transmission Control Protocol, Src Port: 80, Dst Port: 56368, Seq: 0, Ack: 1, Len: 0');
      expect(await labelOf(await row(page, 'tcp.flags'))).toBe('Flags: 0x012 (SYN, ACK)');
      expect(await labelOf(await row(page, 'tcp.options'))).toBe('Options: (20 bytes), Maximum segment size, SACK permitted, Timestamps, No-Operation (NOP), Window scale');
      await expand(await row(page, 'tcp.options.mss'));
      expect(await labelOf(await row(page, 'tcp.options.mss_val'))).toBe('MSS Value: 1460');
      await expand(await row(page, 'tcp.options.wscale'));
      expect(await labelOf(await row(page, 'tcp.options.wscale.multiplier'))).toBe('[Multiplier: 1024]');
      await expand(await row(page, 'tcp.time'));
      expect(await labelOf(await row(page, 'tcp.time_relative'))).toBe('[Time since first frame in this TCP stream: 0.000018000 seconds]');
      const synAnalysis = await row(page, 'tcp.analysis');
      await expand(synAnalysis);
      expect(await labelOf(await row(page, 'tcp.analysis.acks_frame'))).toBe('[This is an ACK to the segment in frame: 3]');
      expect(await labelOf(await row(page, 'tcp.analysis.ack_rtt'))).toBe('[The RTT to ACK the segment was: 0.000018000 seconds]');
      // The SYN's expert item sits under its flag bit, coloured as a chat item.
      await expand(await row(page, 'tcp.flags'));
      const syn = await row(page, 'tcp.flags.syn');
      await expand(syn);
      const chat = await row(page, 'tcp.connection.synack');
      expect(await labelOf(chat)).toBe('[Expert Info (Chat/Sequence): Connection establish acknowledge (SYN+ACK): server port 80]');
      expect(await chat.getAttribute('class')).toContain('expert-chat');
      await syn.scrollIntoViewIfNeeded();
      await shots.shot(page, `02-syn-ack-${scheme}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
