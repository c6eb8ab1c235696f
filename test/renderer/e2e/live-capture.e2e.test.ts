// End to end, for real (root only): through `ackline serve` in Chromium, the capture options
// dialog starts a capture on lo with a port filter while this test holds a TCP conversation
// with itself on 127.0.0.1 (no other address is ever a target) and tcpdump captures the
// same port beside us. The rows and the ladder of that connection grow while it talks;
// after Stop the status bar's counters match what tcpdump saw, and so does every Info line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../../serve/serve-process.js';
import { LoopbackEcho } from './loopback-echo.js';
import { serveSuite } from './serve-suite.js';
import { counts, e2eReady, infoColumn, LIST } from './serve-tab.js';

const root = process.getuid?.() === 0;
const haveTcpdump = spawnSync('sh', ['-c', 'command -v tcpdump']).status === 0;
const ready = e2eReady() && root && process.platform === 'linux' && haveTcpdump;

function tcpdumpOn(filter: string, file: string): Promise<ChildProcess> {
  const td = spawn('tcpdump', ['-i', 'lo', '--immediate-mode', '-U', '-w', file, filter], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`tcpdump did not start: ${buf}`)), 30_000);
    td.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (/listening on/.test(buf)) {
        clearTimeout(t);
        resolve(td);
      }
    });
  });
}

const rowCount = (page: Page): Promise<number> => page.$$eval(`${LIST} [role="row"][data-index] .info`, (els) => els.length);

describe.skipIf(!ready)('live capture on lo through ackline serve (Chromium, root)', () => {
  const suite = serveSuite('e2e-live-capture');
  const { shots } = suite;
  let served: ServeProcess;
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-e2e-live-'));
  beforeAll(async () => {
    served = await suite.serve();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('capture options → lo with a port filter → rows and the ladder grow live → Stop: counters and lines as tcpdump saw them', async () => {
    const talk = await LoopbackEcho.listen();
    const ref = path.join(dir, 'ref.pcap');
    let td: ChildProcess | undefined;
    let sessionFile: string | undefined;
    const { page, errors } = await suite.tab(served.url);
    try {
      // Capture → Options: choose lo, type a capture filter for our port (checked as typed), Start.
      await page.waitForSelector('[data-testid="welcome"]');
      await page.keyboard.press('Control+K');
      const dialog = page.locator('[role="dialog"][aria-label="Capture Options"]');
      await dialog.waitFor();
      await dialog.locator('[data-testid="interfaces"] [role="option"]', { has: page.locator('strong', { hasText: /^lo$/ }) }).dispatchEvent('mousedown');
      await dialog.locator('[data-testid="interfaces"] [role="option"][aria-selected="true"]', { has: page.locator('strong', { hasText: /^lo$/ }) }).waitFor();
      const filter = `tcp port ${talk.port}`;
      await dialog.locator('[data-testid="capture-filter"]').fill('tcp port');
      await dialog.locator('[data-testid="capture-filter"].invalid').waitFor();
      await dialog.locator('[data-testid="capture-filter"]').fill(filter);
      await dialog.locator('[data-testid="capture-filter"].valid').waitFor();
      await shots.shot(page, '01-capture-options');
      td = await tcpdumpOn(filter, ref);
      await dialog.locator('[data-testid="capture-start"]').click();
      await page.waitForSelector('[data-testid="status-bar"] :text("Capturing from lo")');
      await dialog.waitFor({ state: 'detached' });

      // The handshake and a first exchange: rows appear while capturing.
      await talk.connect();
      await talk.say('hello');
      await page.waitForFunction((list) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= 5, LIST);
      expect((await infoColumn(page))[0]).toMatch(new RegExp(`^IP 127\\.0\\.0\\.1\\.\\d+ > 127\\.0\\.0\\.1\\.${talk.port}: Flags \\[S\\]`));
      await shots.shot(page, '02-rows-live');

      // Select the SYN: its connection's ladder, with both sides' states and the iRTT.
      await page.locator(`${LIST} [data-index="0"]`).dispatchEvent('mousedown');
      await page.waitForSelector('[data-testid="ladder-svg"] g.arrow');
      const states = async (): Promise<string[]> =>
        page.$$eval('[data-testid="ladder-svg"] [data-state]', (els) => els.map((e) => `${e.getAttribute('data-side')}:${e.getAttribute('data-state')}`));
      await expect.poll(states, { timeout: 30_000 }).toEqual(expect.arrayContaining(['0:SYN_SENT', '0:ESTABLISHED', '1:SYN_RCVD', '1:ESTABLISHED']));
      expect(await page.textContent('[data-testid="ladder-irtt"]')).toMatch(/^iRTT \d+(\.\d+)? µs$/);
      const before = await rowCount(page);

      // More talk, then the close: the list and the ladder grow without selecting anything.
      for (const line of ['one', 'two', 'three']) await talk.say(line);
      await talk.close();
      await expect.poll(states, { timeout: 30_000 }).toEqual(expect.arrayContaining(['0:FIN_WAIT_1', '0:TIME_WAIT', '1:LAST_ACK', '1:CLOSED']));
      await page.waitForFunction(({ list, n }) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length > n, { list: LIST, n: before });
      // The newest packet's arrow is there: the ladder grew live (End selects it and brings it into view).
      await page.locator(LIST).focus();
      await page.keyboard.press('End');
      const last = await page.locator(`${LIST} [role="row"][aria-selected="true"] .no`).textContent();
      await page.waitForSelector(`[data-testid="ladder-svg"] g.arrow.selected[data-number="${last}"]`);
      // The ladder's header follows the connection too: it was open, now it is complete.
      await page.waitForSelector('[data-testid="ladder-pane"] .bar .badge[title="complete"]');
      await shots.shot(page, '03-ladder-live');

      // Stop: the status bar's counters against tcpdump's capture of the same port.
      await page.click('[data-testid="capture-toggle"]');
      await page.waitForSelector('[data-testid="capture-toggle"][title^="Start capturing"]');
      await page.waitForSelector('[data-testid="status-bar"] :text("Capturing from")', { state: 'detached' });
      expect(await page.textContent('[data-testid="status-bar"] .source')).toMatch(/^lo \(unsaved\)$/);
      // The host keeps the session's capture file after it exits (it is what Save would have kept).
      sessionFile = (await page.getAttribute('[data-testid="status-bar"] .source', 'title')) ?? undefined;
      const exited = new Promise((r) => td!.once('exit', r));
      td.kill('SIGINT');
      await exited;
      td = undefined;
      const lines = spawnSync('tcpdump', ['-n', '-r', ref], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/^\S+ /, ''));
      expect(lines.length).toBeGreaterThanOrEqual(14);
      await expect.poll(async () => (await counts(page)).packets, { timeout: 30_000 }).toBe(lines.length);
      const c = await counts(page);
      expect(c.displayed).toBe(lines.length);
      expect(c.dropped).toBeUndefined(); // shown only when the kernel or the interface dropped some
      await page.locator(LIST).focus();
      await page.keyboard.press('Home');
      await page.waitForSelector(`${LIST} [data-index="0"][aria-selected="true"]`);
      await page.waitForFunction(({ list, n }) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= n, { list: LIST, n: lines.length });
      expect(await infoColumn(page)).toEqual(lines);
      await shots.shot(page, '04-stopped');
      expect(errors).toEqual([]);
    } finally {
      td?.kill('SIGINT');
      talk.destroy();
      await page.close();
      if (sessionFile?.includes('ackline-captures')) rmSync(sessionFile, { force: true });
    }
  }, 240_000);
});
