// No dead exports: every name a source file exports is used somewhere, by another file (a
// test counts) or inside its own file (then it is the type of a public signature or a helper
// its tests reach). A first pass in the way of ts-prune, by word match over the tracked
// sources: fast, and a name it misses is at worst kept. Named protocol numbers
// (`export const ICMP_SOURCEQUENCH = 4;`) are tables that mirror tcpdump's headers: kept.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/captures.js';

/** The names a file exports from its own declarations, except named number constants. */
export function exportedNames(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  for (const st of sf.statements) {
    if (!ts.canHaveModifiers(st) || !ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && !(d.initializer && ts.isNumericLiteral(d.initializer))) names.push(d.name.text);
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
      names.push(st.name.text);
    }
  }
  return names;
}

/** Exported names no file uses: `file: name`. */
export function unusedExports(texts: ReadonlyMap<string, string>, sources: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of sources) {
    for (const name of exportedNames(f, texts.get(f) ?? '')) {
      const word = new RegExp(`\\b${name}\\b`, 'g');
      const own = (texts.get(f) ?? '').match(word)?.length ?? 0;
      if (own > 1) continue;
      let used = false;
      for (const [g, text] of texts) if (g !== f && (word.lastIndex = 0, word.test(text))) used = true;
      if (!used) out.push(`${f}: ${name}`);
    }
  }
  return out;
}

describe('unused exports', () => {
  it('the check finds an export nobody uses, and passes one that is used or a named number', () => {
    const texts = new Map([
      ['a.ts', 'export function used(): void {}\nexport function dead(): void {}\nexport const ICMP_X = 4;\nexport interface Opts { a: number }\nexport function f(o: Opts): void {}'],
      ['b.ts', "import { used, f } from './a.js'; used(); f({ a: 1 });"],
    ]);
    expect(unusedExports(texts, ['a.ts'])).toEqual(['a.ts: dead']);
  });

  it('no source file exports a name that nothing uses', () => {
    const tracked = execFileSync('git', ['ls-files', 'electron', 'renderer', 'test', 'build'], { cwd: repoRoot, encoding: 'utf8' }).split('\n');
    const files = tracked.filter((f) => /\.(ts|vue|mjs)$/.test(f));
    const texts = new Map(files.map((f) => [f, readFileSync(path.join(repoRoot, f), 'utf8')]));
    const sources = files.filter((f) => /^(electron|renderer\/src)\/.*\.ts$/.test(f) && !f.endsWith('.d.ts'));
    expect(unusedExports(texts, sources)).toEqual([]);
  });
});
