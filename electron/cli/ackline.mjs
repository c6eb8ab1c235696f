#!/usr/bin/env node
// Entry of `npx ackline`: runs the bundled CLI (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(root, 'out/cli/ackline.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('ackline: the CLI is not built yet: run `npm run build` in ' + root + '\n');
  process.exit(1);
}
const { main, nodeIo } = await import(pathToFileURL(bundle).href);
const io = nodeIo();
const code = await main(process.argv.slice(2), io);
await io.flush();
process.exitCode = code;
