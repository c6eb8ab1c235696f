// End to end: `ackline serve` on a random port, Debian's Chromium through playwright-core.
// The page needs the token; it opens a bundled sample from the first-run screen, the rows
// say what tcpdump says, the displayed packets (filtered when the engine has display
// filters) are exported through the dialog and downloaded, and tshark and tcpdump read
// exactly those packets back. Skips cleanly without Chromium, tshark, tcpdump or the
// built app (npm run build). Screenshots go to the folder it prints.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSuite } from '../renderer/e2e/serve-suite.js';
import { infoColumn } from '../renderer/e2e/serve-tab.js';
import { hasChromium } from '../renderer/support/browser.js';
import { repoRoot } from '../support/captures.js';
import { get } from './serve-client.js';
import { cliBuilt } from './serve-process.js';

const has = (cmd: string): boolean => !spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error;
const ready = hasChromium() && has('tshark') && has('tcpdump') && cliBuilt();
const sample = path.join(repoRoot, 'build/samples/tcp-handshake.pcapng');

/** tcpdump -n lines without their timestamps (the Info column). */
function tcpdumpLines(file: string, filter: string[] = []): string[] {
  return execFileSync('tcpdump', ['-n', '-r', file, ...filter], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, TZ: 'UTC' } })
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/^\S+ /, ''));
}

const ROWS = '[data-testid="packet-list"] [role="row"][data-index] .info';

describe.skipIf(!ready)('ackline serve in Chromium', () => {
  const suite = serveSuite('serve-e2e');
  const shot = suite.shots.shot;
  let url = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-e2e-export-'));
  beforeAll(async () => {
    url = (await suite.serve(undefined, { env: { TZ: 'UTC' } })).url;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the URL first; the page is refused without the token', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const page = await suite.browser.newPage();
    const r = await page.goto(url.split('?')[0]!);
    expect(r?.status()).toBe(403);
    expect((await get(url.split('?')[0]! + 'assets/')).status).toBe(403);
    await page.close();
  });

  it('opens a sample, exports the displayed packets, and tshark reads exactly those back', async () => {
    const { page, errors } = await suite.tab(url);
    // The first-run screen lists the bundled samples; open the handshake.
    await page.waitForSelector('[data-sample="tcp-handshake"]');
    await shot(page, '01-welcome');
    await page.click('[data-sample="tcp-handshake"]');
    const all = tcpdumpLines(sample);
    await expect.poll(() => page.locator(ROWS).count()).toBeGreaterThanOrEqual(all.length);
    expect(await infoColumn(page)).toEqual(all);
    await shot(page, '02-opened');

    // Filter to the SYNs when the engine has display filters; else "displayed" is everything.
    let expected = all;
    await page.fill('[data-testid="display-filter"]', 'tcp.flags.syn == 1');
    await page.waitForSelector('[data-testid="display-filter"]:is(.valid, .invalid)');
    if (await page.locator('[data-testid="display-filter"].valid').count()) {
      await page.press('[data-testid="display-filter"]', 'Enter');
      expected = tcpdumpLines(sample, ['tcp[tcpflags] & tcp-syn != 0']);
      await expect.poll(() => page.locator(ROWS).count()).toBe(expected.length);
      expect(await infoColumn(page)).toEqual(expected);
    } else {
      console.log('display filters are not wired into the engine yet: exporting the unfiltered list');
      await page.fill('[data-testid="display-filter"]', '');
    }
    await shot(page, '03-displayed');

    await page.keyboard.press('Control+Shift+X');
    await page.waitForSelector('[data-testid="export-run"]');
    await page.check('input[type="radio"][value="displayed"]');
    await page.selectOption('select', 'pcap');
    await shot(page, '04-export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-run"]')]);
    expect(download.suggestedFilename()).toMatch(/\.pcap$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    await shot(page, '05-exported');

    // tshark accepts the file, as pcap, with exactly the displayed packets.
    const info = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.len'], { encoding: 'utf8' }).trim().split('\n');
    expect(info).toHaveLength(expected.length);
    const type = execFileSync('capinfos', ['-t', '-M', file], { encoding: 'utf8' });
    expect(type).toMatch(/File type:\s+pcap$/m);
    expect(tcpdumpLines(file)).toEqual(expected);
    expect(errors).toEqual([]);
    await page.close();
  });
});
