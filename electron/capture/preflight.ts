// What is missing for a live capture, and a fix the user can copy.
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the launcher lives in this installation (packaged app or source tree). */
export function defaultLauncherPath(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) return path.join(resources, 'app.asar.unpacked/native/build/Release/ackline-capture-launcher');
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../native/build/Release/ackline-capture-launcher');
}

export function fixFor(reason: string, iface: string, launcher = defaultLauncherPath()): string | undefined {
  switch (reason) {
    case 'permission':
      if (process.platform === 'linux')
        return [
          'Ackline captures through a small helper that alone needs the capture rights (never the app itself).',
          'Install the deb/rpm package (it sets them up), or run once:',
          `  sudo groupadd -f ackline && sudo usermod -aG ackline "$USER" && sudo chgrp ackline '${launcher}' && sudo chmod 750 '${launcher}' && sudo setcap cap_net_raw,cap_net_admin=ep '${launcher}'`,
          'then log out and in again (the group change takes effect at the next login).',
        ].join('\n');
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
