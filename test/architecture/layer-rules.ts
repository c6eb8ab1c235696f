// The layering rules of the source tree (STYLE.md, after VS Code's code-layering lint), as data,
// and the checker that applies them to one file's imports. Which folder is which part:
//  - Engine (electron/engine/) and Capfile (electron/capfile/) are pure TypeScript over
//    Uint8Array/DataView: no Node built-in, Electron, cap, ws or DOM global, and no other part
//    but each other (the engine reads and writes files through capfile, never the reverse) and
//    the contract;
//  - the Contract (electron/shared/) is zod schemas, imported by every process, the UI included;
//  - Capture (electron/capture/) is the privileged process: it writes with capfile, never with
//    the engine (dumpcap's model: writecap, never epan);
//  - the Preload sees nothing but the contract and `electron`;
//  - Main (electron/main/) does not import serve: both share electron/renderer-files/;
//  - the UI (renderer/src/) talks to the engine only through the contract.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/captures.js';

/** Packages that belong to a host: a pure part imports none of them. */
const HOST_MODULES = /^(node:.*|fs|fs\/.*|path|path\/.*|os|child_process|worker_threads|electron|electron\/.*|cap|ws|ws\/.*)$/;
const DOM_GLOBALS = new Set(['window', 'document', 'navigator', 'localStorage']);

export interface Layer {
  /** The name the rules use (README's layout table says what each is). */
  readonly name: string;
  /** Repo-relative folder. */
  readonly dir: string;
  /** Folders its relative imports may reach, besides its own (an allow-list), ... */
  readonly mayImport?: readonly string[];
  /** ... or folders they may not reach (a deny-list), when an allow-list would say too little. */
  readonly mayNotImport?: readonly string[];
  /** Packages it may not import ... */
  readonly forbiddenModules?: RegExp;
  /** ... or the only packages it may import. */
  readonly onlyModules?: RegExp;
  /** It runs where there is no DOM (engine host, Node, worker). */
  readonly noDomGlobals?: boolean;
}

export const LAYERS: readonly Layer[] = [
  { name: 'Engine', dir: 'electron/engine', mayImport: ['electron/capfile', 'electron/shared'], forbiddenModules: HOST_MODULES, noDomGlobals: true },
  { name: 'Capfile', dir: 'electron/capfile', mayImport: [], forbiddenModules: HOST_MODULES, noDomGlobals: true },
  { name: 'Contract', dir: 'electron/shared', mayImport: [], onlyModules: /^zod$/, noDomGlobals: true },
  { name: 'Capture', dir: 'electron/capture', mayImport: ['electron/shared', 'electron/capfile'] },
  { name: 'Preload', dir: 'electron/preload', mayImport: ['electron/shared'], onlyModules: /^electron$/ },
  { name: 'Main', dir: 'electron/main', mayNotImport: ['electron/serve', 'electron/engine'] },
  { name: 'UI', dir: 'renderer/src', mayImport: ['electron/shared'], forbiddenModules: HOST_MODULES },
];

/** The layer a repo file belongs to, if any rule covers it. */
export function layerOf(file: string): Layer | undefined {
  const rel = path.relative(repoRoot, file).split(path.sep).join('/');
  return LAYERS.find((l) => rel.startsWith(l.dir + '/'));
}

/** Every .ts and .vue file under a folder, sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

export interface Scan {
  /** Module specifiers of static and dynamic imports, re-exports and require() calls. */
  readonly imports: string[];
  /** DOM globals used as values (not property names, not locally declared names). */
  readonly domGlobals: string[];
  /** True when the file exports a value declared `: Dissector`. */
  readonly exportsDissector: boolean;
}

/** Parses one file (syntax only, no type checking: fast) and lists what the rules look at. */
export function scanSource(fileName: string, source: string): Scan {
  // A .vue file's imports are in its <script> blocks.
  const text = fileName.endsWith('.vue') ? [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : source;
  const sf = ts.createSourceFile(fileName.replace(/\.vue$/, '.ts'), text, ts.ScriptTarget.Latest, true);
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

/** The repo folder (one of the rules' folders, or the top two levels) a relative import reaches. */
function folderOf(target: string): string {
  const rel = path.relative(repoRoot, target).split(path.sep).join('/');
  const known = [...LAYERS.map((l) => l.dir), ...LAYERS.flatMap((l) => [...(l.mayImport ?? []), ...(l.mayNotImport ?? [])])];
  return known.find((d) => rel === d || rel.startsWith(d + '/')) ?? rel.split('/').slice(0, 2).join('/');
}

/** The rules for one file: problems found ("Capture → electron/engine: imports ..."), empty when it keeps to its layer. */
export function layerProblems(file: string, scan: Scan): string[] {
  const layer = layerOf(file);
  if (!layer) return [];
  const problems: string[] = [];
  for (const spec of scan.imports) {
    if (spec.startsWith('.')) {
      const to = folderOf(path.resolve(path.dirname(file), spec));
      if (to === layer.dir) continue;
      const allowed = layer.mayImport ? layer.mayImport.includes(to) : !(layer.mayNotImport ?? []).includes(to);
      if (!allowed) problems.push(`${layer.name} → ${to}: imports ${spec}`);
    } else {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec;
      if (layer.forbiddenModules?.test(spec) || (layer.onlyModules && !layer.onlyModules.test(pkg))) problems.push(`${layer.name} → package: imports ${spec}`);
    }
  }
  if (layer.noDomGlobals) for (const g of scan.domGlobals) problems.push(`${layer.name} → DOM: uses the global ${g}`);
  return problems;
}

/** Every repo file reachable from `entry` through relative imports (type-only ones included). */
export function importClosure(entry: string, read: (file: string) => string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of scanSource(file, read(file)).imports) {
      if (spec.startsWith('.')) todo.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
    }
  }
  return seen;
}
