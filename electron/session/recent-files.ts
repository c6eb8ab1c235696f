// The "Open Recent" list: most recent first, one entry per path, at most MAX_RECENT, kept in
// Storage. Entries whose file has gone are dropped when the list is read, as Wireshark does.
import { z } from 'zod';
import { RecentFile } from '../shared/contract.js';
import type { Storage } from './storage.js';

export type RecentFileEntry = z.infer<typeof RecentFile>;
export const MAX_RECENT = 10;
const DOC = 'recent-files';

export class RecentFiles {
  constructor(
    private readonly storage: Storage,
    /** Whether a path still names a file (checked on list). */
    private readonly exists: (path: string) => Promise<boolean>,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<RecentFileEntry[]> {
    const parsed = z.array(RecentFile).safeParse(await this.storage.read(DOC).catch(() => undefined));
    const all = parsed.success ? parsed.data : [];
    const kept: RecentFileEntry[] = [];
    for (const f of all) if (await this.exists(f.path)) kept.push(f);
    if (kept.length !== all.length) await this.storage.write(DOC, kept);
    return kept;
  }

  async add(path: string): Promise<RecentFileEntry[]> {
    const name = path.split(/[\\/]/).pop() || path;
    const list = [{ path, name, openedAt: this.now() }, ...(await this.list()).filter((f) => f.path !== path)].slice(0, MAX_RECENT);
    await this.storage.write(DOC, list);
    return list;
  }

  async clear(): Promise<void> {
    await this.storage.write(DOC, []);
  }
}
