// The fix proposed for missing capture rights on Linux depends on how Ackline is installed,
// and never hands capabilities to a file the user owns.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inGroup, installKind, installScriptPath, linuxRightsFix } from '../../electron/capture/preflight.js';
import { repoRoot } from '../support/captures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('linuxRightsFix', () => {
  it('a source checkout: install the launcher to a root-owned place with the script, as root', () => {
    const fix = linuxRightsFix('source', undefined);
    expect(fix).toContain(`sudo '${path.join(repoRoot, 'build/scripts/install-capture-rights.sh')}' --user "$USER"`);
    expect(fix).toContain('root-owned place (/usr/local/lib/ackline)');
    expect(fix).not.toMatch(/setcap|chmod|chgrp/);
  });

  it('the deb/rpm package whose launcher cannot be used: reinstall, and join the group', () => {
    const fix = linuxRightsFix('package', undefined);
    expect(fix).toMatch(/sudo apt install --reinstall ackline/);
    expect(fix).toContain('sudo usermod -aG ackline "$USER"');
    expect(fix).not.toMatch(/setcap/);
  });

  it('an AppImage: the administrator prompt or the packages, never setcap on the image', () => {
    const fix = linuxRightsFix('appimage', undefined);
    expect(fix).toMatch(/"Set up capture rights"/);
    expect(fix).not.toMatch(/setcap/);
  });

  it('an installed launcher: join its group, or (already in it) give a root-owned launcher its capabilities back', () => {
    const fix = linuxRightsFix('source', '/usr/local/lib/ackline/ackline-capture-launcher');
    if (inGroup('ackline')) expect(fix).toBe("The capture launcher has lost its capabilities (/usr/local/lib/ackline/ackline-capture-launcher); give them back:\n  sudo setcap cap_net_raw,cap_net_admin=ep '/usr/local/lib/ackline/ackline-capture-launcher'");
    else expect(fix).toBe('Your account is not in the ackline group, the only one allowed to capture:\n  sudo usermod -aG ackline "$USER"\nthen log out and in again (a new group takes effect at the next login).');
  });
});

describe('installKind, installScriptPath, inGroup', () => {
  it('outside Electron this is a source checkout, and its script is in build/scripts', () => {
    expect(installKind({})).toBe('source');
    expect(installScriptPath()).toBe(path.join(repoRoot, 'build/scripts/install-capture-rights.sh'));
  });

  it('reads membership from the group file and this process’s groups', () => {
    const gid = process.getgid!();
    writeFileSync(path.join(dir, 'group'), `root:x:0:\nmine:x:${gid}:\nother:x:${gid + 12345}:someone\n`);
    expect(inGroup('mine', path.join(dir, 'group'))).toBe(true);
    expect(inGroup('other', path.join(dir, 'group'))).toBe(false);
    expect(inGroup('absent', path.join(dir, 'group'))).toBe(false);
    expect(inGroup('mine', path.join(dir, 'no-such-file'))).toBe(false);
  });
});
