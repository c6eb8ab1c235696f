// The ladder window built from a checkpoint (tcp-ladder-window.ts) against the whole ladder
// (ladder-tcp.ts): for windows from an event, around a packet and at a time, in every
// scenario capture's TCP flows (checkpoints every few packets, so they are restored) and in
// a 100k-packet bulk flow, complete and still growing, the window's events, as the app gets
// them (states, changes, analysis, retransmission groups and gaps, sentences), and its
// header are those of the whole ladder at the same numbers.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../../electron/capfile/packet-record.js';
import type { CaptureInterface, PacketRecord } from '../../../electron/capfile/types.js';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import type { Flow } from '../../../electron/engine/flows/flow.js';
import { buildLadder, flowRows } from '../../../electron/engine/flows/ladder.js';
import { tcpLadderWindow, type LadderWindowRequest } from '../../../electron/engine/flows/tcp-ladder-window.js';
import { ladderDto, ladderWindowDto } from '../../../electron/engine/workspace/flow-dto.js';
import { ladderWindow } from '../../../electron/engine/workspace/ladder-cache.js';
import { capturePath, haveCaptures, readCapture } from '../../support/captures.js';

/** A small deterministic generator (mulberry32): the same windows every run. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function packetsOf(rel: string): { ifaces: CaptureInterface[]; packets: { rec: PacketRecord; data: Uint8Array }[] } {
  const ifaces: CaptureInterface[] = [];
  const packets: { rec: PacketRecord; data: Uint8Array }[] = [];
  readCaptureBytes(readCapture(rel), { onInterface: (i) => void ifaces.push(i), onPacket: (rec, data) => void packets.push({ rec: copyPacketRecord(rec), data: data.slice() }) });
  return { ifaces, packets };
}

function indexOf(rel: string, every: number): CaptureIndex {
  const idx = new CaptureIndex(true, every);
  readCaptureBytes(readCapture(rel), { onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void idx.add(rec, data) });
  return idx;
}

/** The requests a user's clicks and scrolls make, drawn at random over the flow. */
function requests(idx: CaptureIndex, flow: Flow, total: number, n: number, rnd: (n: number) => number): LadderWindowRequest[] {
  const rows = flowRows(idx, flow);
  const span = (idx.packets.sec(flow.lastIndex) - flow.firstSec) + (idx.packets.nsec(flow.lastIndex) - flow.firstNsec) / 1e9;
  const out: LadderWindowRequest[] = [{}, { from: total }, { from: total + 5 }, { around: rows.at(-1)! }, { around: rows[0]! }, { at: -1 }, { at: span + 1 }];
  for (let k = 0; k < n; k++) {
    const count = 1 + rnd(40);
    out.push({ from: rnd(total + 1), count });
    out.push({ around: rows[rnd(rows.length)]!, count });
    out.push({ at: (rnd(1000) / 1000) * span, count: 1 + rnd(9) });
    out.push({ at: idx.packets.sec(rows[rnd(rows.length)]!) - flow.firstSec + (idx.packets.nsec(rows[rnd(rows.length)]!) - flow.firstNsec) / 1e9 });
  }
  // A packet of another flow, and one past the capture: the window starts at 0 as before.
  out.push({ around: flow.firstIndex === 0 ? idx.packets.length - 1 : 0 }, { around: idx.packets.length + 10 });
  return out;
}

/** The window against the same window of the whole ladder; returns how many were compared. */
function compare(idx: CaptureIndex, flow: Flow, reqs: readonly LadderWindowRequest[], max: number, final: boolean): number {
  const full = buildLadder(idx, flow.id)!;
  for (const r of reqs) {
    const w = tcpLadderWindow(idx, flow, r, max, final)!;
    const want = ladderWindow(full, r, max);
    const label = `flow ${flow.id} ${JSON.stringify(r)} max ${max}`;
    expect({ from: w.from, count: w.count, total: w.total }, label).toEqual({ ...want, total: full.events.length });
    expect(ladderWindowDto(idx, w, 0), label).toEqual(ladderDto(idx, full, 0, want.from, want.count));
    expect(JSON.parse(JSON.stringify(w.ladder.events.slice(0, w.count))), label).toEqual(JSON.parse(JSON.stringify(full.events.slice(want.from, want.from + want.count))));
    expect({ ...w.ladder, events: [] }, label).toEqual({ ...full, events: [] });
  }
  return reqs.length;
}

const scenarios = haveCaptures ? readdirSync(capturePath('scenarios')).filter((f) => f.endsWith('.pcap') && f !== 'tcp-bulk-http.pcap') : [];

describe.skipIf(!haveCaptures)('tcpLadderWindow', () => {
  it.each(scenarios)('%s: every TCP flow, checkpoints every 3 packets, windows == the whole ladder', { timeout: 180_000 }, (name) => {
    const idx = indexOf(`scenarios/${name}`, 3);
    const rnd = random(name.length * 7919);
    for (const flow of idx.flows.flows.filter((f) => f.kind === 'tcp')) {
      const total = buildLadder(idx, flow.id)!.events.length;
      const reqs = requests(idx, flow, total, 12, rnd);
      for (const r of flowRows(idx, flow).slice(0, 200)) reqs.push({ around: r, count: 3 });
      compare(idx, flow, reqs, 5, true);
      compare(idx, flow, reqs, 2000, true);
      // Before the file is known to be complete the cursor stays behind: the same windows.
      compare(idx, flow, reqs, 5, false);
    }
  });

  it('a scenario with ghosts and retransmissions restores checkpoints (they are not all at the start)', () => {
    const idx = indexOf('scenarios/tcp-packet-loss.pcap', 3);
    const flow = [...idx.flows.flows].filter((f) => f.kind === 'tcp').sort((a, b) => b.packets[0] + b.packets[1] - (a.packets[0] + a.packets[1]))[0]!;
    const full = buildLadder(idx, flow.id)!;
    expect(full.events.some((e) => e.kind === 'ghost') || full.events.some((e) => e.analysis.includes('tcp.analysis.retransmission'))).toBe(true);
    expect(idx.ladderCheckpoints.of(flow, true).length).toBeGreaterThan(2);
  });

  describe('the bulk flow (100k+ events)', () => {
    const { ifaces, packets } = packetsOf('scenarios/tcp-bulk-http.pcap');
    const feed = (every: number, n: number): CaptureIndex => {
      const idx = new CaptureIndex(true, every);
      for (const i of ifaces) idx.addInterface(i);
      for (let k = 0; k < n && k < packets.length; k++) idx.add(packets[k]!.rec, packets[k]!.data);
      return idx;
    };
    const bulkOf = (idx: CaptureIndex): Flow => [...idx.flows.flows].sort((a, b) => b.packets[0] + b.packets[1] - (a.packets[0] + a.packets[1]))[0]!;

    // Each builds the 112k-packet index and the whole ladder: seconds each, minutes on a loaded machine.
    it('complete: random windows == the whole ladder, from checkpoints every 1000 packets', { timeout: 240_000 }, () => {
      for (const every of [1000]) {
        const idx = feed(every, packets.length);
        const flow = bulkOf(idx);
        const total = buildLadder(idx, flow.id)!.events.length;
        expect(total).toBeGreaterThan(100_000);
        expect(idx.ladderCheckpoints.of(flow, true).length).toBe(Math.floor((flow.packets[0] + flow.packets[1]) / every));
        compare(idx, flow, requests(idx, flow, total, 6, random(every)), 2000, true);
      }
    });

    it('growing (a file loading, a live capture): windows near the newest packet == the whole ladder so far', { timeout: 240_000 }, () => {
      for (const n of [5_000, 23_456, 61_000]) {
        const idx = feed(1000, n);
        const flow = bulkOf(idx);
        const rows = flowRows(idx, flow);
        const total = buildLadder(idx, flow.id)!.events.length;
        const reqs: LadderWindowRequest[] = [{ around: rows.at(-1)!, count: 300 }, { from: Math.max(0, total - 2000) }, { around: rows.at(-5000) ?? rows[0]!, count: 50 }, ...requests(idx, flow, total, 3, random(n))];
        compare(idx, flow, reqs, 2000, false);
      }
    });

    it('the window around the middle packet replays a checkpoint distance, not the flow: under 200 ms of CPU', { timeout: 120_000 }, () => {
      const idx = feed(4096, packets.length);
      const flow = bulkOf(idx);
      const rows = flowRows(idx, flow);
      tcpLadderWindow(idx, flow, { around: rows[10]! }, 2000, true);
      // CPU time, not wall: on a loaded machine the wall clock also counts other processes.
      const c0 = process.cpuUsage();
      const w = tcpLadderWindow(idx, flow, { around: rows[rows.length >> 1]! }, 2000, true)!;
      const c1 = process.cpuUsage(c0);
      expect(w.count).toBe(2000);
      expect((c1.user + c1.system) / 1000).toBeLessThan(200);
    });
  });
});
