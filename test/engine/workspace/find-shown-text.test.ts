// Find (string) looks in the Info text the list shows: tcpdump's line, or Wireshark's when
// the Info preference says so ("Standard query" is only in Wireshark's DNS text).
import { describe, expect, it } from 'vitest';
import { haveCaptures, readCapture, readText } from '../../support/captures.js';
import { openBytes } from './session-support.js';

describe.skipIf(!haveCaptures)('Find in the Info column shown (engine session)', () => {
  it('finds Wireshark’s text when it is shown, tcpdump’s otherwise', async () => {
    const { session } = openBytes(readCapture('scenarios/dns-queries.pcap'));
    const ws = readText('scenarios/dns-queries.pcap.tshark.tsv').split('\n').slice(1).filter((l) => l).map((l) => l.split('\t').at(-1)!);
    const want = ws.findIndex((s) => s.includes('Standard query response'));
    expect(want).toBeGreaterThan(0);
    const q = { from: -1, text: 'standard query RESPONSE', mode: 'string' as const, backwards: false };
    expect((await session.find(q)).displayIndex).toBe(-1);
    session.setInfoColumn({ info: 'wireshark' });
    expect((await session.find(q)).displayIndex).toBe(want);
    // Backwards from the start wraps to the last match.
    const last = ws.length - 1 - [...ws].reverse().findIndex((s) => s.toLowerCase().includes('standard query response'));
    expect((await session.find({ ...q, backwards: true })).displayIndex).toBe(last);
    session.setInfoColumn({ info: 'tcpdump' });
    expect((await session.find({ ...q, text: 'A? ' })).displayIndex).toBeGreaterThanOrEqual(0);
    expect((await session.find(q)).displayIndex).toBe(-1);
  });
});
