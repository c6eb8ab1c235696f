// Sets up capture rights once through polkit (pkexec), for installs that have no package
// scripts to do it (the AppImage): build/scripts/install-capture-rights.sh, the same script a
// source checkout runs with sudo, installs a root-owned copy of the capture process and a
// launcher compiled for it in /usr/local/lib/ackline, creates the `ackline` group and adds the
// user to it. Only that launcher ever gets the capabilities, and it starts nothing else.
//
// Root cannot read an AppImage's own files (a FUSE mount only its user may enter), so the
// files the script needs are first copied into a folder only this user can enter, and the
// script installs from there. It needs a C compiler and a Node.js 20+ that root owns all the
// way up (the distribution's); where either is missing it says so and changes nothing.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { INSTALLED_LAUNCHER } from './find-launcher.js';
import { bundleDir } from './own-tree.js';

export { INSTALLED_LAUNCHER };

export function canGrant(): boolean {
  return process.platform === 'linux' && process.getuid?.() !== 0 && spawnSync('sh', ['-c', 'command -v pkexec']).status === 0;
}

/** What the install script reads, relative to the app's tree (a checkout and app.asar.unpacked alike). */
export const INSTALL_FILES = ['build/scripts/install-capture-rights.sh', 'native/src/launcher.c', 'out/capture/capture-process.mjs', 'native/build/Release/ackline_pcap.node'] as const;
/** Copied too when present: the `cap` backend. */
const OPTIONAL_INSTALL_FILES = ['node_modules/cap/package.json', 'node_modules/cap/lib', 'node_modules/cap/build/Release/cap.node'] as const;

/** This app's own tree: the checkout, or app.asar.unpacked once packaged. */
function appTree(here = bundleDir()): string {
  return path.resolve(here, '../..').replace(/app\.asar$/, 'app.asar.unpacked');
}

/** Copies what the install script needs from `tree` into `stage` (same layout); returns what is missing. */
export function stageInstallFiles(tree: string, stage: string): string[] {
  const missing = INSTALL_FILES.filter((f) => !existsSync(path.join(tree, f)));
  if (missing.length) return missing.map((f) => path.join(tree, f));
  for (const f of [...INSTALL_FILES, ...OPTIONAL_INSTALL_FILES]) {
    if (!existsSync(path.join(tree, f))) continue;
    mkdirSync(path.dirname(path.join(stage, f)), { recursive: true });
    cpSync(path.join(tree, f), path.join(stage, f), { recursive: true, dereference: true });
  }
  return [];
}

/** The command pkexec runs (as root): the staged install script, installing from the stage. */
export function grantCommand(stage: string, user: string): string[] {
  return ['/bin/sh', path.join(stage, 'build/scripts/install-capture-rights.sh'), '--from', stage, '--user', user];
}

export async function grantRights(tree = appTree()): Promise<{ ok: boolean; message: string }> {
  if (!canGrant()) return { ok: false, message: 'The administrator prompt (pkexec) is not available here.' };
  const stage = mkdtempSync(path.join(tmpdir(), 'ackline-grant-')); // mode 0700: only this user
  try {
    const missing = stageInstallFiles(tree, stage);
    if (missing.length) return { ok: false, message: `Ackline's capture files are missing (${missing.join(', ')}).` };
    const child = spawn('pkexec', grantCommand(stage, userInfo().username), { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.on('error', () => resolve(127));
      child.on('close', resolve);
    });
    if (code === 0)
      return {
        ok: true,
        message: `Capture rights are set up: ${INSTALLED_LAUNCHER} may capture for members of the ackline group. Log out and in again once so that your account's new group takes effect.`,
      };
    if (code === 126 || code === 127) return { ok: false, message: 'The administrator prompt was dismissed; nothing was changed.' };
    const why = err
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('install-capture-rights: '))
      .map((l) => l.slice('install-capture-rights: '.length))
      .join(' ');
    return { ok: false, message: `Setting up capture rights failed${why ? `: ${why}` : err.trim() ? `: ${err.trim()}` : ''}.` };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
