// README's layout table names every folder of electron/ and renderer/src/ and no folder that
// is gone, and each folder of electron/, electron/engine/ and renderer/src/ says what it is in
// a one-line header of its main file (`// electron/engine/flows: ...`; in a .vue file the
// first line of its script, in a stylesheet a `/* ... */` line), so a newcomer reads the same
// in both places.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/captures.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const folders = (dir: string): string[] =>
  readdirSync(path.join(repoRoot, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}/${e.name}`);
const described = ['electron', 'renderer/src'];

/** The folders the layout table's first column names (`electron/main/`, `electron/preload/`). */
function tableFolders(): string[] {
  const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([\w./-]+)\/`/g)].map((m) => m[1]!));
}

/** A file's first comment line, without its comment marks (a .vue file's comes inside its script). */
function headerLine(text: string): string | undefined {
  const line = text.split('\n').find((l) => /^\s*(\/\/|\/\*)/.test(l));
  return line?.replace(/^\s*(\/\/|\/\*)\s?/, '').replace(/\s*\*\/\s*$/, '');
}

describe("README's layout table and the folders' headers", () => {
  it('the header line is the first comment of a .ts, .vue or .css file', () => {
    expect(headerLine('// a/: x\n//\n// more')).toBe('a/: x');
    expect(headerLine('<script setup lang="ts">\n// a/: x\nimport y;')).toBe('a/: x');
    expect(headerLine('/* a/: x */\n:root {}')).toBe('a/: x');
    expect(headerLine('import y;\n')).toBeUndefined();
  });

  it('the table names every folder of electron/ and renderer/src/, and only folders that exist', () => {
    const named = tableFolders();
    expect(named.length).toBeGreaterThan(0);
    for (const f of described.flatMap(folders)) expect(named, `${f} is not in README's layout table`).toContain(f);
    const all = new Set([...described.flatMap(folders), ...folders('electron/engine'), 'electron', 'renderer', 'native', 'build', 'test']);
    for (const f of named) expect(all.has(f), `README names ${f}/, which does not exist`).toBe(true);
  });

  it('each folder of electron/, electron/engine/ and renderer/src/ with files has a header line in exactly one of them', () => {
    for (const f of [...described.flatMap(folders), ...folders('electron/engine')]) {
      const files = readdirSync(path.join(repoRoot, f)).filter((n) => /\.(ts|vue|css)$/.test(n) && !n.endsWith('.d.ts'));
      // A folder of folders only (electron/engine/) is described by its subfolders.
      if (files.length === 0) continue;
      const headed = files.filter((n) => headerLine(readFileSync(path.join(repoRoot, f, n), 'utf8'))?.startsWith(`${f}/: `));
      expect(headed, `${f}/ has no "// ${f}/: what it is" header`).toHaveLength(1);
    }
  });
});
