// Which launcher the unprivileged side goes through: only one root owns all the way up, by
// the launcher's own rule; an ACKLINE_CAPTURE_LAUNCHER naming anything else is ignored.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INSTALLED_LAUNCHER, launcherCandidates } from '../../electron/capture/find-launcher.js';
import { untrustedReason } from '../../electron/capture/trusted-path.js';

const linux = process.platform === 'linux';
const tmp = mkdtempSync(path.join(tmpdir(), 'ackline-find-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!linux)('untrustedReason', () => {
  it('accepts a root-owned file in root-owned folders', () => {
    expect(untrustedReason('/usr/bin/env')).toBeNull();
  });

  it('names the first step that fails', () => {
    expect(untrustedReason('relative/launcher')).toBe('relative/launcher: is not a plain absolute path');
    expect(untrustedReason('/usr/bin/../bin/env')).toBe('/usr/bin/../bin/env: is not a plain absolute path');
    expect(untrustedReason('/usr/bin')).toBe('/usr/bin: is not a regular file');
    expect(untrustedReason('/no/such/launcher')).toBe('/no: ENOENT');
    // tmpdir() itself is writable by everyone.
    writeFileSync(path.join(tmp, 'launcher'), '');
    expect(untrustedReason(path.join(tmp, 'launcher'))).toMatch(/: is writable by group or others$|: is not owned by root$/);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses a symlink, a file owned by someone else, a group-writable one', () => {
    const base = mkdtempSync('/var/lib/ackline-find-');
    try {
      chmodSync(base, 0o755);
      writeFileSync(path.join(base, 'ok'), '', { mode: 0o755 });
      expect(untrustedReason(path.join(base, 'ok'))).toBeNull();
      symlinkSync(path.join(base, 'ok'), path.join(base, 'link'));
      expect(untrustedReason(path.join(base, 'link'))).toBe(`${base}/link: is a symbolic link`);
      writeFileSync(path.join(base, 'theirs'), '');
      chownSync(path.join(base, 'theirs'), 65534, 65534);
      expect(untrustedReason(path.join(base, 'theirs'))).toBe(`${base}/theirs: is not owned by root`);
      mkdirSync(path.join(base, 'gw'));
      chmodSync(path.join(base, 'gw'), 0o775);
      writeFileSync(path.join(base, 'gw/l'), '');
      expect(untrustedReason(path.join(base, 'gw/l'))).toBe(`${base}/gw: is writable by group or others`);
      // As a candidate: named by ACKLINE_CAPTURE_LAUNCHER, usable only when trusted.
      expect(launcherCandidates({ ACKLINE_CAPTURE_LAUNCHER: path.join(base, 'ok') })[0]).toEqual({ path: path.join(base, 'ok'), problem: null });
      expect(launcherCandidates({ ACKLINE_CAPTURE_LAUNCHER: path.join(base, 'gw/l') })[0]!.problem).toMatch(/writable by group or others/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('launcherCandidates', () => {
  it('outside the packaged app: the installed launcher, after any named one; never one in the checkout', () => {
    const c = launcherCandidates({ ACKLINE_CAPTURE_LAUNCHER: path.join(tmp, 'launcher') });
    expect(c.map((x) => x.path)).toEqual([path.join(tmp, 'launcher'), INSTALLED_LAUNCHER]);
    expect(c[0]!.problem).not.toBeNull();
    expect(launcherCandidates({}).map((x) => x.path)).toEqual([INSTALLED_LAUNCHER]);
  });
});
