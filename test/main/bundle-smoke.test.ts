// The BUILT main process (out/main/index.js, as packaged) started under plain Node with a
// fake `electron` (test/main/bundle/): its paths resolve to the built preload and engine
// host, it registers the scheme, hardens the session, builds the menu, opens the file
// from argv in a window of our own page and hands the renderer its engine port.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/captures.js';

const bundle = path.join(repoRoot, 'out/main/index.js');
const built = existsSync(bundle) && existsSync(path.join(repoRoot, 'out/preload/index.cjs')) && existsSync(path.join(repoRoot, 'out/utility/engine-host.js'));

describe.skipIf(!built)('the built main process', () => {
  it('starts, wires its bundles and opens the file from argv', () => {
    const sample = path.join(repoRoot, 'build/samples/arp.pcapng');
    const r = spawnSync(process.execPath, ['--import', path.join(repoRoot, 'test/main/bundle/register.mjs'), bundle, sample], {
      encoding: 'utf8',
      timeout: 10_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, ACKLINE_FAKE_USERDATA: mkdtempSync(path.join(tmpdir(), 'ackline-bundle-')) },
    });
    const out = r.stdout;
    expect(out, r.stderr).toContain('[fake] scheme [{"scheme":"ackline","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]');
    expect(out).toContain('[fake] perm handler');
    expect(out).toContain('[fake] menu &File,&Edit,&View,&Go,&Capture,&Analyze,&Statistics,windowMenu,&Help');
    expect(out).toMatch(/\[fake\] window preload exists: true .*out\/preload\/index\.cjs/);
    expect(out).toContain('[fake] loadURL ackline://app/index.html');
    expect(out).toMatch(/\[fake\] fork exists: true .*out\/utility\/engine-host\.js/);
    expect(out).toContain('[fake] postMessage ackline:engine-port');
    expect(out).toContain('[fake] title arp.pcapng — Ackline');
  });
});
