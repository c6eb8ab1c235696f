// Bundles the engine host's worker entry (electron/engine-process/worker-entry.ts) into `dir`
// for a test, from the sources: a test never depends on a stale out/cli/engine-worker.mjs.
import { build } from 'esbuild';
import path from 'node:path';
import { repoRoot } from '../support/captures.js';

/** The bundled entry's path (`dir`/engine-worker.mjs). */
export async function buildEngineWorker(dir: string): Promise<string> {
  const entry = path.join(dir, 'engine-worker.mjs');
  await build({
    entryPoints: [path.join(repoRoot, 'electron/engine-process/worker-entry.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return entry;
}
