// The committed parser module is what the grammar compiles to today (regenerate with
// `npm run gen` after editing display-filter.peggy).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../support/captures.js';

it('display-filter-parser.js is up to date with display-filter.peggy', async () => {
  const script = path.join(repoRoot, 'build/scripts/build-filter-parser.mjs');
  const { generateFilterParser } = (await import(script)) as { generateFilterParser: () => string };
  const committed = readFileSync(path.join(repoRoot, 'electron/engine/filter/display-filter-parser.js'), 'utf8');
  expect(committed === generateFilterParser(), 'run: npm run gen').toBe(true);
});
