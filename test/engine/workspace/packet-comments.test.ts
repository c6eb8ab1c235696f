// Packet comments in an open capture: read from pcapng opt_comment, shown as Wireshark's
// "Packet comments" node and the rows' comments, matched by frame.comment, edited by the
// user (Packet Comment…), kept by a pcapng export (an SPB packet turns into an EPB to keep
// them) and counted as lost by a pcap export. tshark reads the written files back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import type { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import type { ByteSink } from '../../../electron/engine/workspace/exporter.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { openWithExports } from './session-support.js';
import { haveTshark } from '../../support/tools.js';

const open = (rel: string) => openWithExports(rel);

const bytesOf = (parts: Uint8Array[] | undefined): Uint8Array => new Uint8Array(Buffer.concat(parts ?? []));
const commentsIn = (b: Uint8Array): (readonly string[] | undefined)[] => {
  const out: (readonly string[] | undefined)[] = [];
  expect(readCaptureBytes(b, { onPacket: (rec) => out.push(rec.comments) }).error).toBeNull();
  return out;
};
const tmp = mkdtempSync(path.join(tmpdir(), 'ackline-comments-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function displayedNumbers(session: EngineSession, filter: string): Promise<number[]> {
  const f = await session.setFilter({ expression: filter });
  expect(f.ok, filter).toBe(true);
  const r = await session.rows({ start: 0, count: 100 });
  return r.rows.map((row) => row.number);
}

describe.skipIf(!haveCaptures)('packet comments', () => {
  it('shows a comment as the Packet comments node, first in the tree, and in the row', async () => {
    const { session } = open('formats/with-comments.pcapng');
    const d = await session.packet({ index: 0 });
    expect(d.tree[0]).toMatchObject({ field: 'pkt_comment', label: 'Packet comments', children: [{ field: 'frame.comment', label: 'first packet: ARP who-has', value: 'first packet: ARP who-has' }] });
    expect(d.tree[1]?.field).toBe('frame');
    const rows = (await session.rows({ start: 0, count: 3 })).rows;
    expect(rows.map((r) => r.comments)).toEqual([['first packet: ARP who-has'], undefined, ['handshake starts here']]);
    expect((await session.packet({ index: 1 })).tree[0]?.field).toBe('frame');
  });

  it('frame.comment filters as in tshark', async () => {
    const { session } = open('formats/with-comments.pcapng');
    expect(await displayedNumbers(session, 'frame.comment')).toEqual([1, 3]);
    expect(await displayedNumbers(session, 'frame.comment contains "here"')).toEqual([3]);
    expect(await displayedNumbers(session, 'frame.comment == "first packet: ARP who-has"')).toEqual([1]);
    expect((await displayedNumbers(session, '!frame.comment')).length).toBe(11);
  });

  it('adds, edits and deletes comments; the tree, rows and filter follow', async () => {
    const { session } = open('formats/with-comments.pcapng');
    expect(session.setComments({ index: 4, comments: ['retry here?', 'second line'] })).toEqual({ commented: 3 });
    expect(session.setComments({ index: 0, comments: [] })).toEqual({ commented: 2 });
    expect(session.setComments({ index: 2, comments: ['edited'] })).toEqual({ commented: 2 });
    expect((await session.packet({ index: 4 })).tree[0]?.children?.map((c) => c.label)).toEqual(['retry here?', 'second line']);
    expect((await session.packet({ index: 0 })).tree[0]?.field).toBe('frame');
    expect(await displayedNumbers(session, 'frame.comment')).toEqual([3, 5]);
    expect(await displayedNumbers(session, 'frame.comment contains "here"')).toEqual([5]);
    expect(() => session.setComments({ index: 13, comments: ['x'] })).toThrow(/there is no packet 14/);
  });

  it('a pcapng export keeps the edited comments (tshark reads them back); pcap counts what it loses', async () => {
    const { session, written } = open('formats/with-comments.pcapng');
    session.setComments({ index: 4, comments: ['retry here?', 'second line'] });
    session.setComments({ index: 0, comments: [] });
    await session.exportTo({ token: 'ng', selection: { kind: 'all' }, format: 'pcapng' });
    const ng = bytesOf(written.get('ng'));
    const back = commentsIn(ng);
    expect(back[0]).toBeUndefined();
    expect(back[2]).toEqual(['handshake starts here']);
    expect(back[4]).toEqual(['retry here?', 'second line']);
    if (haveTshark) {
      const file = path.join(tmp, 'edited.pcapng');
      writeFileSync(file, ng);
      const out = execFileSync('tshark', ['-n', '-r', file, '-Y', 'frame.comment', '-T', 'fields', '-e', 'frame.number', '-e', 'frame.comment'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      expect(out).toBe('3\thandshake starts here\n5\tretry here?,second line\n');
    }
    const r = await session.exportTo({ token: 'p', selection: { kind: 'all' }, format: 'pcap' });
    expect(r.commentsLost).toBe(2);
    const plain = await session.exportTo({ token: 'p2', selection: { kind: 'range', first: 5, last: 8 }, format: 'pcap' });
    expect(plain.commentsLost).toBeUndefined();
  });

  it('a comment on a packet read from a Simple Packet Block is written as an EPB', async () => {
    const { session, written } = open('pcapng-suite/pcapng-test-generator/le/basic-test010.pcapng');
    session.setComments({ index: 1, comments: ['offer'] });
    await session.exportTo({ token: 'ng', selection: { kind: 'all' }, format: 'pcapng' });
    const types: number[] = [];
    const comments: (readonly string[] | undefined)[] = [];
    readCaptureBytes(bytesOf(written.get('ng')), { onPacket: (rec) => (types.push(rec.blockType), comments.push(rec.comments)) });
    expect(types).toEqual([3, 6, 3, 3]);
    expect(comments[1]).toEqual(['offer']);
  });
});
