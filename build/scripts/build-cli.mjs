// Bundles the command-line entry (electron/cli/main.ts) into out/cli/ackline.mjs with esbuild.
// Runs on `npm ci` (prepare) so `npx ackline` works straight after set-up.
import { build } from 'esbuild';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
// The CLI is split: out/cli/ackline.mjs holds what every command needs and `read` prints
// with; each other command (and read -Y/--jsonl) is a chunk beside it, loaded by its dynamic
// import. One file of everything cost `ackline read` ~20 ms more CPU at every start (parsing
// and initialising the filter compiler, tshark, serve, fflate...). Chunks stay in out/cli/,
// so that import.meta.url-relative paths (engine-worker.mjs, out/renderer) hold in them too;
// the folder is emptied first so that no stale chunk is left beside the new ones.
rmSync(path.join(root, 'out/cli'), { recursive: true, force: true });
const cli = await build({
  ...common,
  metafile: true,
  entryPoints: { ackline: entry },
  outdir: path.join(root, 'out/cli'),
  outExtension: { '.js': '.mjs' },
  splitting: true,
});
// test/build/build-cli.test.ts reads what the entry loads at start from it.
writeFileSync(path.join(root, 'out/meta/cli.json'), JSON.stringify(cli.metafile));
// The engine host as a worker thread, beside the CLI bundle: WorkerEngineLauncher's default
// entry is ./engine-worker.mjs next to the bundle that imports it (out/cli/ackline.mjs).
await build({ ...common, entryPoints: [path.join(root, 'electron/engine-process/worker-entry.ts')], outfile: path.join(root, 'out/cli/engine-worker.mjs') });
