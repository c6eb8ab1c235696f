// End to end through `ackline serve` in Chromium: a gzip-compressed capture opens under its
// own name with every row tcpdump prints for the plain file, by path, through the file picker
// and dropped; plain .pcap/.pcapng picked files too; a file that is not a capture is refused
// with a message and what is open stays. Rows are read by scrolling the (virtual) list.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { serveSuite } from './serve-suite.js';
import { ctrlO, e2eReady, everyInfo, reference, SCEN } from './serve-tab.js';

describe.skipIf(!e2eReady())('gzip captures through ackline serve (Chromium)', { timeout: 120_000 }, () => {
  const { shots, open } = serveSuite('e2e-serve-gzip');
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-e2e-gz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function gzip(name: string): string {
    const out = path.join(dir, `${name}.gz`);
    writeFileSync(out, spawnSync('gzip', ['-c', path.join(SCEN, name)]).stdout);
    return out;
  }

  async function showsAll(page: Page, name: string): Promise<void> {
    const ref = reference(name.replace(/\.gz$/, '').replace(/\.pcapng$/, '.pcap'));
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${ref.length} ")`);
    expect(await everyInfo(page, ref.length)).toEqual(ref);
    expect(await page.textContent('[data-testid="status-bar"] .source')).toContain(name);
  }

  it('`ackline serve FILE.pcapng.gz` shows the capture under its name', async () => {
    const gz = gzip('tcp-http-curl.pcapng');
    const { page, errors } = await open(gz);
    await showsAll(page, 'tcp-http-curl.pcapng.gz');
    await page.waitForSelector('[data-testid="stop-loading"]', { state: 'detached' });
    await shots.shot(page, '01-served-gzip');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the file picker opens a .pcap.gz; a text file is then refused with a message and the capture stays', async () => {
    const { page, errors } = await open(undefined);
    await page.waitForSelector('[data-testid="welcome"]');
    const chooser = await ctrlO(page);
    expect(await chooser.element().getAttribute('accept')).toContain('.pcap.gz');
    await chooser.setFiles(gzip('icmp-ping.pcap'));
    // 18 packets: more rows than the list's pane holds under the default split.
    await showsAll(page, 'icmp-ping.pcap.gz');
    await shots.shot(page, '02-picked-gzip');
    const text = path.join(dir, 'notes.pcap');
    writeFileSync(text, 'these are my notes, not a capture\n');
    await (await ctrlO(page)).setFiles(text);
    await page.waitForSelector('.toast.error:has-text("notes.pcap: unknown file format")');
    expect(await page.textContent('.toast.error .text')).toMatch(/^notes\.pcap: unknown file format(; ".*" is still open)?$/);
    await shots.shot(page, '03-refused-kept');
    await showsAll(page, 'icmp-ping.pcap.gz');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the file picker opens plain .pcap and .pcapng files with every row', async () => {
    const { page, errors } = await open(undefined);
    await page.waitForSelector('[data-testid="welcome"]');
    for (const name of ['dns-queries.pcapng', 'icmp-ping.pcap']) {
      await (await ctrlO(page)).setFiles(path.join(SCEN, name));
      await showsAll(page, name);
      await shots.shot(page, `04-picked-${name}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a dropped .pcap.gz opens with every row', async () => {
    const { page, errors } = await open(undefined);
    await page.waitForSelector('[data-testid="welcome"]');
    const bytes = readFileSync(gzip('dns-queries.pcap')).toString('base64');
    const drop = await page.evaluateHandle((b64) => {
      const d = new DataTransfer();
      d.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dns-queries.pcap.gz', { type: 'application/gzip' }));
      return d;
    }, bytes);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: drop });
    await page.dispatchEvent('main', 'drop', { dataTransfer: drop });
    await showsAll(page, 'dns-queries.pcap.gz');
    await shots.shot(page, '05-dropped-gzip');
    expect(errors).toEqual([]);
    await page.close();
  });
});
