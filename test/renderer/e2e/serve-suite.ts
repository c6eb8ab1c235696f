// TEST-ONLY: the set-up every end-to-end suite through `ackline serve` shares, registered by
// one call inside its `describe`: the renderer built, one Chromium for the suite, servers
// started on demand and all stopped at the end, screenshots in a folder of the suite's own.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServeProcess, type ServeProcess, type ServeProcessOptions } from '../../serve/serve-process.js';
import { launch, screenshots } from '../support/browser.js';
import { ensureRenderer, openTab, type Scheme, type Tab } from './serve-tab.js';

export interface ServeOptions extends Pick<ServeProcessOptions, 'seed' | 'env'> {
  /** More `ackline serve` arguments (`--max-upload 1M`). */
  readonly args?: readonly string[];
}

export interface TabOptions extends ServeOptions {
  readonly viewport?: { width: number; height: number };
}

export interface ServeSuite {
  readonly shots: ReturnType<typeof screenshots>;
  /** The suite's Chromium (launched before its first test). */
  readonly browser: Browser;
  /** `ackline serve --port 0 [FILE]`, stopped when the suite ends. */
  serve(file?: string, options?: ServeOptions): Promise<ServeProcess>;
  /** A server of its own on FILE (or none) and a tab on it. */
  open(file: string | undefined, scheme?: Scheme, options?: TabOptions): Promise<Tab>;
  /** Another tab on a server already running. */
  tab(url: string, scheme?: Scheme): Promise<Tab>;
}

/** Call inside a `describe`: its hooks are the suite's. `name` is the screenshots folder. */
export function serveSuite(name: string): ServeSuite {
  let browser: Browser | undefined;
  const servers: ServeProcess[] = [];
  const shots = screenshots(name);

  beforeAll(async () => {
    ensureRenderer();
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) {
      // A polite stop first (the host removes its own temporary files), then nothing left.
      await s.stop();
      await s.dispose();
    }
  });

  const theBrowser = (): Browser => {
    if (!browser) throw new Error('the suite has no browser yet (serveSuite hooks run before the tests)');
    return browser;
  };
  const serve = async (file?: string, options: ServeOptions = {}): Promise<ServeProcess> => {
    const s = await startServeProcess([...(options.args ?? []), ...(file ? [file] : [])], { seed: options.seed, env: options.env });
    servers.push(s);
    return s;
  };
  return {
    shots,
    get browser() {
      return theBrowser();
    },
    serve,
    async open(file, scheme = 'light', options = {}) {
      const s = await serve(file, options);
      const tab = await openTab(theBrowser(), s.url, scheme);
      if (options.viewport) await tab.page.setViewportSize(options.viewport);
      return tab;
    },
    tab: (url, scheme = 'light') => openTab(theBrowser(), url, scheme),
  };
}
