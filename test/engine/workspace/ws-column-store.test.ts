// The Info preference in the engine: with "wireshark" the rows carry Wireshark's Protocol and
// Info columns (the ones `ackline tshark` prints, checked against tshark's own), for any window
// fetched in any order; with "tcpdump" the rows are tcpdump's lines again.
import { describe, expect, it } from 'vitest';
import { haveCaptures, readCapture, readText } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const open = (rel: string) => openBytes(readCapture(rel), 65536, { clock: new ManualClock() }).session;

/** tshark's _ws.col.Protocol and _ws.col.Info of each frame (the last two columns of F.tshark.tsv). */
function reference(rel: string): { protocol: string; info: string }[] {
  const lines = readText(`${rel}.tshark.tsv`).split('\n').slice(1).filter((l) => l !== '');
  return lines.map((l) => {
    const c = l.split('\t');
    return { protocol: c.at(-2)!, info: c.at(-1)! };
  });
}

describe.skipIf(!haveCaptures)('Info column preference (engine session)', () => {
  it.each(['scenarios/tcp-http-curl.pcap', 'scenarios/dns-queries.pcap', 'scenarios/tcp-packet-loss.pcap'])('rows of %s show tshark’s Protocol and Info, a late window first', async (rel) => {
    const session = open(rel);
    const ref = reference(rel);
    session.setInfoColumn({ info: 'wireshark' });
    // The last rows first: the column state (TCP analysis) comes from the packets before them.
    const tail = await session.rows({ start: Math.max(0, ref.length - 3), count: 3 });
    expect(tail.rows.map((r) => ({ protocol: r.protocol, info: r.info }))).toEqual(ref.slice(-3));
    const all = await session.rows({ start: 0, count: ref.length });
    expect(all.rows.map((r) => ({ protocol: r.protocol, info: r.info }))).toEqual(ref);
  });

  it('switches back to tcpdump’s line', async () => {
    const session = open('scenarios/tcp-http-curl.pcap');
    const tcpdump = readText('scenarios/tcp-http-curl.pcap.tcpdump.txt').split('\n');
    const before = (await session.rows({ start: 0, count: 1 })).rows[0]!;
    expect(tcpdump[0]).toContain(before.info);
    session.setInfoColumn({ info: 'wireshark' });
    expect((await session.rows({ start: 0, count: 1 })).rows[0]!.info).toBe(reference('scenarios/tcp-http-curl.pcap')[0]!.info);
    session.setInfoColumn({ info: 'tcpdump' });
    expect((await session.rows({ start: 0, count: 1 })).rows[0]!).toEqual(before);
  });
});
