// Session.openUpload with recording fakes: an upload opens once, under its own name and not
// as a recent file; the session owns the temporary copy while it shows it and deletes it
// when it shows something else, closes or ends; an upload it could not open (refused during
// a capture, not a capture file) is deleted at once; a host without uploads says so.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PreferenceStore } from '../../electron/session/preferences.js';
import { RecentFiles } from '../../electron/session/recent-files.js';
import { SampleCatalog } from '../../electron/session/samples.js';
import { Session } from '../../electron/session/session.js';
import { MemoryStorage } from '../../electron/session/storage.js';
import type { UploadedFile, UploadStore } from '../../electron/session/upload-store.js';
import { repoRoot } from '../support/captures.js';
import { FakeCapture, FakeConnector, ScriptedDialogs } from './fakes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-session-upload-'));

class FakeUploads implements UploadStore {
  private readonly files = new Map<string, UploadedFile>();
  add(id: string, name: string): string {
    const p = path.join(dir, id);
    // A pcap magic number: the session checks a file starts like a capture before it lets go of what is open.
    writeFileSync(p, Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1));
    this.files.set(id, { path: p, name, size: 4, release: () => unlink(p).catch(() => undefined) });
    return p;
  }
  take(id: string): UploadedFile | undefined {
    const f = this.files.get(id);
    this.files.delete(id);
    return f;
  }
}

/** `uploads`: null for a host that takes none. */
function setup(uploads: UploadStore | null = new FakeUploads()) {
  const engines = new FakeConnector();
  const storage = new MemoryStorage();
  const capture = new FakeCapture();
  const session = new Session({
    engines,
    dialogs: new ScriptedDialogs(),
    recent: new RecentFiles(storage),
    preferences: new PreferenceStore(storage),
    samples: new SampleCatalog(path.join(repoRoot, 'build/samples')),
    capture,
    ...(uploads ? { uploads } : {}),
    emit: () => undefined,
  });
  return { session, engines, uploads: uploads as FakeUploads, capture };
}

const id = (c: string): string => c.repeat(32);

describe('openUpload', () => {
  it('opens the upload under its name, once, not as a recent file', async () => {
    const t = setup();
    const p = t.uploads.add(id('a'), 'trace.pcapng');
    expect(await t.session.openUpload({ id: id('a') })).toEqual({ title: 'trace.pcapng', source: 'file', path: p, unsaved: false });
    expect((await t.session.recentFiles()).files).toEqual([]);
    await expect(t.session.openUpload({ id: id('a') })).rejects.toThrow(/gone/);
    expect(t.session.info().path).toBe(p);
    expect(existsSync(p)).toBe(true);
  });

  it('deletes the copy when another file, another upload or nothing replaces it, and at the end', async () => {
    const t = setup();
    const first = t.uploads.add(id('a'), 'one.pcap');
    const second = t.uploads.add(id('b'), 'two.pcap');
    await t.session.openUpload({ id: id('a') });
    await t.session.openUpload({ id: id('b') });
    await expect.poll(() => existsSync(first)).toBe(false);
    expect(existsSync(second)).toBe(true);
    await t.session.openSample({ id: 'arp' });
    await expect.poll(() => existsSync(second)).toBe(false);

    const third = t.uploads.add(id('c'), 'three.pcap');
    await t.session.openUpload({ id: id('c') });
    await t.session.close({ force: true });
    expect(existsSync(third)).toBe(false);

    const fourth = t.uploads.add(id('d'), 'four.pcap');
    await t.session.openUpload({ id: id('d') });
    await t.session.dispose();
    expect(existsSync(fourth)).toBe(false);
  });

  it('an upload that could not be opened (not a capture, refused during a capture) is deleted at once', async () => {
    const t = setup();
    const bad = t.uploads.add(id('b'), 'bad.pcap');
    t.engines.failNext = 'not a capture file';
    await expect(t.session.openUpload({ id: id('b') })).rejects.toThrow(/not a capture file/);
    expect(existsSync(bad)).toBe(false);

    const u = setup();
    await u.session.startCapture({ interface: 'lo', filter: '', snaplen: 65535, promiscuous: false, bufferSizeMb: 2 });
    const during = u.uploads.add(id('c'), 'during.pcap');
    expect((await u.session.openUpload({ id: id('c') })).source).toBe('capture');
    expect(existsSync(during)).toBe(false);
  });

  it('a host that takes no uploads says so', async () => {
    const t = setup(null);
    await expect(t.session.openUpload({ id: id('a') })).rejects.toThrow(/takes no uploads/);
  });
});
