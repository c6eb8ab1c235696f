// Where the capture code finds its backends: by absolute path in its own installed tree, and
// nowhere else. The capture process holds capture rights until its adapter is open, so it
// must never load code found through ACKLINE_ROOT, the cwd, NODE_PATH, ~/.node_modules or
// any search: only files that came with it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of this bundle (out/capture/, out/cli/, out/main/; electron/capture/ in tests). */
export function bundleDir(): string {
  return path.dirname(fileURLToPath(import.meta.url));
}

/**
 * Candidates for one file, in order: beside the bundle (an installed capture tree such as
 * /usr/local/lib/ackline/, where everything sits in one folder), then in the tree two levels
 * up (a checkout; app.asar.unpacked/ once packaged, since native files cannot load from the asar).
 */
export function ownTreeCandidates(beside: string, inTree: string, here = bundleDir()): string[] {
  const tree = path.resolve(here, '../..').replace(/app\.asar$/, 'app.asar.unpacked');
  return [path.join(here, beside), path.join(tree, inTree)];
}
