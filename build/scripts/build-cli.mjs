// Bundles the command-line entry (electron/cli/main.ts) into out/cli/ackline.mjs with esbuild.
// Runs on `npm ci` (prepare) so `npx ackline` works straight after set-up.
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(root, 'electron/cli/main.ts');
if (!existsSync(entry)) {
  console.log('build-cli: no CLI entry yet, skipped');
  process.exit(0);
}
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['cap'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};
// The capture process is its own small bundle: it is what runs privileged. Its esbuild
// metafile (out/meta/, never packaged) lets test/architecture/layering.test.ts check that it
// holds no engine code, only the capture file format (electron/capfile/).
const capture = await build({ ...common, metafile: true, entryPoints: [path.join(root, 'electron/capture/capture-process.ts')], outfile: path.join(root, 'out/capture/capture-process.mjs') });
mkdirSync(path.join(root, 'out/meta'), { recursive: true });
writeFileSync(path.join(root, 'out/meta/capture-process.json'), JSON.stringify(capture.metafile));
await build({
  ...common,
  entryPoints: [entry],
  outfile: path.join(root, 'out/cli/ackline.mjs'),
});
// The engine host as a worker thread, beside the CLI bundle: WorkerEngineLauncher's default
// entry is ./engine-worker.mjs next to the bundle that imports it (out/cli/ackline.mjs).
await build({ ...common, entryPoints: [path.join(root, 'electron/engine-process/worker-entry.ts')], outfile: path.join(root, 'out/cli/engine-worker.mjs') });
