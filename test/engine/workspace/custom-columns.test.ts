// Custom columns in the engine: a window of rows carries each field's values exactly as
// `ackline tshark -T fields -e FIELD` prints them for the same packets (tshark's format, all
// occurrences comma-joined), whichever window is fetched first; an unknown field is refused;
// a header click sorts by the field, numerically when its type is a number.
import { describe, expect, it } from 'vitest';
import { outBytes, runCli } from '../../cli/tshark-run.js';
import { capturePath, haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const open = (rel: string) => openBytes(readCapture(rel), 65536, { clock: new ManualClock() }).session;

const FIELDS = ['ip.ttl', 'udp.stream', 'frame.time_delta', 'tcp.window_size_value', 'tcp.seq', 'tcp.stream', 'frame.time_relative', 'tcp.analysis.ack_rtt', 'ip.flags.df', 'dns.qry.name', 'eth.src', 'frame.len', 'tcp.flags.str'];

async function tsharkFields(rel: string, fields: readonly string[]): Promise<string[][]> {
  const r = await runCli(['tshark', '-n', '-r', capturePath(rel), '-T', 'fields', ...fields.flatMap((f) => ['-e', f])]);
  expect(r.code).toBe(0);
  return outBytes(r).toString('utf8').split('\n').slice(0, -1).map((l) => l.split('\t'));
}

describe.skipIf(!haveCaptures)('custom columns (engine session)', () => {
  it.each(['scenarios/tcp-http-curl.pcap', 'scenarios/dns-queries.pcap', 'scenarios/tcp-packet-loss.pcap'])('rows of %s carry the fields as ackline tshark -T fields prints them, a late window first', async (rel) => {
    const session = open(rel);
    const ref = await tsharkFields(rel, FIELDS);
    expect(session.setCustomColumns({ fields: FIELDS }).titles).toContain('Time to Live');
    const tail = await session.rows({ start: Math.max(0, ref.length - 4), count: 4 });
    expect(tail.rows.map((r) => r.custom)).toEqual(ref.slice(-4));
    const all = await session.rows({ start: 0, count: ref.length });
    expect(all.rows.map((r) => r.custom)).toEqual(ref);
  });

  it('each field alone (those the index answers are not dissected) gives the same values', async () => {
    const rel = 'scenarios/dns-queries.pcap';
    const session = open(rel);
    const ref = await tsharkFields(rel, FIELDS);
    for (const [k, f] of FIELDS.entries()) {
      session.setCustomColumns({ fields: [f] });
      const rows = (await session.rows({ start: 0, count: ref.length })).rows;
      expect(rows.map((r) => r.custom![0]), f).toEqual(ref.map((l) => l[k]));
    }
  });

  it('refuses an unknown field and keeps the columns it had', async () => {
    const session = open('scenarios/tcp-http-curl.pcap');
    session.setCustomColumns({ fields: ['ip.ttl'] });
    expect(() => session.setCustomColumns({ fields: ['ip.ttl', 'ip.tll'] })).toThrow('cannot add the column: "ip.tll" is not a known field');
    expect((await session.rows({ start: 0, count: 1 })).rows[0]!.custom).toHaveLength(1);
    session.setCustomColumns({ fields: [] });
    expect((await session.rows({ start: 0, count: 1 })).rows[0]!.custom).toBeUndefined();
  });

  it('sorts by a numeric field as numbers and by a text field as text', async () => {
    const rel = 'scenarios/tcp-http-curl.pcap';
    const session = open(rel);
    session.setCustomColumns({ fields: ['tcp.window_size_value', 'eth.src'] });
    const n = (await session.rows({ start: 0, count: 0 })).displayed;
    await session.sort({ column: 'field:tcp.window_size_value', descending: false });
    const rows = (await session.rows({ start: 0, count: n })).rows;
    const wins = rows.map((r) => r.custom![0]!);
    const nums = wins.filter((w) => w !== '').map(Number);
    // Packets without the field first, then ascending by number (not by text: 512 before 65535 and 8192).
    expect(wins.slice(0, wins.length - nums.length).every((w) => w === '')).toBe(true);
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
    expect(new Set(nums).size).toBeGreaterThan(2);
    await session.sort({ column: 'field:eth.src', descending: true });
    const macs = (await session.rows({ start: 0, count: n })).rows.map((r) => r.custom![1]!);
    expect(macs).toEqual([...macs].sort().reverse());
  });
});
