// The "Open Recent" list: most recent first, one entry per path, at most the configured number
// (Wireshark's "Show up to N files"), kept in Storage. Each listing says the size and date of
// every file as it is now; a file that has gone stays listed, marked missing, until the user
// removes it (Wireshark greys it), so a file on an unplugged disk is not forgotten.
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { RecentFile } from '../shared/contract.js';
import type { Storage } from './storage.js';

export type RecentFileEntry = z.infer<typeof RecentFile>;
export const DEFAULT_RECENT = 10;
const DOC = 'recent-files';

export interface FileFacts {
  size: number;
  /** ms since the epoch */
  modifiedAt: number;
}

/** Size and modification time of a regular file, undefined when there is none at `path`. */
export async function fileFacts(path: string): Promise<FileFacts | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? { size: s.size, modifiedAt: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

export interface RecentFilesOptions {
  probe?: (path: string) => Promise<FileFacts | undefined>;
  now?: () => number;
  /** The configured length (read at each use, so a changed preference applies at once). */
  limit?: () => Promise<number>;
}

type Stored = Pick<RecentFileEntry, 'path' | 'name' | 'openedAt'>;

export class RecentFiles {
  private readonly probe: (path: string) => Promise<FileFacts | undefined>;
  private readonly now: () => number;
  private readonly limit: () => Promise<number>;

  constructor(
    private readonly storage: Storage,
    o: RecentFilesOptions = {},
  ) {
    this.probe = o.probe ?? fileFacts;
    this.now = o.now ?? Date.now;
    this.limit = o.limit ?? (async () => DEFAULT_RECENT);
  }

  private async stored(): Promise<Stored[]> {
    const parsed = z.array(RecentFile).safeParse(await this.storage.read(DOC).catch(() => undefined));
    const all = parsed.success ? parsed.data.map((f) => ({ path: f.path, name: f.name, openedAt: f.openedAt })) : [];
    const max = await this.limit().catch(() => DEFAULT_RECENT);
    if (all.length <= max) return all;
    const kept = all.slice(0, max);
    await this.storage.write(DOC, kept);
    return kept;
  }

  async list(): Promise<RecentFileEntry[]> {
    const files = await this.stored();
    return Promise.all(
      files.map(async (f) => {
        const facts = await this.probe(f.path);
        return facts ? { ...f, size: facts.size, modifiedAt: facts.modifiedAt, missing: false } : { ...f, missing: true };
      }),
    );
  }

  async add(path: string): Promise<RecentFileEntry[]> {
    const name = path.split(/[\\/]/).pop() || path;
    const max = await this.limit().catch(() => DEFAULT_RECENT);
    const list = [{ path, name, openedAt: this.now() }, ...(await this.stored()).filter((f) => f.path !== path)].slice(0, max);
    await this.storage.write(DOC, list);
    return this.list();
  }

  async remove(path: string): Promise<RecentFileEntry[]> {
    await this.storage.write(DOC, (await this.stored()).filter((f) => f.path !== path));
    return this.list();
  }

  async clear(): Promise<void> {
    await this.storage.write(DOC, []);
  }
}
