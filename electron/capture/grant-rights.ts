// Sets up capture rights once through polkit (pkexec), for installs that have no package
// scripts to do it (the AppImage): an `ackline` group, the user in it, and a root-owned copy
// of the capture launcher with cap_net_raw,cap_net_admin in a fixed place. Only the launcher
// ever gets the capabilities; it still refuses to start anything but Ackline's capture process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

export const INSTALLED_LAUNCHER = '/usr/local/lib/ackline/ackline-capture-launcher';

export function canGrant(): boolean {
  return process.platform === 'linux' && process.getuid?.() !== 0 && spawnSync('sh', ['-c', 'command -v pkexec']).status === 0;
}

/** The script pkexec runs as root (arguments: the launcher to install, the user to add). */
export const GRANT_SCRIPT = [
  'set -e',
  'src="$1"; user="$2"',
  'groupadd -f ackline',
  'usermod -aG ackline "$user"',
  'install -d -m 755 /usr/local/lib/ackline',
  `install -m 750 -o root -g ackline "$src" ${INSTALLED_LAUNCHER}`,
  `setcap cap_net_raw,cap_net_admin=ep ${INSTALLED_LAUNCHER}`,
].join('\n');

export async function grantRights(launcherSource: string): Promise<{ ok: boolean; message: string }> {
  if (!canGrant()) return { ok: false, message: 'The administrator prompt (pkexec) is not available here.' };
  if (!existsSync(launcherSource)) return { ok: false, message: `The capture launcher is missing (${launcherSource}).` };
  const user = userInfo().username;
  const child = spawn('pkexec', ['/bin/sh', '-c', GRANT_SCRIPT, 'ackline-grant', launcherSource, user], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code === 0)
    return {
      ok: true,
      message: `Capture rights are set up: ${INSTALLED_LAUNCHER} may capture for members of the ackline group. Log out and in again once so that your account's new group takes effect.`,
    };
  if (code === 126 || code === 127) return { ok: false, message: 'The administrator prompt was dismissed; nothing was changed.' };
  return { ok: false, message: `Setting up capture rights failed${err ? `: ${err.trim()}` : ''}.` };
}
