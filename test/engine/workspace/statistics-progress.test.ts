// Statistics on a big capture: the TCP and UDP tables come from the capture index without
// reading a packet, the pass the other tables need reports its progress in the updates and
// stops on stopTask (the file stays loaded), answers are kept while nothing changed, and
// Wireshark's Info column no longer holds up rows far into the file: they come at once,
// marked pending, while its pass runs with progress; an update then says to fetch them again.
import { describe, expect, it } from 'vitest';
import type { UpdateDto } from '../../../electron/shared/dto.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { openBytes } from './session-support.js';
import { ConversationTap } from '../../../electron/engine/tshark/conversations.js';
import { EndpointTap } from '../../../electron/engine/tshark/endpoints.js';
import { nsToSec } from '../../../electron/engine/tshark/tap.js';
import { allPackets, runTaps } from '../../../electron/engine/workspace/tap-pass.js';
import { gunzipSync } from 'node:zlib';

const open = (rel: string) => {
  const updates: UpdateDto[] = [];
  // Every touch sends an update (interval 0): the test sees each progress step.
  const o = openBytes(readCapture(rel), 1 << 20, { updateIntervalMs: 0, onUpdate: (u) => updates.push(u) });
  return { ...o, updates };
};

const until = async (cond: () => boolean, ms = 60_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe.skipIf(!haveCaptures)('statistics on a big capture (engine session)', () => {
  it('answers the TCP and UDP tables from the index, without reading a packet, as the taps of a dissection pass count them', async () => {
    for (const rel of ['scenarios/tcp-packet-loss.pcap', 'scenarios/dns-queries.pcap', 'scenarios/tcp-http-curl-ipv6.pcap', 'scenarios/any-mixed-sll2.pcap', 'scenarios/icmp-router-errors.pcap', 'scenarios/tcp-out-of-order.pcap']) {
      const { session, source } = open(rel);
      const reads = source.reads;
      const quick = await session.statisticsTables({ displayed: false, pass: false });
      expect(source.reads).toBe(reads);
      expect(quick.pending).toBe(true);
      expect(quick.conversations.eth).toEqual([]);
      expect(quick.hierarchy).toEqual([]);
      const full = await session.statisticsTables({ displayed: false, pass: true });
      expect(source.reads).toBeGreaterThan(reads);
      expect(full.pending).toBe(false);
      expect(full.hierarchy.length).toBeGreaterThan(0);
      // The taps behind `ackline tshark -z conv,tcp/udp` and `-z endpoints,tcp/udp`, through the pass.
      const taps = { tcp: [new ConversationTap('tcp'), new EndpointTap('tcp')] as const, udp: [new ConversationTap('udp'), new EndpointTap('udp')] as const };
      const n = session.index.packets.length;
      await runTaps({ index: session.index, extras: session.extras, bytes: session.bytes }, allPackets(n), [...taps.tcp, ...taps.udp], () => true, new AbortController().signal);
      for (const k of ['tcp', 'udp'] as const) {
        const [c, e] = taps[k];
        expect(quick.conversations[k]).toEqual(c.table().map((r) => ({ a: r.a, b: r.b, aPort: r.aPort, bPort: r.bPort, framesAB: r.framesAB, bytesAB: r.bytesAB, framesBA: r.framesBA, bytesBA: r.bytesBA, start: nsToSec(r.start), duration: nsToSec(r.stop) - nsToSec(r.start) })));
        expect(quick.endpoints[k]).toEqual(e.table());
        expect(full.conversations[k]).toEqual(quick.conversations[k]);
      }
    }
  });

  it('limits the index tables to the display filter', async () => {
    const { session } = open('scenarios/dns-queries.pcap');
    const all = await session.statisticsTables({ displayed: true, pass: false });
    expect(all.conversations.udp.length).toBeGreaterThan(1);
    const first = all.conversations.udp[all.conversations.udp.length - 1]!;
    await session.setFilter({ expression: `udp.port == ${first.aPort}` });
    const one = await session.statisticsTables({ displayed: true, pass: false });
    expect(one.filter).toBe(`udp.port == ${first.aPort}`);
    expect(one.conversations.udp).toEqual([{ ...first, start: first.start, duration: first.duration }]);
    expect(one.packets).toBe(first.framesAB + first.framesBA);
  });

  it('reports the pass in the updates, and keeps its answer while nothing changed', async () => {
    const { session, source, updates } = open('scenarios/tcp-packet-loss.pcap');
    const from = updates.length;
    const a = await session.statisticsTables({ displayed: false });
    const tasks = updates.slice(from).map((u) => u.task);
    expect(tasks.some((t) => t?.name === 'Statistics' && t.total > 0 && t.done === t.total)).toBe(true);
    expect(updates.at(-1)!.task).toBeUndefined();
    const reads = source.reads;
    expect(await session.statisticsTables({ displayed: false })).toBe(a);
    // The index tables are in the full answer: no second count either.
    expect(await session.statisticsTables({ displayed: false, pass: false })).toBe(a);
    expect(source.reads).toBe(reads);
    await session.setFilter({ expression: 'tcp.len > 0' });
    const limited = await session.statisticsTables({ displayed: true });
    expect(limited).not.toBe(a);
    expect(limited.packets).toBeLessThan(a.packets);
  });

  it('counts the packets displayed when the pass began, though another filter is applied meanwhile', async () => {
    const { session, updates } = open('scenarios/tcp-bulk-http.pcap');
    await session.setFilter({ expression: 'tcp.srcport == 80' });
    const from = updates.length;
    const run = session.statisticsTables({ displayed: true });
    await until(() => updates.slice(from).some((u) => (u.task?.done ?? 0) > 0));
    await session.setFilter({ expression: 'tcp.dstport == 80' });
    const r = await run;
    expect(r.filter).toBe('tcp.srcport == 80');
    expect(r.packets).toBe(105_437);
    expect(r.conversations.ip.map((c) => c.framesAB + c.framesBA)).toEqual([105_437]);
    expect(r.conversations.tcp.map((c) => c.framesAB + c.framesBA)).toEqual([105_437]);
  }, 120_000);

  it('stops the pass on stopTask, and the file stays loaded', async () => {
    const { session, updates } = open('scenarios/tcp-bulk-http.pcap');
    const from = updates.length;
    const run = session.statisticsTables({ displayed: false });
    await until(() => updates.slice(from).some((u) => (u.task?.done ?? 0) > 0));
    const moved = updates.slice(from).find((u) => (u.task?.done ?? 0) > 0)!.task!;
    expect(moved.name).toBe('Statistics');
    expect(moved.done).toBeLessThan(moved.total);
    session.stopTask();
    await expect(run).rejects.toThrow('statistics were stopped');
    expect(session.signal.aborted).toBe(false);
    await until(() => updates.at(-1)!.task === undefined);
    expect((await session.rows({ start: 0, count: 1 })).displayed).toBe(session.index.packets.length);
  });

  it('sends rows far into the file at once while Wireshark’s Info column is computed, then says to fetch them again', async () => {
    const rel = 'scenarios/tcp-bulk-http.pcap';
    const { session, updates } = open(rel);
    const n = session.index.packets.length;
    const ref = gunzipSync(readCapture(`${rel}.tshark.tsv.gz`)).toString('utf8').split('\n').slice(1).filter((l) => l !== '').map((l) => l.split('\t').at(-1)!);
    const tcpdump = gunzipSync(readCapture(`${rel}.tcpdump.txt.gz`)).toString('utf8').split('\n');
    expect(ref.length).toBe(n);
    session.setInfoColumn({ info: 'wireshark' });
    const from = updates.length;
    const t0 = Date.now();
    const tail = await session.rows({ start: n - 2, count: 2 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(tail.rows.every((r) => r.pending === true)).toBe(true);
    expect(tcpdump[n - 1]).toContain(tail.rows[1]!.info);
    await until(() => updates.slice(from).some((u) => u.repaint === true));
    expect(updates.slice(from).some((u) => u.task?.name === 'Wireshark Info column' && u.task.done > 0)).toBe(true);
    const again = await session.rows({ start: n - 2, count: 2 });
    expect(again.rows.map((r) => [r.info, r.pending])).toEqual([
      [ref[n - 2], undefined],
      [ref[n - 1], undefined],
    ]);
  }, 120_000);

  it('stops the Info column’s pass: rows stay pending with tcpdump’s text and do not start it again', async () => {
    const { session, updates } = open('scenarios/tcp-bulk-http.pcap');
    const n = session.index.packets.length;
    session.setInfoColumn({ info: 'wireshark' });
    await session.rows({ start: n - 1, count: 1 });
    await until(() => updates.some((u) => u.task?.name === 'Wireshark Info column'));
    session.stopTask();
    await until(() => updates.at(-1)!.task === undefined);
    const count = updates.length;
    const r = await session.rows({ start: n - 1, count: 1 });
    expect(r.rows[0]!.pending).toBe(true);
    await new Promise((res) => setTimeout(res, 50));
    expect(updates.slice(count).some((u) => u.task !== undefined || u.repaint)).toBe(false);
    // The first rows are computed (a short way): no longer pending.
    expect((await session.rows({ start: 0, count: 1 })).rows[0]!.pending).toBeUndefined();
  });
});

