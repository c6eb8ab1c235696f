// What is missing for a live capture, and a fix the user can copy. On Linux the fix for
// missing rights depends on how Ackline was installed, and it never proposes setcap on a
// file the user owns: that would hand the capabilities to every local user.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findLauncher, launcherCandidates } from './find-launcher.js';
import { bundleDir } from './own-tree.js';

export type InstallKind = 'package' | 'appimage' | 'source';

/** deb/rpm (the packaged app outside an AppImage), AppImage, or a source checkout (CLI, serve, dev). */
export function installKind(env: NodeJS.ProcessEnv = process.env): InstallKind {
  if (!(process as { resourcesPath?: string }).resourcesPath) return 'source';
  return env.APPIMAGE ? 'appimage' : 'package';
}

/** The install script of this checkout (absolute), where a source checkout has one. */
export function installScriptPath(here = bundleDir()): string {
  return path.resolve(here, '../../build/scripts/install-capture-rights.sh');
}

/** Whether this process runs with the given group (a group change needs a new login). */
export function inGroup(group: string, groupFile = '/etc/group'): boolean {
  let text = '';
  try {
    text = readFileSync(groupFile, 'utf8');
  } catch {
    return false;
  }
  const line = text.split('\n').find((l) => l.startsWith(`${group}:`));
  const gid = Number(line?.split(':')[2]);
  if (!line || !Number.isInteger(gid)) return false;
  return process.getgid?.() === gid || (process.getgroups?.() ?? []).includes(gid);
}

/** The fix for missing capture rights on Linux, for this installation. */
export function linuxRightsFix(kind: InstallKind = installKind(), launcher = findLauncher()): string {
  const relogin = 'then log out and in again (a new group takes effect at the next login).';
  if (launcher) {
    if (!inGroup('ackline')) return ['Your account is not in the ackline group, the only one allowed to capture:', '  sudo usermod -aG ackline "$USER"', relogin].join('\n');
    // Proposed only for a launcher that root owns all the way up (findLauncher checked it).
    return [`The capture launcher has lost its capabilities (${launcher}); give them back:`, `  sudo setcap cap_net_raw,cap_net_admin=ep '${launcher}'`].join('\n');
  }
  switch (kind) {
    case 'package': {
      const why = launcherCandidates().find((c) => c.problem)?.problem;
      return [
        `Ackline's capture launcher cannot be used${why ? ` (${why})` : ''}. Reinstall the package, which sets it up:`,
        '  sudo apt install --reinstall ackline    (or: sudo dnf reinstall ackline)',
        'and add yourself to the ackline group:',
        '  sudo usermod -aG ackline "$USER"',
        relogin,
      ].join('\n');
    }
    case 'appimage':
      return [
        'Ackline captures through a small launcher that alone holds the capture rights. An AppImage cannot carry it safely:',
        'choose "Set up capture rights" to install it in /usr/local/lib/ackline (it asks for an administrator password,',
        'and needs a C compiler and Node.js 20 or later from your distribution), or install the deb or rpm package.',
      ].join('\n');
    case 'source': {
      const script = installScriptPath();
      return [
        'Ackline captures through a small launcher that alone holds the capture rights. In a source checkout it must first be',
        'installed by root to a root-owned place (/usr/local/lib/ackline), with the capture process and the runtime it may start:',
        `  sudo '${existsSync(script) ? script : 'build/scripts/install-capture-rights.sh'}' --user "$USER"`,
        relogin,
      ].join('\n');
    }
  }
}

export function fixFor(reason: string, iface: string): string | undefined {
  switch (reason) {
    case 'permission':
      if (process.platform === 'linux') return linuxRightsFix();
      if (process.platform === 'darwin') return 'Install the ChmodBPF helper (it gives the access_bpf group read access to /dev/bpf*), then add yourself to access_bpf.';
      if (process.platform === 'win32') return 'Install Npcap from https://npcap.com/ (Ackline may not bundle it) and restart Ackline.';
      return undefined;
    case 'no-such-device':
      return `There is no interface named "${iface}". Press F5 to refresh the interface list.`;
    case 'not-up':
      return `Bring the interface up first, e.g. sudo ip link set ${iface} up`;
    case 'filter':
      return 'Fix the capture filter (libpcap syntax, e.g. "tcp port 80 and host 192.0.2.1").';
    case 'unavailable':
      return 'Build the native capture module (npm run build:native; needs libpcap-dev) or install cap.';
    default:
      return undefined;
  }
}

/** Cheap checks before starting a capture process (the real answer comes from opening the adapter). */
export function preflight(iface: string): { ok: boolean; problem?: string; fix?: string } {
  if (process.platform === 'win32') {
    const sys = process.env.SystemRoot ?? 'C:\\Windows';
    if (!existsSync(`${sys}\\System32\\Npcap\\wpcap.dll`) && !existsSync(`${sys}\\System32\\wpcap.dll`))
      return { ok: false, problem: 'Npcap is not installed (wpcap.dll not found).', fix: fixFor('permission', iface) };
    return { ok: true };
  }
  if (process.platform === 'darwin') {
    try {
      accessSync('/dev/bpf0', constants.R_OK);
      return { ok: true };
    } catch {
      return { ok: false, problem: 'You cannot read /dev/bpf*: capturing needs the ChmodBPF helper.', fix: fixFor('permission', iface) };
    }
  }
  return { ok: true };
}
