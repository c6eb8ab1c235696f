// The IEEE OUI registry for MAC vendor names, from the oui-data package: read from disk the
// first time a MAC name is wanted (5 MB of JSON, ~0.1 s), never bundled into the renderer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OuiTable } from '../engine/names/mac-names.js';

export function loadOuiTable(): OuiTable {
  const file = createRequire(import.meta.url).resolve('oui-data');
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object') throw new Error(`${file}: not an OUI table`);
  return parsed as OuiTable;
}
