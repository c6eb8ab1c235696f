// The watched TCP flow's new events in windows built from the checkpoints, against the
// whole ladder rebuilt at every update (the way before): while the bulk flow grows, from its
// SYN on, every update carries the same events from the same place, the correction of the
// server's first unknown state included.
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../../electron/capfile/packet-record.js';
import type { CaptureInterface, PacketRecord } from '../../../electron/capfile/types.js';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { buildLadder } from '../../../electron/engine/flows/ladder.js';
import { tcpLadderWindow } from '../../../electron/engine/flows/tcp-ladder-window.js';
import { ladderEvents } from '../../../electron/engine/workspace/flow-dto.js';
import { LiveState, type WatchedEvents } from '../../../electron/engine/workspace/live-state.js';
import { LADDER_WINDOW } from '../../../electron/shared/ladder-window.js';
import { haveCaptures, readCapture } from '../../support/captures.js';

describe.skipIf(!haveCaptures)('LiveState: the watched TCP flow in windows', () => {
  it('sends what the whole-ladder rebuild sends, update after update, while the bulk flow grows', () => {
    const ifaces: CaptureInterface[] = [];
    const packets: { rec: PacketRecord; data: Uint8Array }[] = [];
    readCaptureBytes(readCapture('scenarios/tcp-bulk-http.pcap'), { onInterface: (i) => void ifaces.push(i), onPacket: (rec, data) => void packets.push({ rec: copyPacketRecord(rec), data: data.slice() }) });
    const idx = new CaptureIndex(true, 1000);
    for (const i of ifaces) idx.addInterface(i);
    const clock = { now: () => 0 };
    const whole = new LiveState(idx, (id) => buildLadder(idx, id), clock);
    const windows = new LiveState(idx, (id) => buildLadder(idx, id), clock, (id, from, count) => tcpLadderWindow(idx, idx.flows.get(id)!, { from, count }, LADDER_WINDOW, false));
    // As the session sends them (engine-session.ts buildUpdate).
    const sent = (w: WatchedEvents | null) => {
      if (!w) return null;
      const from = Math.max(w.from, w.total - LADDER_WINDOW);
      return { from, total: w.total, events: ladderEvents(w.ladder, from - w.offset, w.total - w.offset) };
    };
    let k = 0;
    const feed = (to: number): void => {
      const from = idx.packets.length;
      for (; k < to && k < packets.length; k++) idx.add(packets[k]!.rec, packets[k]!.data);
      whole.scan(from, idx.packets.length);
      windows.scan(from, idx.packets.length);
    };
    // The bulk flow (ids come in order of appearance), watched from its first packet, its SYN.
    const all = new CaptureIndex();
    for (const i of ifaces) all.addInterface(i);
    for (const p of packets) all.add(p.rec, p.data);
    const bulk = [...all.flows.flows].sort((x, y) => y.packets[0] + y.packets[1] - (x.packets[0] + x.packets[1]))[0]!;
    const flow = bulk.id;
    feed(bulk.firstIndex + 1);
    whole.watch(flow);
    windows.watch(flow);
    let updates = 0;
    let corrected = false;
    for (const to of [1, 2, 4, 40, 700, 3000, 9000, 9100, 20_000, 33_333, 60_000].map((n) => bulk.firstIndex + n)) {
      feed(to);
      const a = sent(whole.takeWatchedLadder(true));
      const b = sent(windows.takeWatchedLadder(true));
      expect(b, `after ${to} packets`).toEqual(a);
      if (a) updates++;
      if (a && a.from < a.total - 1 && a.events[0]?.serverState === 'LISTEN') corrected = true;
    }
    expect(updates).toBeGreaterThan(8);
    expect(corrected).toBe(true);
  });
});
