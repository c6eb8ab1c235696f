// The preflight's probe: the capture process opens the adapter through the same launcher a
// capture would use; as an unprivileged user it must report the missing rights, as root it works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRANT_SCRIPT, INSTALLED_LAUNCHER } from '../../electron/capture/grant-rights.js';
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
    expect(r.stderr).toMatch(/setcap cap_net_raw,cap_net_admin=ep/);
  });
});

describe('polkit grant script', () => {
  it('is valid shell, only sets capabilities on the installed launcher, and adds the group', () => {
    expect(spawnSync('sh', ['-n', '-c', GRANT_SCRIPT]).status).toBe(0);
    expect(GRANT_SCRIPT).toContain(`setcap cap_net_raw,cap_net_admin=ep ${INSTALLED_LAUNCHER}`);
    expect(GRANT_SCRIPT).toMatch(/groupadd -f ackline/);
    expect(GRANT_SCRIPT).toMatch(/install -m 750 -o root -g ackline/);
    expect(GRANT_SCRIPT.match(/setcap/g)).toHaveLength(1);
  });
});
