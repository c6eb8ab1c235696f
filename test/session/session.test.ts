// Every session action through the shared session logic, with the engine, dialogs and
// capture process replaced by recording fakes: what is opened, what the renderer is told,
// where exports go, what the unsaved prompt does, and how an engine crash is survived.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { UnavailableCapture } from '../../electron/session/capture-launcher.js';
import { DEFAULT_PREFERENCES, PreferenceStore } from '../../electron/session/preferences.js';
import { RecentFiles } from '../../electron/session/recent-files.js';
import { SampleCatalog } from '../../electron/session/samples.js';
import { formatFor, Session } from '../../electron/session/session.js';
import { MemoryStorage } from '../../electron/session/storage.js';
import { repoRoot } from '../support/captures.js';
import { FakeCapture, FakeConnector, ScriptedDialogs } from './fakes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-session-'));
const fileA = path.join(dir, 'a.pcap');
const fileB = path.join(dir, 'b.pcapng');
// The first bytes are what tells a capture file (the engines here are fakes and read no further).
const PCAP = new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0]);
const PCAPNG = new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a]);
writeFileSync(fileA, PCAP);
writeFileSync(fileB, PCAPNG);
const notes = path.join(dir, 'notes.txt');
writeFileSync(notes, 'Meeting notes: capture the lab traffic on Tuesday.\n');
const PCAP_MAGIC = PCAP.subarray(0, 4);
mkdirSync(path.join(dir, 'folder'), { recursive: true });

type Event = { name: string; payload: unknown };

function setup(capture = new FakeCapture(), captureExclusion?: { filter: string; note: string }) {
  const engines = new FakeConnector();
  const dialogs = new ScriptedDialogs();
  const storage = new MemoryStorage();
  const preferences = new PreferenceStore(storage);
  const events: Event[] = [];
  const session = new Session({
    ...(captureExclusion ? { captureExclusion } : {}),
    engines,
    dialogs,
    recent: new RecentFiles(storage, { limit: async () => (await preferences.get()).recentFiles }),
    preferences,
    samples: new SampleCatalog(path.join(repoRoot, 'build/samples')),
    capture,
    emit: (name, payload) => void events.push({ name, payload }),
  });
  const messages = () => events.filter((e) => e.name === 'message').map((e) => (e.payload as { text: string }).text);
  const sessions = () => events.filter((e) => e.name === 'session').map((e) => e.payload as { source: string; title: string });
  return { session, engines, dialogs, storage, events, messages, sessions, capture };
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

describe('opening', () => {
  it('openPath starts an engine for the file, announces it, and remembers it', async () => {
    const info = await t.session.openPath({ path: fileA });
    expect(info).toEqual({ title: 'a.pcap', source: 'file', path: fileA, unsaved: false });
    expect(t.engines.last?.source).toEqual({ path: fileA, live: false });
    expect(t.sessions()).toEqual([info]);
    expect((await t.session.recentFiles()).files.map((f) => f.path)).toEqual([fileA]);
  });

  it('opening another file replaces (and stops) the previous engine', async () => {
    await t.session.openPath({ path: fileA });
    await t.session.openPath({ path: fileB });
    expect(t.engines.engines[0]?.killed).toBe(true);
    expect(t.session.info().title).toBe('b.pcapng');
    expect((await t.session.recentFiles()).files.map((f) => f.name)).toEqual(['b.pcapng', 'a.pcap']);
  });

  it('refuses missing files and folders with a clear error, and keeps what was open', async () => {
    await t.session.openPath({ path: fileA });
    await expect(t.session.openPath({ path: path.join(dir, 'nope.pcap') })).rejects.toThrow(/no such file/);
    await expect(t.session.openPath({ path: path.join(dir, 'folder') })).rejects.toThrow(/folder/);
    expect(t.session.info().path).toBe(fileA);
    expect(t.engines.last?.killed).toBe(false);
  });

  it('refuses what is not a capture before replacing anything: devices, FIFOs, non-captures, empty files, gzip of text', async () => {
    await t.session.openPath({ path: fileA });
    const fifo = path.join(dir, 'pipe');
    if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
    const sparse = path.join(dir, 'sparse.pcap');
    writeFileSync(sparse, '');
    truncateSync(sparse, 4 * 1024 ** 3);
    const empty = path.join(dir, 'empty.pcap');
    writeFileSync(empty, '');
    const textGz = path.join(dir, 'text.pcap.gz');
    writeFileSync(textGz, gzipSync(Buffer.from('hello\n'.repeat(1000))));
    const cutGz = path.join(dir, 'cut.pcap.gz');
    writeFileSync(cutGz, gzipSync(Buffer.concat([PCAP_MAGIC, Buffer.alloc(5000, 7)])).subarray(0, 11));
    const cases: [string, string][] = [
      ['/dev/zero', '/dev/zero: not a capture file (it is a special file)'],
      [fifo, `${fifo}: not a capture file (it is a special file)`],
      [sparse, `${sparse}: unknown file format`],
      [empty, `${empty}: truncated dump file; tried to read 4 file header bytes, only got 0`],
      [textGz, `${textGz}: unknown file format`],
      [cutGz, `${cutGz}: gzip data cut short: unexpected end of file`],
    ];
    for (const [p, message] of cases) {
      const t0 = performance.now();
      await expect(t.session.openPath({ path: p })).rejects.toThrow(message);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
    expect(t.session.info().path).toBe(fileA);
    expect(t.engines.engines).toHaveLength(1);
    expect(t.engines.last?.killed).toBe(false);
  });

  it('a gzip-compressed capture opens under its own name; save as and export offer names without .gz', async () => {
    const gz = path.join(dir, 'trace.pcap.gz');
    writeFileSync(gz, gzipSync(PCAP_MAGIC));
    const info = await t.session.openPath({ path: gz });
    expect(info).toMatchObject({ title: 'trace.pcap.gz', path: gz, source: 'file' });
    expect(t.engines.last?.source).toEqual({ path: gz, live: false });
    t.dialogs.saveAnswers = [undefined, undefined];
    await t.session.save({ as: true });
    await t.session.exportPackets({ selection: { kind: 'all' }, format: 'pcapng' });
    expect(t.dialogs.asked).toEqual(['save:Save Capture File As:trace.pcap:pcapng', 'save:Export Specified Packets:trace-all.pcapng:pcapng']);
  });

  it('an engine that fails to open leaves the session empty, and it can open again', async () => {
    t.engines.failNext = 'not a capture file';
    await expect(t.session.openPath({ path: fileA })).rejects.toThrow(/not a capture file/);
    expect(t.session.info().source).toBe('none');
    await t.session.openPath({ path: fileA });
    expect(t.session.info().source).toBe('file');
  });

  it('opens asked for at once run in order: the last one wins and no engine is left behind', async () => {
    const [a, b] = await Promise.all([t.session.openPath({ path: fileA }), t.session.openPath({ path: fileB })]);
    expect(a.path).toBe(fileA);
    expect(b.path).toBe(fileB);
    expect(t.session.info().path).toBe(fileB);
    expect(t.engines.engines.map((e) => e.killed)).toEqual([true, false]);
    expect(t.sessions().map((x) => x.title)).toEqual(['a.pcap', 'b.pcapng']);
  });

  it('openDialog opens what the user picked, and nothing when cancelled', async () => {
    t.dialogs.openAnswers = [undefined, fileB];
    expect((await t.session.openDialog()).source).toBe('none');
    expect(t.engines.engines).toHaveLength(0);
    expect((await t.session.openDialog()).path).toBe(fileB);
  });

  it('openBytes writes the dropped bytes to a private file and opens it under its name', async () => {
    const info = await t.session.openBytes({ name: '../../etc/evil.pcap', bytes: PCAP });
    expect(info.title).toBe('evil.pcap');
    expect(info.path).not.toContain('/etc/');
    expect(t.engines.last?.source.path).toBe(info.path);
    // Dropped bytes are not a file of the user's disk: they do not enter the recent list.
    expect((await t.session.recentFiles()).files).toEqual([]);
    await t.session.dispose();
    await expect(access(info.path!)).rejects.toThrow();
  });

  it('lists the bundled samples and opens one by id', async () => {
    const { samples } = await t.session.samples();
    expect(samples.map((s) => s.id)).toEqual(['tcp-handshake', 'tcp-close', 'tcp-syn-retries', 'tcp-rst-closed-port', 'dhcp', 'arp']);
    const info = await t.session.openSample({ id: 'tcp-syn-retries' });
    expect(info.title).toBe('SYN retries');
    expect(t.engines.last?.source.path).toBe(path.join(repoRoot, 'build/samples/tcp-syn-retries.pcapng'));
    await expect(t.session.openSample({ id: '../../package' })).rejects.toThrow(/no sample/);
  });
});

describe('saving and exporting', () => {
  it('save of an unchanged file is Save As (as in Wireshark); save as asks where and writes everything', async () => {
    await t.session.openPath({ path: fileA });
    t.dialogs.saveAnswers = [undefined];
    expect(await t.session.save({ as: false })).toEqual({ saved: false });
    expect(t.dialogs.asked).toEqual(['save:Save Capture File As:a.pcap:pcapng']);
    const target = path.join(dir, 'copy.pcap');
    t.dialogs.saveAnswers = [{ path: target }];
    expect(await t.session.save({ as: true })).toEqual({ saved: true, path: target });
    expect(t.engines.last?.exports).toEqual([{ path: target, selection: { kind: 'all' }, format: 'pcap' }]);
    expect(t.session.info()).toMatchObject({ title: 'copy.pcap', path: target });
  });

  it('export asks where with a name saying what is exported, and exports that selection', async () => {
    await t.session.openPath({ path: fileA });
    const target = path.join(dir, 'out.pcapng');
    t.dialogs.saveAnswers = [{ path: target }];
    const r = await t.session.exportPackets({ selection: { kind: 'displayed' }, format: 'pcapng' });
    expect(r).toEqual({ saved: true, path: target, packets: 4 });
    expect(t.dialogs.asked).toEqual(['save:Export Specified Packets:a-displayed.pcapng:pcapng']);
    expect(t.engines.last?.exports[0]).toEqual({ path: target, selection: { kind: 'displayed' }, format: 'pcapng' });
  });

  it('a host that hands files over (serve) gets the download URL back, not a path', async () => {
    await t.session.openPath({ path: fileA });
    t.dialogs.saveAnswers = [{ path: path.join(dir, 'dl.pcap'), url: '/download/x/dl.pcap?token=t' }];
    expect(await t.session.exportPackets({ selection: { kind: 'range', first: 0, last: 1 }, format: 'pcap' })).toEqual({ saved: true, url: '/download/x/dl.pcap?token=t', packets: 4 });
  });

  it('cancelled dialogs save nothing; nothing open means a clear error', async () => {
    await expect(t.session.save({ as: true })).rejects.toThrow(/Nothing to save/);
    await expect(t.session.exportPackets({ selection: { kind: 'all' }, format: 'pcap' })).rejects.toThrow(/Nothing to export/);
    await t.session.openPath({ path: fileA });
    t.dialogs.saveAnswers = [undefined];
    expect(await t.session.exportPackets({ selection: { kind: 'all' }, format: 'pcap' })).toEqual({ saved: false, packets: 0 });
    expect(t.engines.last?.exports).toEqual([]);
  });

  it('saving or exporting as pcap says how many packets lost their comments', async () => {
    await t.session.openPath({ path: fileA });
    t.engines.last!.commentsLost = 3;
    t.dialogs.saveAnswers = [{ path: path.join(dir, 'c.pcap') }, { path: path.join(dir, 'd.pcap') }];
    await t.session.exportPackets({ selection: { kind: 'all' }, format: 'pcap' });
    await t.session.save({ as: true });
    expect(t.messages()).toEqual([
      'Saved as pcap: the comments of 3 packets were not kept (pcap cannot store comments; save as pcapng to keep them).',
      'Saved as pcap: the comments of 3 packets were not kept (pcap cannot store comments; save as pcapng to keep them).',
    ]);
    t.engines.last!.commentsLost = undefined;
    t.dialogs.saveAnswers = [{ path: path.join(dir, 'e.pcapng') }];
    await t.session.exportPackets({ selection: { kind: 'all' }, format: 'pcapng' });
    expect(t.messages()).toHaveLength(2);
  });

  it('Export Packet Dissections asks where, named after the file, the part and the format', async () => {
    await t.session.openPath({ path: fileA });
    const target = path.join(dir, 'a.csv');
    t.dialogs.saveAnswers = [{ path: target }, undefined];
    const request = { selection: { kind: 'marked' as const }, format: 'csv' as const, summary: true, details: false };
    expect(await t.session.exportDissections(request)).toEqual({ saved: true, path: target, packets: 4 });
    expect(await t.session.exportDissections({ ...request, selection: { kind: 'all' }, format: 'text' })).toEqual({ saved: false, packets: 0 });
    expect(t.dialogs.asked).toEqual(['file:Export Packet Dissections:a-marked.csv:csv', 'file:Export Packet Dissections:a-all.txt:text']);
    expect(t.engines.last?.dissections).toEqual([{ path: target, request }]);
  });

  it('formatFor follows the extension', () => {
    expect(formatFor('x.pcap', 'pcapng')).toBe('pcap');
    expect(formatFor('x.CAP', 'pcapng')).toBe('pcap');
    expect(formatFor('x.pcapng', 'pcap')).toBe('pcapng');
    expect(formatFor('x', 'pcap')).toBe('pcap');
  });
});

describe('live capture, unsaved prompt, close', () => {
  const opts = { interface: 'lo', filter: '', snaplen: 262144, promiscuous: true, bufferSizeMb: 2 };

  it('start follows the capture file live; stop returns the counters and ends following', async () => {
    const info = await t.session.startCapture(opts);
    expect(info).toMatchObject({ title: 'lo', source: 'capture', unsaved: true, backend: 'native' });
    expect(t.engines.last?.source.live).toBe(true);
    await expect(t.session.startCapture(opts)).rejects.toThrow(/already running/);
    expect((await t.session.stopCapture()).stats.droppedByKernel).toBe(1);
    expect(t.engines.last?.stopped).toBe(true);
    await expect(t.session.stopCapture()).rejects.toThrow(/No capture/);
  });

  it('tells the window when the capture stops, whether asked to or by itself', async () => {
    expect(await t.session.startCapture(opts)).toMatchObject({ source: 'capture', live: true });
    await t.session.stopCapture();
    expect(t.sessions().at(-1)).toMatchObject({ source: 'capture', live: false });
    await t.session.close({ force: true });
    await t.session.startCapture(opts);
    t.capture.handles.at(-1)!.exit('the adapter went down');
    expect(t.sessions().at(-1)).toMatchObject({ source: 'capture', live: false });
    expect(t.messages().at(-1)).toMatch(/The capture stopped: the adapter went down/);
  });

  it('a dropped file that is not a capture is refused under its own name; what is open stays', async () => {
    await t.session.openPath({ path: fileA });
    await expect(t.session.openBytes({ name: 'notes.txt', bytes: Buffer.from('my notes') })).rejects.toThrow(/^notes\.txt: unknown file format; "a\.pcap" is still open$/);
    expect(t.session.info().path).toBe(fileA);
    expect(t.engines.engines).toHaveLength(1);
  });

  it('a drop (any open) during a live capture is refused with a message', async () => {
    await t.session.startCapture(opts);
    const before = t.engines.engines.length;
    const info = await t.session.openPath({ path: fileA });
    expect(info.source).toBe('capture');
    expect(t.engines.engines.length).toBe(before);
    expect(t.messages()).toEqual(['A capture is running: stop it (Ctrl+E) before opening a file.']);
    await t.session.openBytes({ name: 'x.pcap', bytes: PCAP });
    expect(t.messages()).toHaveLength(2);
  });

  it('a failed preflight is the error, with its fix; capture rights missing where unavailable', async () => {
    t.capture.pre = { ok: false, problem: 'You may not capture on lo.', fix: 'sudo usermod -aG ackline you' };
    await expect(t.session.startCapture(opts)).rejects.toThrow('You may not capture on lo.\nsudo usermod -aG ackline you');
    const u = setup(new UnavailableCapture() as unknown as FakeCapture);
    const pre = await u.session.preflight({ interface: 'eth0' });
    expect(pre.ok).toBe(false);
    expect(pre.problem).toMatch(/not available/);
    expect(pre.fix).toMatch(/package/);
    expect((await u.session.interfaces()).interfaces).toEqual([]);
  });

  it('close of an unsaved capture asks: cancel keeps it, save saves then closes, discard closes', async () => {
    await t.session.startCapture(opts);
    await t.session.stopCapture();
    t.dialogs.unsavedAnswers = ['cancel'];
    expect(await t.session.close({ force: false })).toEqual({ closed: false, needsConfirm: false });
    expect(t.session.info().source).toBe('capture');
    const target = path.join(dir, 'saved.pcapng');
    t.dialogs.unsavedAnswers = ['save'];
    t.dialogs.saveAnswers = [{ path: target }];
    expect(await t.session.close({ force: false })).toEqual({ closed: true, needsConfirm: false });
    expect(t.engines.engines[0]?.exports[0]?.path).toBe(target);
    expect(t.session.info().source).toBe('none');
    expect(t.sessions().at(-1)?.source).toBe('none');

    await t.session.startCapture(opts);
    await t.session.stopCapture();
    t.dialogs.unsavedAnswers = ['discard'];
    expect((await t.session.close({ force: false })).closed).toBe(true);
    expect(t.engines.last?.killed).toBe(true);
  });

  it('a host without its own prompt (serve) answers needsConfirm; force closes', async () => {
    const s = setup();
    (s.dialogs as { confirmUnsaved?: unknown }).confirmUnsaved = undefined;
    await s.session.startCapture(opts);
    await s.session.stopCapture();
    expect(await s.session.close({ force: false })).toEqual({ closed: false, needsConfirm: true });
    expect(await s.session.close({ force: true })).toEqual({ closed: true, needsConfirm: false });
  });

  it('a file with a comment written is unsaved: closing asks, saving settles it', async () => {
    const s = setup();
    (s.dialogs as { confirmUnsaved?: unknown }).confirmUnsaved = undefined;
    expect(s.session.markEdited().unsaved).toBe(false);
    await s.session.openPath({ path: fileA });
    const before = s.sessions().length;
    expect(s.session.markEdited()).toMatchObject({ source: 'file', unsaved: true });
    expect(s.sessions().length).toBe(before + 1);
    s.session.markEdited();
    expect(s.sessions().length).toBe(before + 1);
    expect(await s.session.close({ force: false })).toEqual({ closed: false, needsConfirm: true });
    s.dialogs.saveAnswers = [{ path: path.join(dir, 'edited.pcapng') }];
    expect((await s.session.save({ as: false })).saved).toBe(true);
    expect(s.session.info().unsaved).toBe(false);
    expect(await s.session.close({ force: false })).toEqual({ closed: true, needsConfirm: false });
  });

  it('quit asks about unsaved captures and not about files', async () => {
    await t.session.openPath({ path: fileA });
    expect(await t.session.confirmQuit()).toBe(true);
    await t.session.startCapture(opts);
    t.dialogs.unsavedAnswers = ['cancel'];
    expect(await t.session.confirmQuit()).toBe(false);
    expect(t.dialogs.asked).toContain('unsaved:quit');
  });

  it('capture filter checks and interfaces come from the capture launcher', async () => {
    expect(await t.session.checkCaptureFilter({ filter: 'bad' })).toEqual({ ok: false, error: 'syntax error' });
    expect((await t.session.interfaces()).interfaces[0]?.name).toBe('lo');
  });
});

describe('engine crash', () => {
  it('is reported as a message, the session goes empty keeping the path, and it reopens', async () => {
    await t.session.openPath({ path: fileA });
    t.engines.last?.crash('the engine crashed: out of memory');
    expect(t.messages()[0]).toMatch(/stopped unexpectedly \(the engine crashed: out of memory\).*open the file again/);
    expect(t.session.info()).toMatchObject({ source: 'none', path: fileA });
    await expect(t.session.save({ as: true })).rejects.toThrow(/Nothing to save/);
    const info = await t.session.openPath({ path: t.session.info().path! });
    expect(info.source).toBe('file');
  });

  it('a planned stop (kill on replace) is not reported', async () => {
    await t.session.openPath({ path: fileA });
    await t.session.openPath({ path: fileB });
    expect(t.messages()).toEqual([]);
  });
});

describe('preferences', () => {
  it('defaults, validated updates, and field-by-field recovery of a damaged file', async () => {
    expect(await t.session.getPreferences()).toEqual(DEFAULT_PREFERENCES);
    const next = { ...DEFAULT_PREFERENCES, theme: 'dark' as const };
    expect(await t.session.setPreferences(next)).toEqual(next);
    const s = setup();
    await s.storage.write('preferences', { theme: 'light', timeFormat: 'nonsense', colorRules: 'x' });
    const p = await s.session.getPreferences();
    expect(p.theme).toBe('light');
    expect(p.timeFormat).toBe(DEFAULT_PREFERENCES.timeFormat);
    expect(p.colorRules).toEqual(DEFAULT_PREFERENCES.colorRules);
  });

  it('keeps the packet list\'s column widths; a file from before them, or with a bad width, keeps the rest', async () => {
    const s = setup();
    const { columnWidths: _none, ...before } = DEFAULT_PREFERENCES;
    await s.storage.write('preferences', { ...before, theme: 'dark' });
    expect(await s.session.getPreferences()).toMatchObject({ theme: 'dark', columnWidths: {} });
    const widths = { src: 220, info: 40 };
    expect((await s.session.setPreferences({ ...DEFAULT_PREFERENCES, columnWidths: widths })).columnWidths).toEqual(widths);
    // Read back from disk by a new host (a restart).
    const again = setup();
    await again.storage.write('preferences', await s.storage.read('preferences'));
    expect((await again.session.getPreferences()).columnWidths).toEqual(widths);
    await expect(s.session.setPreferences({ ...DEFAULT_PREFERENCES, columnWidths: { src: -5 } })).rejects.toThrow();
    await again.storage.write('preferences', { ...DEFAULT_PREFERENCES, theme: 'light', columnWidths: { src: 'wide' } });
    const third = setup();
    await third.storage.write('preferences', await again.storage.read('preferences'));
    expect(await third.session.getPreferences()).toMatchObject({ theme: 'light', columnWidths: {} });
  });

  it('keeps the custom columns (order, titles, hidden); a file from before them, or with a bad one, keeps the rest', async () => {
    const s = setup();
    const { customColumns: _none, ...before } = DEFAULT_PREFERENCES;
    await s.storage.write('preferences', { ...before, theme: 'dark' });
    expect(await s.session.getPreferences()).toMatchObject({ theme: 'dark', customColumns: [] });
    const columns = [
      { field: 'tcp.window_size_value', title: 'Window', hidden: false },
      { field: 'ip.ttl', title: 'TTL', hidden: true },
    ];
    expect((await s.session.setPreferences({ ...DEFAULT_PREFERENCES, customColumns: columns })).customColumns).toEqual(columns);
    const again = setup();
    await again.storage.write('preferences', await s.storage.read('preferences'));
    expect((await again.session.getPreferences()).customColumns).toEqual(columns);
    await expect(s.session.setPreferences({ ...DEFAULT_PREFERENCES, customColumns: [{ field: 'ip ttl', title: 'x', hidden: false }] })).rejects.toThrow();
    await again.storage.write('preferences', { ...DEFAULT_PREFERENCES, theme: 'light', customColumns: [{ field: 'ip.ttl', title: '', hidden: false }] });
    const third = setup();
    await third.storage.write('preferences', await again.storage.read('preferences'));
    expect(await third.session.getPreferences()).toMatchObject({ theme: 'light', customColumns: [] });
  });

  it('a default colouring filter stored by an earlier release is read as today\'s (one that compiles)', async () => {
    const s = setup();
    const old = DEFAULT_PREFERENCES.colorRules.map((r) => (r.name === 'HTTP' ? { ...r, filter: 'http || tcp.port == 80 || http2' } : r));
    await s.storage.write('preferences', { ...DEFAULT_PREFERENCES, colorRules: [...old, { name: 'Mine', filter: 'udp.port == 9', fg: '#000000', bg: '#ffffff', enabled: true }] });
    const p = await s.session.getPreferences();
    expect(p.colorRules.find((r) => r.name === 'HTTP')?.filter).toBe('http || tcp.port == 80');
    expect(p.colorRules.at(-1)?.filter).toBe('udp.port == 9');
  });
});

describe('files as a user handles them (issue 15)', () => {
  it('a file that is not a capture is refused with a message, and what is open stays open', async () => {
    await t.session.openPath({ path: fileA });
    const before = t.sessions().length;
    await expect(t.session.openPath({ path: notes })).rejects.toThrow(/notes\.txt: unknown file format; ".*" is still open$/);
    await expect(t.session.openBytes({ name: 'notes.txt', bytes: new TextEncoder().encode('Meeting notes') })).rejects.toThrow(/^notes\.txt: unknown file format; ".*" is still open$/);
    await expect(t.session.openBytes({ name: 'tiny.pcap', bytes: new Uint8Array([0xd4]) })).rejects.toThrow(/^tiny\.pcap: .*; ".*" is still open$/);
    expect(t.session.info()).toMatchObject({ source: 'file', path: fileA });
    expect(t.engines.engines).toHaveLength(1);
    expect(t.engines.last?.killed).toBe(false);
    expect(t.sessions()).toHaveLength(before);
  });

  it('Save of a capture nobody saved yet is Save; the host that hands files over gets its URL back', async () => {
    await t.session.startCapture({ interface: 'lo', filter: '', snaplen: 262144, promiscuous: true, bufferSizeMb: 2 });
    await t.session.stopCapture();
    t.dialogs.saveAnswers = [{ path: path.join(dir, 'live.pcapng'), url: '/download/abc/live.pcapng?token=t' }];
    expect(await t.session.save({ as: false })).toEqual({ saved: true, url: '/download/abc/live.pcapng?token=t' });
    expect(t.dialogs.asked.at(-1)).toMatch(/^save:Save Capture File:[^:]+\.pcapng:pcapng$/);
  });

  it('names exports after the capture and the part exported, never after a private temporary name', async () => {
    await t.session.openBytes({ name: 'trace.pcap', bytes: PCAP });
    t.dialogs.saveAnswers = [undefined, undefined];
    await t.session.exportPackets({ selection: { kind: 'flow', flow: 3 }, format: 'pcapng' });
    await t.session.save({ as: true });
    expect(t.dialogs.asked).toEqual(['save:Export Specified Packets:trace-flow-3.pcapng:pcapng', 'save:Save Capture File As:trace.pcap:pcapng']);
    expect(path.basename(t.session.info().path!)).toBe('trace.pcap');
    await t.session.close({ force: true });
    await t.session.startCapture({ interface: 'lo', filter: '', snaplen: 262144, promiscuous: true, bufferSizeMb: 2 });
    t.dialogs.saveAnswers = [undefined];
    await t.session.exportPackets({ selection: { kind: 'displayed' }, format: 'pcap' });
    expect(t.dialogs.asked.at(-1)).toBe('save:Export Specified Packets:lo-displayed.pcap:pcap');
  });

  it('recent files keep missing ones (marked), say size and date, can lose one, and keep to the configured length', async () => {
    const gone = path.join(dir, 'gone.pcap');
    writeFileSync(gone, PCAP);
    await t.session.openPath({ path: gone });
    await t.session.openPath({ path: fileA });
    rmSync(gone);
    const files = (await t.session.recentFiles()).files;
    expect(files.map((f) => [f.name, f.missing ?? false])).toEqual([['a.pcap', false], ['gone.pcap', true]]);
    expect(files[0]).toMatchObject({ size: PCAP.length });
    expect(files[0]!.modifiedAt).toBeGreaterThan(Date.now() - 3_600_000);
    expect((await t.session.removeRecent({ path: gone })).files.map((f) => f.name)).toEqual(['a.pcap']);
    // A shorter configured list drops the oldest at once.
    await t.session.openPath({ path: fileB });
    await t.session.setPreferences({ ...(await t.session.getPreferences()), recentFiles: 1 });
    expect((await t.session.recentFiles()).files.map((f) => f.name)).toEqual(['b.pcapng']);
  });

  it('capture defaults: the serve host leaves out its own connection, the desktop app nothing', async () => {
    expect(await t.session.captureDefaults()).toEqual({ filter: '' });
    const served = setup(new FakeCapture(), { filter: 'not (host 127.0.0.1 and tcp port 8123)', note: 'this page’s connection to the Ackline server' });
    expect(await served.session.captureDefaults()).toEqual({ filter: 'not (host 127.0.0.1 and tcp port 8123)', note: 'this page’s connection to the Ackline server' });
  });
});
