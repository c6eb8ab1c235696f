// The split CLI bundle (build/scripts/build-cli.mjs): what `ackline read` loads at start is
// only what reading and printing need. The filter compiler, the capture index, tshark, serve,
// the workspace and fflate (gzip) are in chunks loaded by dynamic import, so that a plain
// `read` does not parse and initialise them (~20 ms of CPU on every run).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/captures.js';

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

const metaFile = path.join(repoRoot, 'out/meta/cli.json');

describe.skipIf(!existsSync(metaFile))('the CLI bundle', () => {
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
  const key = (p: string): string => path.relative(repoRoot, path.resolve(repoRoot, p));
  const outputs = new Map(Object.entries(meta.outputs).map(([k, v]) => [key(k), v]));

  /** The source files of the outputs `entry` loads before it runs (static imports, transitively). */
  function loadedAtStart(entry: string): string[] {
    const seen = new Set<string>([entry]);
    const todo = [entry];
    while (todo.length) {
      const out = outputs.get(todo.pop()!)!;
      for (const imp of out.imports) {
        if (imp.kind !== 'import-statement' || imp.path.startsWith('node:') || !outputs.has(key(imp.path))) continue;
        if (!seen.has(key(imp.path))) {
          seen.add(key(imp.path));
          todo.push(key(imp.path));
        }
      }
    }
    return [...seen].flatMap((o) => Object.keys(outputs.get(o)!.inputs));
  }

  it('loads the printers at start, and no filter compiler, index, tshark, serve, workspace or fflate', () => {
    const start = loadedAtStart('out/cli/ackline.mjs');
    expect(start.some((f) => f.endsWith('electron/engine/summary/line-printer.ts'))).toBe(true);
    expect(start.some((f) => f.endsWith('electron/cli/read-command.ts'))).toBe(true);
    const heavy = start.filter((f) => /node_modules\/fflate|engine\/filter\/|engine\/tshark\/|engine\/workspace\/|electron\/serve\/|flows\/capture-index|cli\/read-indexed/.test(f));
    expect(heavy).toEqual([]);
  });

  it('keeps every chunk beside the entry (import.meta.url-relative paths hold in them)', () => {
    for (const o of outputs.keys()) if (o.startsWith('out/cli/')) expect(path.dirname(o)).toBe('out/cli');
  });
});
