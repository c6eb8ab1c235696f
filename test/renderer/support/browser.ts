// TEST-ONLY: Debian's Chromium through playwright-core (never downloaded), and screenshots
// saved where the run prints them.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test/.artifacts/screenshots');

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A folder for this run's screenshots; `shot` saves one and returns its path. */
export function screenshots(suite: string): { dir: string; shot(page: Page, name: string): Promise<string> } {
  const dir = path.join(SHOTS, suite);
  mkdirSync(dir, { recursive: true });
  console.log(`screenshots: ${dir}`);
  return {
    dir,
    async shot(page, name) {
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
  };
}
