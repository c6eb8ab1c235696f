// The engine's layer rule (STYLE.md, after VS Code's code-layering lint): electron/engine/ is
// pure TypeScript over Uint8Array/DataView that runs in the engine host, plain Node and a
// browser alike. No file may import Node built-ins, Electron, cap or ws, use DOM globals, or
// import from outside engine/ and shared/. And one protocol never imports another: a file in
// protocols/ may import helpers (files exporting no Dissector) but no dissector file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/captures.js';

const ENGINE = path.join(repoRoot, 'electron/engine');
const SHARED = path.join(repoRoot, 'electron/shared');
const CAPFILE = path.join(repoRoot, 'electron/capfile');
const PROTOCOLS = path.join(ENGINE, 'protocols');

const FORBIDDEN_MODULES = /^(node:.*|fs|fs\/.*|path|path\/.*|os|electron|electron\/.*|cap|ws|ws\/.*)$/;
const DOM_GLOBALS = new Set(['window', 'document', 'navigator', 'localStorage']);

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (/\.ts$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

interface Scan {
  /** Module specifiers of static and dynamic imports, re-exports and require() calls. */
  readonly imports: string[];
  /** DOM globals used as values (not property names, not locally declared names). */
  readonly domGlobals: string[];
  /** True when the file exports a value declared `: Dissector`. */
  readonly exportsDissector: boolean;
}

/** Parses one file (syntax only, no type checking: fast) and lists what the rule looks at. */
export function scanSource(fileName: string, text: string): Scan {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const declared = new Set<string>();
  const candidates: ts.Identifier[] = [];
  let exportsDissector = false;
  const declare = (name: ts.BindingName | ts.Identifier | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) declare(el.name);
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      imports.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) imports.push((node.arguments[0] as ts.StringLiteral).text);
    }
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) declare(node.name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) declared.add(node.name.text);
    if (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)) declare(node.name);
    if (ts.isVariableStatement(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of node.declarationList.declarations) {
        if (d.type && ts.isTypeReferenceNode(d.type) && d.type.typeName.getText(sf) === 'Dissector') exportsDissector = true;
      }
    }
    if (ts.isIdentifier(node) && DOM_GLOBALS.has(node.text)) candidates.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const domGlobals = candidates
    .filter((id) => {
      const p = id.parent;
      if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
      if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isEnumMember(p)) && p.name === id) return false;
      if (ts.isBindingElement(p) && p.propertyName === id) return false;
      if (ts.isQualifiedName(p) && p.right === id) return false;
      if (ts.isTypeReferenceNode(p)) return false;
      return !declared.has(id.text);
    })
    .map((id) => `${id.text} (line ${sf.getLineAndCharacterOfPosition(id.getStart(sf)).line + 1})`);
  return { imports, domGlobals, exportsDissector };
}

/** The engine rule for one file: problems found, empty when it keeps to its layer. */
export function layerProblems(file: string, scan: Scan): string[] {
  const problems: string[] = [];
  for (const spec of scan.imports) {
    if (FORBIDDEN_MODULES.test(spec)) problems.push(`imports ${spec}`);
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(file), spec);
      if (![ENGINE, SHARED, CAPFILE].some((dir) => target.startsWith(dir + path.sep))) problems.push(`imports ${spec}, outside engine/ and shared/`);
    }
  }
  for (const g of scan.domGlobals) problems.push(`uses the DOM global ${g}`);
  return problems;
}

const files = tsFiles(ENGINE);
const scans = new Map(files.map((f) => [f, scanSource(f, readFileSync(f, 'utf8'))]));

describe('the rule checker itself', () => {
  it('catches each kind of violation and lets legitimate code through', () => {
    const f = path.join(ENGINE, 'x/bad.ts');
    const bad = scanSource(
      'bad.ts',
      `import fs from 'node:fs'; import { join } from 'path'; import * as os from 'os'; import { app } from 'electron';
       import cap from 'cap'; export { WebSocket } from 'ws'; const r = require('fs/promises'); void import('node:zlib');
       import { x } from '../../main/y.js';
       const w = window.innerWidth; document.title = 'x'; if (navigator) localStorage.setItem('a', 'b');`,
    );
    expect(layerProblems(f, bad)).toEqual([
      'imports node:fs',
      'imports path',
      'imports os',
      'imports electron',
      'imports cap',
      'imports ws',
      'imports fs/promises',
      'imports node:zlib',
      'imports ../../main/y.js, outside engine/ and shared/',
      'uses the DOM global window (line 4)',
      'uses the DOM global document (line 4)',
      'uses the DOM global navigator (line 4)',
      'uses the DOM global localStorage (line 4)',
    ]);
    const ok = scanSource(
      'ok.ts',
      `import { a } from '../shared/contract.js'; import type { Dissector } from '../dissect/dissector.js';
       // the window of rows, the document order
       interface W { window: number; navigator?: string } const o = { window: 1 }; const { window } = o;
       function f(document: string): string { return document + o.window + 'navigator'; }
       export const d: Dissector = { name: 'x', dissect() {} };`,
    );
    expect(layerProblems(path.join(ENGINE, 'protocols/ok.ts'), ok)).toEqual([]);
    expect(ok.exportsDissector).toBe(true);
  });
});

describe('electron/engine keeps to its layer', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith('protocols/index.ts'))).toBe(true);
  });

  it('imports no Node built-in, Electron, cap or ws, uses no DOM global, and stays inside engine/ and shared/', () => {
    const problems: string[] = [];
    for (const [file, scan] of scans) for (const p of layerProblems(file, scan)) problems.push(`${path.relative(repoRoot, file)}: ${p}`);
    expect(problems).toEqual([]);
  });
});

describe('protocols never import one another', () => {
  const protocolFiles = files.filter((f) => path.dirname(f) === PROTOCOLS && !f.endsWith('index.ts'));
  // What is a dissector: the files protocols/index.ts wires into the registry, and any file
  // that exports a value declared `: Dissector`.
  const index = scans.get(path.join(PROTOCOLS, 'index.ts'))!;
  const wired = new Set(index.imports.filter((s) => s.startsWith('./')).map((s) => path.resolve(PROTOCOLS, s).replace(/\.js$/, '.ts')));
  const dissectors = new Set([...wired, ...protocolFiles.filter((f) => scans.get(f)!.exportsDissector)]);

  it('knows which files are dissectors', () => {
    for (const name of ['ethernet', 'ipv4', 'tcp', 'udp', 'http', 'linux-sll', 'raw-ip']) expect(dissectors.has(path.join(PROTOCOLS, `${name}.ts`))).toBe(true);
    for (const name of ['sll-common', 'text-protocol', 'tcp-options', 'tcp-tree', 'ipv4-options', 'ethertypes']) expect(dissectors.has(path.join(PROTOCOLS, `${name}.ts`))).toBe(false);
    // Every dissector file is reachable from the index (no registration by side effect).
    for (const f of protocolFiles) if (scans.get(f)!.exportsDissector) expect(wired.has(f), `${path.basename(f)} is not in index.ts`).toBe(true);
  });

  it('no protocol file imports a dissector file', () => {
    const problems: string[] = [];
    for (const f of protocolFiles) {
      for (const spec of scans.get(f)!.imports) {
        if (!spec.startsWith('./')) continue;
        const target = path.resolve(PROTOCOLS, spec).replace(/\.js$/, '.ts');
        if (dissectors.has(target)) problems.push(`${path.basename(f)} imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
