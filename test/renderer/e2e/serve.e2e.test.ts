// End to end through `ackline serve` in Debian's Chromium: the real renderer bundle,
// the real session host and engine. Rows and Info lines are checked against tcpdump's
// own output; screenshots of every step are saved to the folder printed at the start.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, ROOT, screenshots } from '../support/browser.js';

const SCEN = '/work/shared/captures/scenarios';
const CLI = path.join(ROOT, 'electron/cli/ackline.mjs');
const ready = hasChromium() && existsSync(path.join(ROOT, 'out/cli/ackline.mjs')) && existsSync(SCEN);

/** tcpdump -n lines without their timestamps: what the Info column must say. */
function reference(name: string): string[] {
  return readFileSync(path.join(SCEN, `${name}.tcpdump.txt`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/^\S+ /, ''));
}

async function serve(file?: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...(file ? [file] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.once('line', resolve);
    proc.once('exit', (c) => reject(new Error(`serve exited with ${c}`)));
  });
  if (!/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(first)) throw new Error(`unexpected first line: ${first}`);
  return { url: first, proc };
}

async function infoColumn(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="packet-list"] [role="row"][data-index] .info', (els) => els.map((e) => e.textContent ?? ''));
}

describe.skipIf(!ready)('renderer through ackline serve (Chromium)', () => {
  let browser: Browser;
  const procs: ChildProcess[] = [];
  const shots = screenshots('e2e-serve');

  beforeAll(async () => {
    // The serve host serves out/renderer: build it from the sources under test.
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    for (const p of procs) p.kill();
  });

  async function open(file: string | undefined, scheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[] }> {
    const s = await serve(file);
    procs.push(s.proc);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // Our CSP is also sent as a header; the meta copy's frame-ancestors note is Chromium's, not ours.
      if (m.type() === 'error' && !/frame-ancestors|favicon|404/.test(m.text())) errors.push(m.text());
    });
    await page.goto(s.url);
    return { page, errors };
  }

  it('opens a handshake capture: every row and Info line as tcpdump prints it; the SYN-ACK tree, bytes and ladder', async () => {
    const name = 'tcp-handshake-data-client-close.pcap';
    const { page, errors } = await open(path.join(SCEN, name));
    const ref = reference(name);
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${ref.length}")`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= n, ref.length);
    expect(await infoColumn(page)).toEqual(ref);
    await shots.shot(page, '01-handshake-list');

    const synAck = ref.findIndex((l) => l.includes('Flags [S.]'));
    await page.click(`[data-index="${synAck}"]`);
    await page.waitForSelector('[data-testid="detail-tree"] [data-field="tcp"]');
    const tree = page.locator('[data-testid="detail-tree"]');
    await page.click('[data-testid="detail-tree"] [data-field="tcp"]');
    await tree.press('ArrowRight');
    await page.waitForSelector('[data-testid="detail-tree"] [data-field^="tcp.flags"]');
    await page.click('[data-testid="detail-tree"] [data-field="tcp.flags"]');
    const hi = await page.$$eval('[data-testid="hex-pane"] .b.hi', (els) => els.map((e) => Number(e.getAttribute('data-offset'))));
    expect(hi.length).toBeGreaterThan(0);
    expect(hi[0]).toBeGreaterThanOrEqual(14 + 20);
    // And back: a click on the first IP address byte selects ip.src.
    await page.click('[data-testid="hex-pane"] .b[data-offset="26"]');
    await page.waitForSelector('[data-testid="detail-tree"] [aria-selected="true"][data-field="ip.src"]');
    await shots.shot(page, '02-synack-tree-bytes');

    const ladder = page.locator('[data-testid="ladder-svg"]');
    await ladder.waitFor();
    const states = await page.$$eval('[data-testid="ladder-svg"] [data-state]', (els) => els.map((e) => `${e.getAttribute('data-side')}:${e.getAttribute('data-state')}`));
    for (const s of ['0:SYN_SENT', '0:ESTABLISHED', '0:FIN_WAIT_1', '0:TIME_WAIT', '1:SYN_RCVD', '1:CLOSE_WAIT', '1:LAST_ACK']) expect(states).toContain(s);
    expect(await page.textContent('[data-testid="ladder-irtt"]')).toMatch(/^iRTT \d+(\.\d+)? µs$/);
    expect(await page.locator(`g.arrow.selected`).getAttribute('data-number')).toBe(String(synAck + 1));
    await page.hover(`g.arrow[data-number="${synAck + 1}"] line.hit`);
    expect(await page.textContent('[data-testid="ladder-explain"]')).toMatch(/SYN/);
    await shots.shot(page, '03-ladder-explain');

    // Clicking an arrow selects its packet.
    await page.click('g.arrow[data-number="6"] line.hit');
    await page.waitForSelector('[data-index="5"][aria-selected="true"]');

    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the list (as tcpdump says) and exports the displayed packets', async (ctx) => {
    const name = 'tcp-handshake-data-client-close.pcap';
    const { page, errors } = await open(path.join(SCEN, name));
    const ref = reference(name);
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${ref.length}")`);
    await page.fill('[data-testid="display-filter"]', 'tcp.flags.syn == 1');
    await page.waitForSelector('[data-testid="display-filter"]:is(.valid, .invalid)');
    const unavailable = await page.locator('[data-testid="filter-error"]').textContent().catch(() => '');
    // Until the engine host wires display filters in, it says so; then this test runs in full.
    if (unavailable && /not available/.test(unavailable)) {
      await shots.shot(page, '04-filter-unavailable');
      await page.close();
      ctx.skip();
    }
    // Display filter: SYNs only, as tcpdump's lines say.
    await page.waitForSelector('[data-testid="display-filter"].valid');
    await page.press('[data-testid="display-filter"]', 'Enter');
    await page.waitForSelector(`[data-testid="counts"]:has-text("Displayed: 2 ")`);
    expect(await infoColumn(page)).toEqual(ref.filter((l) => /Flags \[S\.?\]/.test(l)));
    await page.fill('[data-testid="display-filter"]', 'tcp.flgs == 1');
    await page.waitForSelector('[data-testid="display-filter"].invalid');
    await shots.shot(page, '04-filter-invalid');

    // Export the displayed packets: the serve host offers a download.
    await page.fill('[data-testid="display-filter"]', 'tcp.flags.syn == 1');
    await page.press('[data-testid="display-filter"]', 'Enter');
    await page.keyboard.press('Control+Shift+X');
    await page.waitForSelector('[data-testid="export-run"]');
    await shots.shot(page, '05-export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-run"]')]);
    const saved = await download.path();
    expect(saved && readFileSync(saved).length).toBeGreaterThan(24);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('SYN retries: the ladder measures the back-off and says that it doubles (dark theme)', async () => {
    const name = 'tcp-syn-retransmit-blackhole.pcap';
    const { page, errors } = await open(path.join(SCEN, name), 'dark');
    const ref = reference(name);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= n, ref.length);
    expect(await infoColumn(page)).toEqual(ref);
    await page.click(`[data-index="${ref.findIndex((l) => l.includes('Flags [S]'))}"]`);
    await page.waitForSelector('[data-testid="ladder-backoff"]');
    expect(await page.textContent('[data-testid="ladder-backoff"]')).toMatch(/doubles each time/);
    expect(await page.locator('g.arrow.retx').count()).toBe(4);
    await shots.shot(page, '06-syn-retries-dark');
    await page.click('[data-testid="tab-flows"]');
    await page.waitForSelector('[data-testid="flows-table"] [data-flow]');
    expect(await page.textContent('[data-testid="flows-table"]')).toMatch(/unanswered/i);
    await shots.shot(page, '07-flows-dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('RST from a closed port and an ARP exchange get their ladders', async () => {
    for (const [name, file] of [
      ['08-rst-refused', 'tcp-syn-closed-port-rst.pcap'],
      ['09-arp', 'arp-request-reply.pcap'],
      ['10-dhcp', 'dhcp-dora-dhclient.pcap'],
    ] as const) {
      const { page, errors } = await open(path.join(SCEN, file));
      const ref = reference(file);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= n, ref.length);
      expect(await infoColumn(page)).toEqual(ref);
      await page.click('[data-index="0"]');
      await page.waitForSelector('[data-testid="ladder-svg"] g.arrow');
      await shots.shot(page, name);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('starts on the welcome screen with the bundled samples and opens one', async () => {
    const { page, errors } = await open(undefined);
    await page.waitForSelector('[data-testid="welcome"]');
    await shots.shot(page, '00-welcome');
    const samples = await page.$$eval('[data-sample]', (els) => els.map((e) => e.getAttribute('data-sample')));
    if (samples.length) {
      await page.click(`[data-sample="${samples[0]}"]`);
      await page.waitForSelector('[data-testid="packet-list"] [data-index="0"] .info');
      await shots.shot(page, '00-sample-opened');
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
