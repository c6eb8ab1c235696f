// The source tree keeps to its layers (test/architecture/layer-rules.ts says which): checked on
// every file's imports, on the import graph of the privileged capture process, and on what
// esbuild actually put into the capture, preload and main bundles (out/meta/, written by
// `npm run build`). And one protocol never imports another: a file in protocols/ may import
// helpers (files exporting no Dissector) but no dissector file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/captures.js';
import { importClosure, LAYERS, layerProblems, scanSource, sourceFiles } from './layer-rules.js';

const at = (rel: string): string => path.join(repoRoot, rel);
const ENGINE = at('electron/engine');
const PROTOCOLS = path.join(ENGINE, 'protocols');

describe('the rule checker itself', () => {
  /** The problems the rules find in a synthetic file at `rel` with this source. */
  const check = (rel: string, source: string): string[] => layerProblems(at(rel), scanSource(path.basename(rel), source));

  it('Capture → Engine: the capture process may write with capfile, never import the engine', () => {
    expect(check('electron/capture/x.ts', `import { PcapngWriter } from '../engine/io/pcapng-writer.js'; import { y } from '../session/y.js';`)).toEqual([
      'Capture → electron/engine: imports ../engine/io/pcapng-writer.js',
      'Capture → electron/session: imports ../session/y.js',
    ]);
    expect(check('electron/capture/x.ts', `import { PcapngWriter } from '../capfile/pcapng-writer.js'; import { FromCapture } from '../shared/capture-protocol.js'; import { fork } from 'node:child_process'; import './z.js';`)).toEqual([]);
  });

  it('Preload → anything but the contract', () => {
    expect(check('electron/preload/index.ts', `import { SESSION_CHANNEL } from '../main/ipc-channels.js'; import { z } from 'zod'; import fs from 'node:fs';`)).toEqual([
      'Preload → electron/main: imports ../main/ipc-channels.js',
      'Preload → package: imports zod',
      'Preload → package: imports node:fs',
    ]);
    expect(check('electron/preload/index.ts', `import { contextBridge } from 'electron'; import { SESSION_CHANNEL } from '../shared/ipc-channels.js';`)).toEqual([]);
  });

  it('Main → Serve (and Main → Engine: the engine runs in its own process)', () => {
    expect(check('electron/main/app-protocol.ts', `import { CSP } from '../serve/http-policy.js'; import type { X } from '../engine/workspace/engine-session.js';`)).toEqual([
      'Main → electron/serve: imports ../serve/http-policy.js',
      'Main → electron/engine: imports ../engine/workspace/engine-session.js',
    ]);
    expect(check('electron/main/app-protocol.ts', `import { CSP } from '../renderer-files/csp.js'; import { app } from 'electron'; import { Session } from '../session/session.js';`)).toEqual([]);
  });

  it('UI → Engine: the renderer reaches the engine through the contract only', () => {
    expect(check('renderer/src/stores/x.ts', `import { compile } from '../../../electron/engine/filter/compile-filter.js'; import { readFile } from 'node:fs/promises'; import { ipcRenderer } from 'electron';`)).toEqual([
      'UI → electron/engine: imports ../../../electron/engine/filter/compile-filter.js',
      'UI → package: imports node:fs/promises',
      'UI → package: imports electron',
    ]);
    expect(check('renderer/src/components/X.vue', `<template><div/></template>\n<script setup lang="ts">\nimport { EngineMethods } from '../../../electron/engine/x.js';\n</script>`)).toEqual([
      'UI → electron/engine: imports ../../../electron/engine/x.js',
    ]);
    expect(check('renderer/src/stores/x.ts', `import { ref } from 'vue'; import type { RowDto } from '../../../electron/shared/dto.js'; const w = window.innerWidth;`)).toEqual([]);
  });

  it('Engine → any host: no Node, Electron, cap, ws, DOM, nor any part but capfile and the contract', () => {
    expect(
      check(
        'electron/engine/x/bad.ts',
        `import fs from 'node:fs'; import { join } from 'path'; import * as os from 'os'; import { app } from 'electron';
         import cap from 'cap'; export { WebSocket } from 'ws'; const r = require('fs/promises'); void import('node:zlib');
         import { x } from '../../main/y.js'; import { s } from '../../session/s.js'; import { h } from '../../node-platform/h.js';
         import { c } from '../../capture/c.js'; import { u } from '../../../renderer/src/u.js';
         const w = window.innerWidth; document.title = 'x'; if (navigator) localStorage.setItem('a', 'b');`,
      ),
    ).toEqual([
      'Engine → package: imports node:fs',
      'Engine → package: imports path',
      'Engine → package: imports os',
      'Engine → package: imports electron',
      'Engine → package: imports cap',
      'Engine → package: imports ws',
      'Engine → package: imports fs/promises',
      'Engine → package: imports node:zlib',
      'Engine → electron/main: imports ../../main/y.js',
      'Engine → electron/session: imports ../../session/s.js',
      'Engine → electron/node-platform: imports ../../node-platform/h.js',
      'Engine → electron/capture: imports ../../capture/c.js',
      'Engine → renderer/src: imports ../../../renderer/src/u.js',
      'Engine → DOM: uses the global window (line 5)',
      'Engine → DOM: uses the global document (line 5)',
      'Engine → DOM: uses the global navigator (line 5)',
      'Engine → DOM: uses the global localStorage (line 5)',
    ]);
    const ok = `import { a } from '../shared/contract.js'; import type { Dissector } from '../dissect/dissector.js';
       import { PcapngWriter } from '../../capfile/pcapng-writer.js'; import { Gunzip } from 'fflate';
       // the window of rows, the document order
       interface W { window: number; navigator?: string } const o = { window: 1 }; const { window } = o;
       function f(document: string): string { return document + o.window + 'navigator'; }
       export const d: Dissector = { name: 'x', dissect() {} };`;
    expect(check('electron/engine/protocols/ok.ts', ok)).toEqual([]);
    expect(scanSource('ok.ts', ok).exportsDissector).toBe(true);
  });

  it('Capfile → Engine or any host; Contract → any part or host', () => {
    expect(check('electron/capfile/x.ts', `import { ipv4String } from '../engine/format/addresses.js'; import { open } from 'node:fs/promises';`)).toEqual([
      'Capfile → electron/engine: imports ../engine/format/addresses.js',
      'Capfile → package: imports node:fs/promises',
    ]);
    expect(check('electron/shared/x.ts', `import { z } from 'zod'; import { EngineSession } from '../engine/workspace/engine-session.js'; import WebSocket from 'ws';`)).toEqual([
      'Contract → electron/engine: imports ../engine/workspace/engine-session.js',
      'Contract → package: imports ws',
    ]);
  });

  it('leaves the parts no rule covers alone', () => {
    expect(check('electron/cli/x.ts', `import fs from 'node:fs'; import { EngineSession } from '../engine/workspace/engine-session.js';`)).toEqual([]);
  });
});

describe('every file keeps to its layer', () => {
  const files = LAYERS.flatMap((l) => sourceFiles(at(l.dir)));

  it('has files to check in every layer', () => {
    for (const l of LAYERS) expect(sourceFiles(at(l.dir)).length, l.dir).toBeGreaterThan(0);
    expect(files.length).toBeGreaterThan(200);
  });

  it('no file imports what its layer may not', () => {
    const problems: string[] = [];
    for (const file of files) for (const p of layerProblems(file, scanSource(file, readFileSync(file, 'utf8')))) problems.push(`${path.relative(repoRoot, file)}: ${p}`);
    expect(problems).toEqual([]);
  });

  it('the capture process reaches no engine file through its imports', () => {
    const reached = [...importClosure(at('electron/capture/capture-process.ts'), (f) => readFileSync(f, 'utf8'))].map((f) => path.relative(repoRoot, f));
    expect(reached).toContain('electron/capfile/pcapng-writer.ts');
    expect(reached.filter((f) => !/^electron\/(capture|capfile|shared)\//.test(f))).toEqual([]);
  });
});

describe('what esbuild put into each bundle', () => {
  /** The repo files (not packages) a bundle holds, from its metafile. */
  const inputs = (bundle: string): string[] => {
    const meta = at(`out/meta/${bundle}.json`);
    if (!existsSync(meta)) throw new Error(`${path.relative(repoRoot, meta)} is missing: run npm run build`);
    const parsed = JSON.parse(readFileSync(meta, 'utf8')) as { inputs: Record<string, unknown> };
    return Object.keys(parsed.inputs).filter((f) => !f.includes('node_modules/'));
  };

  it('the privileged capture process holds no engine code: only capture, capfile and the contract', () => {
    const files = inputs('capture-process');
    expect(files).toContain('electron/capfile/pcapng-writer.ts');
    expect(files.filter((f) => !/^electron\/(capture|capfile|shared)\//.test(f))).toEqual([]);
  });

  it('the preload holds only itself and the contract', () => {
    const files = inputs('preload');
    expect(files).toContain('electron/shared/ipc-channels.ts');
    expect(files.filter((f) => !/^electron\/(preload|shared)\//.test(f))).toEqual([]);
  });

  it('Electron main holds nothing of serve', () => {
    const files = inputs('main');
    expect(files).toContain('electron/renderer-files/static-files.ts');
    expect(files.filter((f) => f.startsWith('electron/serve/'))).toEqual([]);
  });
});

describe('protocols never import one another', () => {
  const protocolFiles = sourceFiles(PROTOCOLS).filter((f) => path.dirname(f) === PROTOCOLS && !f.endsWith('index.ts'));
  const scans = new Map([...protocolFiles, path.join(PROTOCOLS, 'index.ts')].map((f) => [f, scanSource(f, readFileSync(f, 'utf8'))]));
  // What is a dissector: the files protocols/index.ts wires into the registry, and any file
  // that exports a value declared `: Dissector`.
  const index = scans.get(path.join(PROTOCOLS, 'index.ts'))!;
  const wired = new Set(index.imports.filter((s) => s.startsWith('./')).map((s) => path.resolve(PROTOCOLS, s).replace(/\.js$/, '.ts')));
  const dissectors = new Set([...wired, ...protocolFiles.filter((f) => scans.get(f)!.exportsDissector)]);

  it('knows which files are dissectors', () => {
    for (const name of ['ethernet', 'ipv4', 'tcp', 'udp', 'http', 'linux-sll', 'raw-ip']) expect(dissectors.has(path.join(PROTOCOLS, `${name}.ts`))).toBe(true);
    for (const name of ['sll-common', 'text-protocol', 'tcp-options', 'tcp-tree', 'ipv4-options']) expect(dissectors.has(path.join(PROTOCOLS, `${name}.ts`))).toBe(false);
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
