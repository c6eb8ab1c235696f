// Capture files named on a command line (first launch, or a second instance forwarding its
// argv): every argument that is not a switch and names an existing regular file.
import { statSync } from 'node:fs';
import path from 'node:path';

export function filesFromArgv(argv: readonly string[], cwd: string, skip: number): string[] {
  const out: string[] = [];
  for (const a of argv.slice(skip)) {
    if (a.startsWith('-') || a === '.') continue;
    const p = path.resolve(cwd, a);
    try {
      if (statSync(p).isFile()) out.push(p);
    } catch {
      /* not a file: Chromium switches, the app path in development */
    }
  }
  return out;
}
