// The preflight's probe: the capture process opens the adapter through the same launcher a
// capture would use; as an unprivileged user it must report the missing rights, as root it works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsSync as exists, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { grantCommand, INSTALL_FILES, stageInstallFiles } from '../../electron/capture/grant-rights.js';
import { loadNative } from '../../electron/capture/native-backend.js';
import { probeCapture } from '../../electron/capture/probe.js';
import { defaultCaptureScript } from '../../electron/capture/spawn-capture.js';
import { repoRoot } from '../support/captures.js';

const ready = process.getuid?.() === 0 && !!loadNative() && existsSync(defaultCaptureScript());

describe.skipIf(!ready)('capture preflight probe', () => {
  it('opens lo as root and reports ok', async () => {
    expect(await probeCapture('lo', 'native')).toEqual({ ok: true });
  });

  it('names a missing interface', async () => {
    const r = await probeCapture('ackline-none0', 'native');
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/no-such-device|permission/);
  });

  it('reports missing rights with the fix when the process cannot capture (unprivileged user)', () => {
    // As a desktop user would hit it: not root, no rights on the launcher.
    const r = spawnSync(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'env', 'HOME=/tmp', 'node', path.join(repoRoot, 'electron/cli/ackline.mjs'), 'capture', '-i', 'lo', '-c', '1'],
      { encoding: 'utf8', timeout: 15000 },
    );
    expect(r.status).toBe(77);
    // A source checkout: install the launcher to a root-owned place; never setcap on a file the user owns.
    expect(r.stderr).toContain(`sudo '${path.join(repoRoot, 'build/scripts/install-capture-rights.sh')}' --user "$USER"`);
    expect(r.stderr).not.toMatch(/setcap/);
  });
});

describe('"Set up capture rights" (pkexec)', () => {
  it('runs the same install script as a source checkout, from a copy root can read, for this user', () => {
    const stage = mkdtempSync(path.join(tmpdir(), 'ackline-stage-'));
    try {
      expect(stageInstallFiles(repoRoot, stage)).toEqual([]);
      for (const f of INSTALL_FILES) expect(readFileSync(path.join(stage, f)).equals(readFileSync(path.join(repoRoot, f))), f).toBe(true);
      if (exists(path.join(repoRoot, 'node_modules/cap/build/Release/cap.node'))) expect(exists(path.join(stage, 'node_modules/cap/lib/Cap.js'))).toBe(true);
      expect(grantCommand(stage, 'alice')).toEqual(['/bin/sh', path.join(stage, 'build/scripts/install-capture-rights.sh'), '--from', stage, '--user', 'alice']);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });

  it('names what is missing instead of installing half', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'ackline-empty-'));
    const stage = mkdtempSync(path.join(tmpdir(), 'ackline-stage-'));
    try {
      expect(stageInstallFiles(empty, stage)).toEqual(INSTALL_FILES.map((f) => path.join(empty, f)));
      expect(spawnSync('find', [stage, '-type', 'f'], { encoding: 'utf8' }).stdout).toBe('');
    } finally {
      rmSync(empty, { recursive: true, force: true });
      rmSync(stage, { recursive: true, force: true });
    }
  });
});
