// EngineSession over real captures: rows and their columns, coalesced reads, the detail
// tree with bytes and comments, flows and ladders in the contract's shapes, marks, find,
// filters (refused without the engine; machinery with a stand-in matcher), progress,
// cancel and live appending with batched updates.
import { DEFAULT_COLOR_RULES } from '../../../electron/shared/color-rules.js';
import { describe, expect, it } from 'vitest';
import { LADDER_WINDOW } from '../../../electron/shared/ladder-window.js';
import { EngineMethods, EngineEvents } from '../../../electron/shared/contract.js';
import type { FilterCompiler, PacketMatcher } from '../../../electron/engine/workspace/packet-matcher.js';

/** A host without a filter engine: every non-empty expression is refused with a clear message. */
const NO_FILTER_ENGINE: FilterCompiler = () => ({ ok: false, error: { message: 'display filters are not available here', position: 0 } });
import { haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, MemorySource, openBytes } from './session-support.js';
import { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import type { UpdateDto } from '../../../electron/shared/dto.js';

/** Where a default colouring rule stands in the list (rows name their rule by position). */
const ruleAt = (name: string): number => DEFAULT_COLOR_RULES.findIndex((r) => r.name === name);

const HANDSHAKE = 'scenarios/tcp-handshake-data-client-close.pcap';

describe.skipIf(!haveCaptures)('EngineSession', () => {
  it('answers rows by window with every column, read back with one read per window', async () => {
    const { session, source } = openBytes(readCapture(HANDSHAKE), 100, { clock: new ManualClock() });
    expect(session.index.packets.length).toBe(13);
    source.reads = 0;
    const { rows, displayed } = await session.rows({ start: 2, count: 4 });
    expect(source.reads).toBe(1);
    expect(displayed).toBe(13);
    expect(EngineMethods.rows[1].safeParse({ rows, displayed }).success).toBe(true);
    const syn = rows[0]!;
    expect(syn).toMatchObject({ index: 2, number: 3, src: '192.0.2.10', dst: '192.0.2.20', protocol: 'TCP', length: 74, marked: false, malformed: false, colorRule: ruleAt('TCP SYN/FIN') });
    expect(syn.info).toBe('IP 192.0.2.10.51200 > 192.0.2.20.47001: Flags [S], seq 884436182, win 64240, options [mss 1460,sackOK,TS val 1707222473 ecr 0,nop,wscale 10], length 0');
    expect(syn.time).toEqual({ sec: 1795238919, nsec: 997607000 }); // 05:28:39.997607 UTC, as tcpdump prints it
    expect(syn.flow).toBeGreaterThan(0);
    // A window past the end is cut, not an error.
    expect((await session.rows({ start: 12, count: 50 })).rows.map((r) => r.number)).toEqual([13]);
    expect((await session.rows({ start: 40, count: 5 })).rows).toEqual([]);
    const arp = (await session.rows({ start: 0, count: 1 })).rows[0]!;
    expect(arp.colorRule).toBe(ruleAt('ARP'));
  });

  it('gives a packet its tree, bytes and pcapng comments', async () => {
    const { session } = openBytes(readCapture('formats/with-comments.pcapng'), 777, { clock: new ManualClock() });
    const d = await session.packet({ index: 0 });
    expect(EngineMethods.packet[1].safeParse(d).success).toBe(true);
    expect(d.comments).toEqual(['first packet: ARP who-has']);
    // Wireshark's Packet comments node comes before the frame.
    expect(d.tree.map((n) => n.field).slice(0, 2)).toEqual(['pkt_comment', 'frame']);
    expect(d.bytes.length).toBe(session.index.packets.caplen.get(0));
    expect((await session.packet({ index: 1 })).comments).toBeUndefined();
    await expect(session.packet({ index: 99 })).rejects.toThrow(/no packet 100/);
  });

  it('puts the TCP analysis flags into the tree as expert items', async () => {
    const { session } = openBytes(readCapture('scenarios/tcp-data-retransmit-rto.pcap'), 1 << 16, { clock: new ManualClock() });
    const t = session.index.packets;
    let i = 0;
    while (i < t.length && !t.analysis.get(i)) i++;
    expect(i).toBeLessThan(t.length);
    const d = await session.packet({ index: i });
    const tcp = d.tree.find((n) => n.field === 'tcp');
    const analysis = tcp?.children?.find((n) => n.field === 'tcp.analysis');
    // As Wireshark: [SEQ/ACK analysis] > [TCP Analysis Flags] > the expert items.
    const flags = analysis?.children?.find((n) => n.field === 'tcp.analysis.flags');
    expect(flags?.children?.some((n) => n.expert && n.field.startsWith('tcp.analysis.'))).toBe(true);
    const row = (await session.rows({ start: i, count: 1 })).rows[0]!;
    expect(row.analysis.length).toBeGreaterThan(0);
    expect(row.colorRule).toBe(ruleAt('Bad TCP'));
  });

  it('lists flows and builds a flow ladder in the contract shape', async () => {
    const { session } = openBytes(readCapture(HANDSHAKE), 1 << 16, { clock: new ManualClock() });
    const { flows } = session.flows();
    expect(EngineMethods.flows[1].safeParse({ flows }).success).toBe(true);
    const tcp = flows.find((f) => f.kind === 'tcp')!;
    expect(tcp.a).toBe('192.0.2.10:51200');
    expect(tcp.b).toBe('192.0.2.20:47001');
    expect(tcp.outcome).toBe('complete');
    expect(tcp.irtt).toBeGreaterThan(0);
    const ladder = session.ladder({ flow: tcp.id });
    expect(EngineMethods.ladder[1].safeParse(ladder).success).toBe(true);
    expect(ladder.events.map((e) => e.label).slice(0, 3)).toEqual(['S', 'S.', '.']);
    expect(ladder.events[0]).toMatchObject({ dir: 0, clientState: 'SYN_SENT', ghost: false });
    expect(ladder.handshake.total).toBeCloseTo(tcp.irtt!, 9);
    expect(() => session.ladder({ flow: 999 })).toThrow(/no flow 999/);
  });

  it('marks, maps display indices and finds text in Info (wrapping, backwards)', async () => {
    const { session } = openBytes(readCapture(HANDSHAKE), 1 << 16, { clock: new ManualClock() });
    expect(session.mark({ index: 3, marked: true })).toEqual({ marked: 1 });
    expect(session.mark({ index: 5, marked: true })).toEqual({ marked: 2 });
    expect(session.mark({ index: 5, marked: false })).toEqual({ marked: 1 });
    expect((await session.rows({ start: 3, count: 1 })).rows[0]!.marked).toBe(true);
    expect(session.displayIndexOf({ index: 7 })).toEqual({ displayIndex: 7 });
    expect(session.displayIndexOf({ index: 70 })).toEqual({ displayIndex: -1 });
    expect(await session.find({ from: -1, text: 'FLAGS [S.]', mode: 'string', backwards: false })).toEqual({ displayIndex: 3 });
    expect(await session.find({ from: 3, text: 'is-at', mode: 'string', backwards: false })).toEqual({ displayIndex: 1 });
    expect(await session.find({ from: 3, text: 'who-has', mode: 'string', backwards: true })).toEqual({ displayIndex: 0 });
    expect(await session.find({ from: -1, text: 'no such text', mode: 'string', backwards: false })).toEqual({ displayIndex: -1 });
  });

  it('applies Wireshark display filters with the real filter engine, and refuses a bad one with its position', async () => {
    const { session } = openBytes(readCapture(HANDSHAKE), 1 << 16, { clock: new ManualClock() });
    // tcp-handshake-data-client-close: 2 ARP frames, then 11 TCP segments of one connection.
    const tcp = await session.setFilter({ expression: 'tcp' });
    expect(tcp).toEqual({ ok: true, displayed: 11 });
    const syn = await session.setFilter({ expression: 'tcp.flags.syn == 1 && tcp.flags.ack == 0' });
    expect(syn).toEqual({ ok: true, displayed: 1 });
    const rows = await session.rows({ start: 0, count: 5 });
    expect(rows.rows.map((r) => r.number)).toEqual([3]);
    const bad = await session.setFilter({ expression: 'tcp.flgs.syn == 1' });
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toMatch(/not a field/);
    expect(bad.error?.position).toBe(0);
    expect(bad.displayed).toBe(1); // a bad filter leaves the current display as it was
    expect(session.checkFilter({ expression: 'arp' }).ok).toBe(true);
    expect(await session.setFilter({ expression: '' })).toEqual({ ok: true, displayed: 13 });
    expect(await session.find({ from: -1, text: 'arp', mode: 'filter', backwards: false })).toEqual({ displayIndex: 0 });
  });

  it('refuses display filters clearly when no filter engine is given', async () => {
    const { session } = openBytes(readCapture(HANDSHAKE), 1 << 16, { clock: new ManualClock(), compileFilter: NO_FILTER_ENGINE });
    const r = await session.setFilter({ expression: 'tcp' });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/not available/);
    expect(r.displayed).toBe(13);
  });

  it('applies a compiled filter to the display list (stand-in matcher), also on packets that arrive later', async () => {
    const bytes = readCapture(HANDSHAKE);
    const synOnly: PacketMatcher = { needsPacket: true, match: (_ix, _i, p) => p().info.includes('Flags [S') };
    const source = new MemorySource(bytes);
    const session = new EngineSession({
      source,
      onUpdate: () => undefined,
      clock: new ManualClock(),
      compileFilter: (e) => (e === 'syn' ? { ok: true, matcher: synOnly } : { ok: false, error: { message: 'unknown field', position: 2 } }),
    });
    session.push(bytes.subarray(0, 400));
    const applied = await session.setFilter({ expression: 'syn' });
    expect(applied.ok).toBe(true);
    session.push(bytes.subarray(400));
    session.end();
    await new Promise((r) => setTimeout(r, 20));
    const { rows, displayed } = await session.rows({ start: 0, count: 100 });
    expect(displayed).toBe(2);
    expect(rows.map((r) => r.number)).toEqual([3, 4]);
    expect(session.displayIndexOf({ index: 3 })).toEqual({ displayIndex: 1 });
    expect(session.displayIndexOf({ index: 5 })).toEqual({ displayIndex: -1 });
    expect(await session.setFilter({ expression: 'bad' })).toEqual({ ok: false, displayed: 2, error: { message: 'unknown field', position: 2 } });
  });

  it('reports progress in batched updates at most every 100 ms, and the end of the load', async () => {
    const clock = new ManualClock();
    const bytes = readCapture('scenarios/tcp-bulk-http.pcap');
    const updates: UpdateDto[] = [];
    const session = new EngineSession({ source: new MemorySource(bytes), onUpdate: (u) => updates.push(u), clock });
    session.setTotal(bytes.length);
    for (let o = 0; o < bytes.length; o += 65536) {
      session.push(bytes.subarray(o, o + 65536));
      clock.advance(10); // 100 chunks a second: far more changes than updates
    }
    session.end();
    clock.advance(200);
    const span = clock.now();
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(span / 100) + 1);
    expect(updates.length).toBeGreaterThan(2);
    for (const u of updates) expect(EngineEvents.update.safeParse(u).success).toBe(true);
    const last = updates[updates.length - 1]!;
    expect(last.progress).toEqual({ bytes: bytes.length, total: bytes.length, done: true });
    expect(last.packets).toBe(session.index.packets.length);
    expect(updates[0]!.progress!.done).toBe(false);
    // First rows were usable long before the end.
    expect(updates[0]!.packets).toBeGreaterThan(0);
    expect(updates[0]!.packets).toBeLessThan(last.packets);
  });

  it('cancel stops the load where it is; rows before it stay usable', async () => {
    const bytes = readCapture('scenarios/tcp-bulk-http.pcap');
    const session = new EngineSession({ source: new MemorySource(bytes), onUpdate: () => undefined, clock: new ManualClock() });
    const signal = session.signal;
    let o = 0;
    for (; o < bytes.length && !signal.aborted; o += 65536) {
      session.push(bytes.subarray(o, o + 65536));
      if (o >= 5 * 65536) session.cancel();
    }
    session.end();
    expect(o).toBeLessThan(bytes.length);
    expect(session.loaded).toBe(true);
    const n = session.index.packets.length;
    expect(n).toBeGreaterThan(0);
    expect((await session.rows({ start: n - 1, count: 1 })).rows).toHaveLength(1);
  });

  it('reports a file cut short with the packets before the damage', () => {
    const bytes = readCapture(HANDSHAKE);
    const { session, updates } = openBytes(bytes.subarray(0, bytes.length - 10), 1 << 16, { clock: new ManualClock() });
    expect(session.index.packets.length).toBe(12);
    expect(session.error).toMatch(/cut short in the middle of a packet/);
    expect(updates[updates.length - 1]?.error ?? session.error).toMatch(/cut short/);
  });

  it("an update carries at most a window of the watched ladder's new events, and counts the rest", async () => {
    const clock = new ManualClock();
    const bytes = readCapture('scenarios/tcp-bulk-http.pcap');
    const updates: UpdateDto[] = [];
    const session = new EngineSession({ source: new MemorySource(bytes), onUpdate: (u) => updates.push(u), clock });
    session.push(bytes.subarray(0, 1 << 16));
    const t = session.index.packets;
    const flow = t.flow.get(t.length - 1);
    session.watchFlow({ flow });
    const sentBefore = session.ladder({ flow }).total;
    clock.advance(200);
    const before = updates.length;
    session.push(bytes.subarray(1 << 16, 3 << 20));
    clock.advance(200);
    const grown = updates.slice(before).filter((u) => u.ladderEvents);
    expect(grown.length).toBeGreaterThan(0);
    for (const u of grown) expect(u.ladderEvents!.length).toBeLessThanOrEqual(LADDER_WINDOW);
    // Each update says where its events start: past the end of the last one, events were left out.
    let end = sentBefore;
    let skipped = false;
    for (const u of grown) {
      if (u.ladderFrom! > end) skipped = true;
      end = u.ladderFrom! + u.ladderEvents!.length;
    }
    expect(skipped).toBe(true);
    expect(end).toBe(session.ladder({ flow }).total);
    session.dispose();
  });

  it('grows live: changed flows, watched ladder events and stats come in updates of at most 10 a second', async () => {
    const clock = new ManualClock();
    const bytes = readCapture(HANDSHAKE);
    const updates: UpdateDto[] = [];
    const session = new EngineSession({ source: new MemorySource(bytes), onUpdate: (u) => updates.push(u), clock, live: true });
    // The file header, both ARP packets and the SYN (pcap: 24 + 3 records).
    const t = session.index.packets;
    let cut = 24;
    const recordEnd = (k: number): number => {
      let o = 24;
      const v = new DataView(bytes.buffer, bytes.byteOffset);
      for (let n = 0; n < k; n++) o += 16 + v.getUint32(o + 8, true);
      return o;
    };
    cut = recordEnd(3);
    session.push(bytes.subarray(0, cut));
    expect(t.length).toBe(3);
    const flow = t.flow.get(2);
    session.watchFlow({ flow });
    clock.advance(100);
    const before = updates.length;
    session.setStats({ received: 5, droppedByKernel: 1, droppedByInterface: 0 });
    for (let k = 4; k <= 13; k++) {
      const next = recordEnd(k);
      session.push(bytes.subarray(cut, next));
      cut = next;
      clock.advance(5);
    }
    clock.advance(150);
    const live = updates.slice(before);
    expect(live.length).toBeGreaterThan(0);
    expect(live.length).toBeLessThanOrEqual(3); // 200 ms of changes: at most 3 updates
    const events = live.flatMap((u) => u.ladderEvents ?? []);
    // The SYN (2) again: its server state, unknown when sent, is known once the SYN-ACK is in.
    expect(events.map((e) => e.index)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((i) => t.flow.get(i) === flow));
    expect(live.some((u) => u.changedFlows.some((f) => f.id === flow))).toBe(true);
    expect(live[live.length - 1]!.stats).toEqual({ received: 5, droppedByKernel: 1, droppedByInterface: 0 });
    expect(live.every((u) => u.progress === undefined)).toBe(true);
    expect(live[live.length - 1]!.packets).toBe(13);
    session.dispose();
  });
  it('live: once the SYN-ACK arrives, the SYN already sent is sent again with the server LISTEN (not unknown), placed by position', async () => {
    const clock = new ManualClock();
    const bytes = readCapture(HANDSHAKE);
    const updates: UpdateDto[] = [];
    const session = new EngineSession({ source: new MemorySource(bytes), onUpdate: (u) => updates.push(u), clock, live: true });
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    const recordEnd = (k: number): number => {
      let o = 24;
      for (let n = 0; n < k; n++) o += 16 + v.getUint32(o + 8, true);
      return o;
    };
    // Header, ARP, ARP, SYN: the page shows the flow's ladder and watches it.
    session.push(bytes.subarray(0, recordEnd(3)));
    const flow = session.index.packets.flow.get(2);
    expect(session.ladder({ flow }).events[0]).toMatchObject({ index: 2, serverState: 'unknown' });
    session.watchFlow({ flow });
    clock.advance(150);
    const before = updates.length;
    // The SYN-ACK: the server was listening all along.
    session.push(bytes.subarray(recordEnd(3), recordEnd(4)));
    clock.advance(150);
    const u = updates.slice(before).find((x) => x.ladderEvents?.length);
    expect(u?.ladderFrom).toBe(0);
    expect(u?.ladderEvents?.map((e) => [e.index, e.serverState])).toEqual([
      [2, 'LISTEN'],
      [3, 'SYN_RCVD'],
    ]);
    // Nothing left unknown: the next packet's update carries only itself.
    const mid = updates.length;
    session.push(bytes.subarray(recordEnd(4), recordEnd(5)));
    clock.advance(150);
    const w = updates.slice(mid).find((x) => x.ladderEvents?.length);
    expect(w?.ladderFrom).toBe(2);
    expect(w?.ladderEvents?.map((e) => e.index)).toEqual([4]);
    session.dispose();
  });
});
