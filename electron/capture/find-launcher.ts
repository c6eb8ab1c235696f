// Which capture launcher to go through: only one an administrator installed (see
// trusted-path.ts). A launcher in a user's own checkout is never used, whatever its
// capabilities: anyone who can write to it, or to a folder above it, owns those capabilities.
import path from 'node:path';
import { untrustedReason } from './trusted-path.js';

/** Where build/scripts/install-capture-rights.sh (and "Set up capture rights") install it. */
export const INSTALLED_LAUNCHER = '/usr/local/lib/ackline/ackline-capture-launcher';

/** The deb/rpm one: /opt/Ackline/resources/app.asar.unpacked/... (undefined outside the packaged app). */
function packagedLauncher(): string | undefined {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return resources ? path.join(resources, 'app.asar.unpacked/native/build/Release/ackline-capture-launcher') : undefined;
}

/** The launchers to try, in order, with why each one is unusable (null when it is fine). */
export function launcherCandidates(env: NodeJS.ProcessEnv = process.env): { path: string; problem: string | null }[] {
  // ACKLINE_CAPTURE_LAUNCHER may name another administrator-installed launcher (an install
  // with --prefix; the tests). It must pass the same rule as the others, so it can only ever
  // pick a file root put there, and that launcher still decides what it runs.
  const paths = [env.ACKLINE_CAPTURE_LAUNCHER, packagedLauncher(), INSTALLED_LAUNCHER].filter((p): p is string => !!p);
  return paths.map((p) => ({ path: p, problem: untrustedReason(p) }));
}

/** The launcher to go through when this process is not root (Linux), or undefined for none. */
export function findLauncher(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() === 0) return undefined;
  return launcherCandidates(env).find((c) => c.problem === null)?.path;
}
