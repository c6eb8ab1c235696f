// tshark's answers for (capture, filter) pairs, cached in test/.artifacts so reruns do not
// start tshark hundreds of times. Answers are "frame numbers" or "ERROR: message".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/captures.js';

const cacheFile = path.join(repoRoot, 'test/.artifacts/filter-oracle.json');

export const haveTshark = spawnSync('sh', ['-c', 'command -v tshark'], { encoding: 'utf8' }).status === 0;

function tsharkVersion(): string {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  return /TShark \(Wireshark\) ([\d.]+)/.exec(r.stdout ?? '')?.[1] ?? 'unknown';
}

export class TsharkOracle {
  private readonly cache: Record<string, string>;
  private dirty = false;
  readonly version = haveTshark ? tsharkVersion() : 'none';

  constructor() {
    let c: Record<string, string> = {};
    if (existsSync(cacheFile)) {
      try {
        const j = JSON.parse(readFileSync(cacheFile, 'utf8')) as { version?: string; answers?: Record<string, string> };
        if (j.version === this.version && j.answers) c = j.answers;
      } catch {
        c = {};
      }
    }
    this.cache = c;
  }

  /** Frame numbers tshark keeps for `filter` on `file`, or an Error carrying tshark's message. */
  frames(file: string, rel: string, filter: string): number[] | Error {
    const key = `${rel}\t${filter}`;
    let a = this.cache[key];
    if (a === undefined) {
      const r = spawnSync('tshark', ['-n', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      a = r.status === 0 ? r.stdout.split('\n').filter(Boolean).join(' ') : `ERROR: ${(r.stderr ?? '').split('\n').filter((l) => !l.startsWith('Running as')).join(' ').trim()}`;
      this.cache[key] = a;
      this.dirty = true;
    }
    if (a.startsWith('ERROR: ')) return new Error(a.slice(7));
    return a === '' ? [] : a.split(' ').map(Number);
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ version: this.version, answers: this.cache }, null, 0));
    this.dirty = false;
  }
}
