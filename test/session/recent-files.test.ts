// The recent-files list: most recent first, one entry per path, at most ten, files that
// have gone are dropped, a damaged document reads as empty.
import { describe, expect, it } from 'vitest';
import { MAX_RECENT, RecentFiles } from '../../electron/session/recent-files.js';
import { MemoryStorage } from '../../electron/session/storage.js';

describe('RecentFiles', () => {
  it('orders, de-duplicates, caps and prunes', async () => {
    const storage = new MemoryStorage();
    const gone = new Set<string>();
    let now = 0;
    const r = new RecentFiles(storage, async (p) => !gone.has(p), () => ++now);
    for (let i = 0; i < 12; i++) await r.add(`/caps/f${i}.pcap`);
    await r.add('/caps/f5.pcap');
    const list = await r.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.map((f) => f.name).slice(0, 3)).toEqual(['f5.pcap', 'f11.pcap', 'f10.pcap']);
    expect(list.filter((f) => f.path === '/caps/f5.pcap')).toHaveLength(1);
    gone.add('/caps/f11.pcap');
    expect((await r.list()).map((f) => f.name)).not.toContain('f11.pcap');
    expect(((await storage.read('recent-files')) as unknown[]).length).toBe(MAX_RECENT - 1);
    await r.clear();
    expect(await r.list()).toEqual([]);
  });

  it('reads a damaged document as an empty list', async () => {
    const storage = new MemoryStorage();
    await storage.write('recent-files', { not: 'a list' });
    expect(await new RecentFiles(storage, async () => true).list()).toEqual([]);
  });
});
