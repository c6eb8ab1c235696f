// One `ackline serve` host (the library, with the real engine worker) for a test file: a
// temporary folder holding a stand-in renderer bundle and a file outside it (`secret.txt`,
// which no request may reach), the host started before the file's tests and closed, with
// every tab they opened, after them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServe, type ServeHost, type ServeOptions } from '../../electron/serve/serve-host.js';
import { MemoryStorage } from '../../electron/session/storage.js';
import { repoRoot } from '../support/captures.js';
import { buildEngineWorker } from '../engine-process/build-worker-entry.js';
import { connectTab, type TabClient } from './serve-client.js';

export const samplesDir = path.join(repoRoot, 'build/samples');

export interface ServeFixture {
  /** The temporary folder (the host's config folder; the renderer bundle is in `renderer/`). */
  readonly dir: string;
  readonly host: ServeHost;
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  /** A new tab's session and engine clients, over the token-protected socket. */
  tab(): Promise<TabClient>;
  /** Every tab the tests opened (closed after them). */
  readonly tabs: readonly TabClient[];
  /** A tab a test connected itself, closed after the tests like the others. */
  keep(t: TabClient): TabClient;
}

/**
 * Starts the host in beforeAll: `bundle` holds the renderer's files by relative path, `options`
 * the host's options beyond the folders, storage and engine.
 */
export function serveFixture(prefix: string, bundle: Readonly<Record<string, string>>, options: (dir: string) => Partial<ServeOptions> = () => ({})): ServeFixture {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const rendererDir = path.join(dir, 'renderer');
  const tabs: TabClient[] = [];
  let host: ServeHost | undefined;

  beforeAll(async () => {
    for (const [name, text] of Object.entries(bundle)) {
      mkdirSync(path.dirname(path.join(rendererDir, name)), { recursive: true });
      writeFileSync(path.join(rendererDir, name), text);
    }
    writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    const engineEntry = await buildEngineWorker(dir);
    host = await startServe({ rendererDir, samplesDir, configDir: dir, storage: new MemoryStorage(), engineEntry, ...options(dir) });
  }, 60_000);

  afterAll(async () => {
    for (const t of tabs) t.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const started = (): ServeHost => {
    if (!host) throw new Error('the serve host is not started (use the fixture inside a test)');
    return host;
  };
  return {
    dir,
    get host() {
      return started();
    },
    get base() {
      return `http://127.0.0.1:${started().port}`;
    },
    tabs,
    keep(t) {
      tabs.push(t);
      return t;
    },
    async tab() {
      const h = started();
      const t = await connectTab(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`);
      tabs.push(t);
      return t;
    },
  };
}
