// TEST-ONLY: the page side of the end-to-end suites: the renderer bundle the host serves, a
// Chromium tab that records page errors, tcpdump's reference lines, and the packet list's
// Info column and counts as the page shows them. (serve-suite.ts sets a suite up.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { cliBuilt } from '../../serve/serve-process.js';
import { hasChromium, ROOT } from '../support/browser.js';

export const SCEN = '/work/shared/captures/scenarios';
export type Scheme = 'light' | 'dark';
export interface Tab {
  readonly page: Page;
  /** Page errors and console errors seen so far. */
  readonly errors: string[];
}
export const LIST = '[data-testid="packet-list"]';
/** Chromium, the built CLI and the scenario captures are all there. */
export const e2eReady = (): boolean => hasChromium() && cliBuilt() && existsSync(SCEN);

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The serve host serves out/renderer: (re)build it from the sources under test when they
 * are newer. Suites run in parallel processes, so one builds at a time (a lock folder) into
 * a folder of its own that is then swapped in, never leaving a half-written bundle.
 */
export function ensureRenderer(): void {
  const out = path.join(ROOT, 'out/renderer');
  const stale = (): boolean => {
    const index = path.join(out, 'index.html');
    return !existsSync(index) || statSync(index).mtimeMs < Math.max(newest(path.join(ROOT, 'renderer')), newest(path.join(ROOT, 'electron/shared')));
  };
  const lock = path.join(ROOT, 'out/.renderer-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    if (!stale()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another suite is building; a lock older than two minutes was left by a crash.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      else sleep(250);
    }
  }
  const tmp = path.join(ROOT, `out/.renderer-${process.pid}`);
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'renderer/vite.config.ts', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(tmp, out);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(lock, { recursive: true, force: true });
  }
}

/** tcpdump -n lines without their timestamps: what the Info column must say. */
export function reference(name: string): string[] {
  return readFileSync(path.join(SCEN, `${name}.tcpdump.txt`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/^\S+ /, ''));
}

const choosersOf = new WeakMap<Page, FileChooser[]>();

/** A tab on `url` (1440×900) that collects page errors and console errors. */
export async function openTab(browser: Browser, url: string, scheme: Scheme = 'light'): Promise<Tab> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, acceptDownloads: true });
  page.setDefaultTimeout(45_000);
  // ACKLINE_E2E_THROTTLE=4 slows the page's CPU fourfold: how the suites fare on a loaded box.
  const throttle = Number(process.env.ACKLINE_E2E_THROTTLE ?? 1);
  if (throttle > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  // File choosers are listened for from the start: Playwright intercepts them only once it
  // has been told to, which a listener added together with the key press can miss under load.
  const choosers: FileChooser[] = [];
  page.on('filechooser', (c) => choosers.push(c));
  choosersOf.set(page, choosers);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Our CSP is also sent as a header; the meta copy's frame-ancestors note is Chromium's, not ours.
    if (m.type() === 'error' && !/frame-ancestors|favicon|404/.test(m.text())) errors.push(m.text());
  });
  await page.goto(url);
  return { page, errors };
}

/** Ctrl+O in a tab from openTab: the browser's file picker it opens. */
export async function ctrlO(page: Page): Promise<FileChooser> {
  const choosers = choosersOf.get(page);
  if (!choosers) throw new Error('ctrlO: not a tab from openTab');
  const seen = choosers.length;
  await page.keyboard.press('Control+O');
  await expect.poll(() => choosers.length, { timeout: 30_000 }).toBeGreaterThan(seen);
  return choosers[seen]!;
}

export async function infoColumn(page: Page): Promise<string[]> {
  return page.$$eval(`${LIST} [role="row"][data-index] .info`, (els) => els.map((e) => e.textContent ?? ''));
}

/** The status bar's counts as numbers ("Packets: 1,234 · Displayed: 12 (1.0%) · Dropped: 3"). */
export async function counts(page: Page): Promise<{ packets: number; displayed: number; dropped: number | undefined; text: string }> {
  const text = ((await page.textContent('[data-testid="counts"]')) ?? '').replace(/\s+/g, ' ').trim();
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(text);
    return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
  };
  return { packets: num(/Packets: ([\d,]+)/) ?? NaN, displayed: num(/Displayed: ([\d,]+)/) ?? NaN, dropped: num(/Dropped: ([\d,]+)/), text };
}

/**
 * Every row's Info line, as a user scrolling through the list reads them. The list is
 * virtual: it draws what its viewport holds plus a few rows either side, so a capture longer
 * than the pane (18 packets under the default list/ladder split) is never in the page whole.
 * Scrolls from the top down in half-viewport steps, waiting for rows still loading ("…"),
 * until rows 0..n-1 have all been seen; then back to the top.
 */
export async function everyInfo(page: Page, n: number, timeout = 45_000): Promise<string[]> {
  const seen = new Map<number, string>();
  const list = page.locator(LIST);
  const deadline = Date.now() + timeout;
  await list.evaluate((el) => el.scrollTo(0, 0));
  while (seen.size < n) {
    if (Date.now() > deadline) throw new Error(`the packet list showed ${seen.size} of ${n} rows in ${timeout} ms`);
    const rows = await page.$$eval(`${LIST} [role="row"][data-index]`, (els) =>
      els.map((e) => [Number(e.getAttribute('data-index')), e.querySelector('.info')?.textContent ?? null] as const),
    );
    for (const [i, text] of rows) if (text !== null) seen.set(i, text);
    const stuck = await list.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollBy(0, el.clientHeight / 2);
      return el.scrollTop === before;
    });
    // At the bottom with rows still missing: they are loading; start over from the top.
    if (stuck && seen.size < n) {
      await page.waitForTimeout(100);
      await list.evaluate((el) => el.scrollTo(0, 0));
    }
    await page.waitForTimeout(20);
  }
  await list.evaluate((el) => el.scrollTo(0, 0));
  const indices = [...seen.keys()].sort((a, b) => a - b);
  if (indices.length !== n || indices[n - 1] !== n - 1) throw new Error(`the packet list has rows ${indices.join(',')}, not 0..${n - 1}`);
  return indices.map((i) => seen.get(i)!);
}

/** The text of the cells of class `cls` in the list's rendered rows. */
export const cells = (page: Page, cls: string): Promise<string[]> => page.$$eval(`${LIST} [role="row"][data-index] .${cls}`, (els) => els.map((e) => e.textContent ?? ''));

/** Applies a display filter and waits until the list shows `rows` rows. */
export async function applyFilter(page: Page, text: string, rows: number): Promise<void> {
  await page.fill('[data-testid="display-filter"]', text);
  await page.press('[data-testid="display-filter"]', 'Enter');
  await expect.poll(() => page.locator(`${LIST} [role="row"][data-index] .info`).count(), { timeout: 30_000 }).toBe(rows);
}
