// The launcher's own rule (native/src/launcher.c), for the unprivileged side: a file counts as
// installed by an administrator only when it and every folder above it are root-owned, not
// writable by group or others, and no step is a symbolic link. Used to pick a launcher and
// to decide which fix to propose; the launcher enforces the rule again for what it runs.
import { lstatSync } from 'node:fs';
import path from 'node:path';

/** Why `file` is not an administrator's file, or null when it is (Linux/macOS semantics). */
export function untrustedReason(file: string): string | null {
  if (!path.isAbsolute(file) || path.normalize(file) !== file) return `${file}: is not a plain absolute path`;
  const steps: string[] = [];
  for (let cur = file; ; cur = path.dirname(cur)) {
    steps.unshift(cur);
    if (cur === path.dirname(cur)) break;
  }
  for (const [i, step] of steps.entries()) {
    let st;
    try {
      st = lstatSync(step);
    } catch (e) {
      return `${step}: ${e instanceof Error && 'code' in e ? String(e.code) : 'cannot be read'}`;
    }
    const last = i === steps.length - 1;
    if (st.isSymbolicLink()) return `${step}: is a symbolic link`;
    if (!last && !st.isDirectory()) return `${step}: is not a directory`;
    if (last && !st.isFile()) return `${step}: is not a regular file`;
    if (st.uid !== 0) return `${step}: is not owned by root`;
    if (st.mode & 0o022) return `${step}: is writable by group or others`;
  }
  return null;
}
