// Ignored packets (Edit › Ignore Packet, Ctrl+D): shown as <Ignored> with only the frame in
// the tree, matched by no display filter, left out of the statistics and of every export;
// Ignore All Displayed and Unignore All. Written files are read back (and counted by tshark).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import type { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import type { ByteSink } from '../../../electron/engine/workspace/exporter.js';
import { EngineMethods } from '../../../electron/shared/contract.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { openWithExports } from './session-support.js';
import { haveTshark } from '../../support/tools.js';

const FILE = 'scenarios/tcp-handshake-data-client-close.pcap';

const open = () => openWithExports(FILE);

const numbers = async (s: EngineSession): Promise<number[]> => (await s.rows({ start: 0, count: 100 })).rows.map((r) => r.number);
const tmp = mkdtempSync(path.join(tmpdir(), 'ackline-ignored-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!haveCaptures)('ignored packets', () => {
  it('shows an ignored packet as <Ignored>, undissected, and brings it back', async () => {
    const { session } = open();
    expect(session.ignore({ what: 'packet', index: 2, ignored: true })).toEqual({ ignored: 1 });
    const rows = (await session.rows({ start: 0, count: 4 })).rows;
    expect(EngineMethods.rows[1].safeParse({ rows, displayed: 13 }).success).toBe(true);
    expect(rows[2]).toMatchObject({ number: 3, info: '<Ignored>', src: '', dst: '', protocol: '', ignored: true, length: 74 });
    expect(rows[3]?.ignored).toBeUndefined();
    const d = await session.packet({ index: 2 });
    expect(d.line).toBe('<Ignored>');
    expect(d.tree.map((n) => n.field)).toEqual(['frame']);
    expect(d.tree[0]?.children?.map((c) => c.label)).toEqual(['Frame Number: 3', 'Frame Length: 74 bytes (592 bits)', 'Capture Length: 74 bytes (592 bits)', '[Frame is ignored: True]']);
    expect(session.ignore({ what: 'packet', index: 2, ignored: false })).toEqual({ ignored: 0 });
    expect((await session.rows({ start: 2, count: 1 })).rows[0]?.info).toMatch(/Flags \[S\]/);
    expect(() => session.ignore({ what: 'packet', index: 13, ignored: true })).toThrow(/there is no packet 14/);
  });

  it('matches no display filter; Ignore All Displayed and Unignore All', async () => {
    const { session } = open();
    session.ignore({ what: 'packet', index: 2, ignored: true });
    await session.setFilter({ expression: 'tcp.flags.syn == 1' });
    expect(await numbers(session)).toEqual([4]);
    await session.setFilter({ expression: 'arp' });
    expect(session.ignore({ what: 'displayed' })).toEqual({ ignored: 3 });
    await session.setFilter({ expression: '' });
    expect((await session.rows({ start: 0, count: 13 })).rows.filter((r) => r.ignored).map((r) => r.number)).toEqual([1, 2, 3]);
    expect(session.ignore({ what: 'none' })).toEqual({ ignored: 0 });
    expect((await session.rows({ start: 0, count: 13 })).rows.some((r) => r.ignored)).toBe(false);
  });

  it('leaves ignored packets out of the statistics', async () => {
    const { session } = open();
    const before = await session.statisticsTables({ displayed: false });
    session.ignore({ what: 'packet', index: 0, ignored: true });
    session.ignore({ what: 'packet', index: 1, ignored: true });
    const after = await session.statisticsTables({ displayed: false });
    expect(before.packets).toBe(13);
    expect(after.packets).toBe(11);
    const eth = after.hierarchy.find((n) => n.protocol === 'eth');
    expect(eth?.frames).toBe(11);
    expect(eth?.children.map((c) => c.protocol)).toEqual(['ip']);
    expect(after.conversations.eth.length).toBe(1);
  });

  it('drops ignored packets from every export', async () => {
    const { session, written } = open();
    session.mark({ index: 2, marked: true });
    session.mark({ index: 3, marked: true });
    session.ignore({ what: 'packet', index: 2, ignored: true });
    session.ignore({ what: 'packet', index: 5, ignored: true });
    for (const [token, selection, n] of [
      ['all', { kind: 'all' as const }, 11],
      ['marked', { kind: 'marked' as const }, 1],
      ['range', { kind: 'range' as const, first: 0, last: 5 }, 4],
    ] as const) {
      const r = await session.exportTo({ token, selection, format: 'pcapng' });
      expect(r.packets, token).toBe(n);
      const lengths: number[] = [];
      expect(readCaptureBytes(new Uint8Array(Buffer.concat(written.get(token)!)), { onPacket: (rec) => lengths.push(rec.wirelen) }).error).toBeNull();
      expect(lengths.length, token).toBe(n);
    }
    if (haveTshark) {
      const file = path.join(tmp, 'all.pcapng');
      writeFileSync(file, Buffer.concat(written.get('all')!));
      const out = execFileSync('tshark', ['-n', '-r', file, '-T', 'fields', '-e', 'frame.len'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      expect(out.trim().split('\n')).toHaveLength(11);
    }
  });
});
