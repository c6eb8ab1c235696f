// Storage as JSON files in one folder (Electron's userData, serve's config folder). Writes
// go to a temporary file renamed into place, so a crash never leaves half a document.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storage } from '../session/storage.js';

export class JsonFileStorage implements Storage {
  constructor(private readonly dir: string) {}

  private file(name: string): string {
    if (!/^[a-z0-9-]{1,64}$/.test(name)) throw new Error(`bad storage name ${name}`);
    return path.join(this.dir, `${name}.json`);
  }

  async read(name: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.file(name), 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  async write(name: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(name);
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(value, null, 1) + '\n', { mode: 0o600 });
    await rename(tmp, target);
  }
}

/** The serve host's folder: $XDG_CONFIG_HOME/ackline (or the platform's equivalent). */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = env.HOME ?? env.USERPROFILE ?? '.'): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Ackline');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Ackline');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'ackline');
}
