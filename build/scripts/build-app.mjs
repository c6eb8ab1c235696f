// Bundles the Electron side with esbuild (one tool for every Node-side bundle of the repo;
// the renderer is built by vite, `npm run build:renderer`):
//   electron/main/index.ts         -> out/main/index.js          (ESM, the app's "main")
//   electron/preload/index.ts      -> out/preload/index.cjs      (CommonJS: sandboxed preloads cannot be ESM)
//   electron/engine-process/utility-entry.ts -> out/utility/engine-host.js (ESM, the utilityProcess entry)
// `electron` stays external (the runtime provides it); everything else is bundled, so the
// packaged app needs no node_modules but `cap` and our native module.
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'cap'],
};
const esm = { ...common, format: 'esm', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } };
const entries = [
  { ...esm, entryPoints: [path.join(root, 'electron/main/index.ts')], outfile: path.join(root, 'out/main/index.js') },
  { ...common, format: 'cjs', entryPoints: [path.join(root, 'electron/preload/index.ts')], outfile: path.join(root, 'out/preload/index.cjs') },
  { ...esm, entryPoints: [path.join(root, 'electron/engine-process/utility-entry.ts')], outfile: path.join(root, 'out/utility/engine-host.js') },
];
for (const e of entries) {
  if (!existsSync(e.entryPoints[0])) {
    console.log(`build-app: ${path.relative(root, e.entryPoints[0])} missing, skipped`);
    continue;
  }
  const result = await build({ ...e, metafile: true });
  // What went into each bundle (out/meta/, never packaged): test/architecture/layering.test.ts
  // checks the preload holds only the contract and main holds nothing of serve.
  mkdirSync(path.join(root, 'out/meta'), { recursive: true });
  writeFileSync(path.join(root, 'out/meta', `${path.basename(path.dirname(e.outfile))}.json`), JSON.stringify(result.metafile));
}
