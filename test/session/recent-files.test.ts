// The recent-files list: most recent first, one entry per path, at most the configured
// number; files that have gone stay listed, marked missing, until removed; size and date
// of the others; a damaged document reads as empty.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECENT, RecentFiles } from '../../electron/session/recent-files.js';
import { MemoryStorage } from '../../electron/session/storage.js';

describe('RecentFiles', () => {
  it('orders, de-duplicates, caps, and marks the files that have gone', async () => {
    const storage = new MemoryStorage();
    const gone = new Set<string>();
    let now = 0;
    const r = new RecentFiles(storage, { probe: async (p) => (gone.has(p) ? undefined : { size: p.length, modifiedAt: 7 }), now: () => ++now });
    for (let i = 0; i < 12; i++) await r.add(`/caps/f${i}.pcap`);
    await r.add('/caps/f5.pcap');
    const list = await r.list();
    expect(list).toHaveLength(DEFAULT_RECENT);
    expect(list.map((f) => f.name).slice(0, 3)).toEqual(['f5.pcap', 'f11.pcap', 'f10.pcap']);
    expect(list.filter((f) => f.path === '/caps/f5.pcap')).toHaveLength(1);
    expect(list[0]).toMatchObject({ size: '/caps/f5.pcap'.length, modifiedAt: 7, missing: false });
    gone.add('/caps/f11.pcap');
    expect((await r.list()).find((f) => f.name === 'f11.pcap')).toMatchObject({ missing: true });
    expect((await r.list()).find((f) => f.name === 'f11.pcap')?.size).toBeUndefined();
    expect((await r.remove('/caps/f11.pcap')).map((f) => f.name)).not.toContain('f11.pcap');
    expect(((await storage.read('recent-files')) as unknown[]).length).toBe(DEFAULT_RECENT - 1);
    await r.clear();
    expect(await r.list()).toEqual([]);
  });

  it('keeps to the configured length, and a shorter one trims what is stored', async () => {
    const storage = new MemoryStorage();
    let limit = 3;
    const r = new RecentFiles(storage, { probe: async () => ({ size: 1, modifiedAt: 1 }), limit: async () => limit });
    for (let i = 0; i < 5; i++) await r.add(`/caps/f${i}.pcap`);
    expect((await r.list()).map((f) => f.name)).toEqual(['f4.pcap', 'f3.pcap', 'f2.pcap']);
    limit = 1;
    expect((await r.list()).map((f) => f.name)).toEqual(['f4.pcap']);
    expect(((await storage.read('recent-files')) as unknown[]).length).toBe(1);
  });

  it('reads a damaged document as an empty list', async () => {
    const storage = new MemoryStorage();
    await storage.write('recent-files', { not: 'a list' });
    expect(await new RecentFiles(storage).list()).toEqual([]);
  });
});
