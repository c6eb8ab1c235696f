// Ladder checkpoints: a connection copy goes on exactly as the original (states, counters,
// resend groups) and neither sees the other's segments; the checkpoints of a flow come every
// `every` packets, completed only once the LOOKAHEAD packets after them are in.
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { flowRows } from '../../../electron/engine/flows/ladder.js';
import { TcpConnection } from '../../../electron/engine/flows/tcp-connection.js';
import { LOOKAHEAD } from '../../../electron/engine/flows/tcp-ladder-walk.js';
import { haveCaptures, readCapture } from '../../support/captures.js';

function connectionState(c: TcpConnection): unknown {
  return { states: c.states, sides: c.sides, outcome: c.outcome, counters: c.counters, rtt: c.handshakeRtt, completeness: c.completeness, groups: c.backoff.groups, resends: c.backoff.resends, packets: c.packets };
}

describe.skipIf(!haveCaptures)('ladder checkpoints', () => {
  it('a connection copy taken mid-flow, fed the rest, ends as the original; the original does not move it', () => {
    for (const rel of ['scenarios/tcp-data-retransmit-rto.pcap', 'scenarios/tcp-syn-retransmit-blackhole.pcap', 'scenarios/tcp-packet-loss.pcap']) {
      const idx = new CaptureIndex();
      readCaptureBytes(readCapture(rel), { onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void idx.add(rec, data) });
      const t = idx.packets;
      for (const flow of idx.flows.flows.filter((f) => f.kind === 'tcp')) {
        const rows = flowRows(idx, flow);
        const feed = (c: TcpConnection, from: number, to: number): void => {
          for (const i of rows.slice(from, to)) {
            const d = t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
            c.note(i, t.sec(i) - flow.firstSec + (t.nsec(i) - flow.firstNsec) / 1e9, d, t.seq.get(i)!, t.ack.get(i)!, t.tcpFlags.get(i)!, t.payloadLength.get(i)!, t.analysis.get(i)!, t.sport.get(i)!, t.dport.get(i)!, null);
          }
        };
        for (const cut of [1, rows.length >> 1, rows.length - 1]) {
          const a = new TcpConnection();
          feed(a, 0, cut);
          const b = a.copy();
          const before = JSON.stringify(connectionState(b));
          feed(a, cut, rows.length);
          expect(JSON.stringify(connectionState(b)), `${rel} flow ${flow.id} cut ${cut}`).toBe(before);
          feed(b, cut, rows.length);
          expect(connectionState(b), `${rel} flow ${flow.id} cut ${cut}`).toEqual(connectionState(a));
          expect(connectionState(a)).toEqual(connectionState(idx.connections.get(flow.id)!));
        }
      }
    }
  });

  it('every `every` packets of a flow, completed LOOKAHEAD packets later or when the file is read', () => {
    const idx = new CaptureIndex(true, 1000);
    const cut = 20_000;
    let n = 0;
    readCaptureBytes(readCapture('scenarios/tcp-bulk-http.pcap'), { onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void (n++ < cut && idx.add(rec, data)) });
    const bulk = [...idx.flows.flows].sort((a, b) => b.packets[0] + b.packets[1] - (a.packets[0] + a.packets[1]))[0]!;
    const packets = bulk.packets[0] + bulk.packets[1];
    const growing = idx.ladderCheckpoints.of(bulk, false);
    expect(growing.length).toBe(Math.floor((packets - LOOKAHEAD) / 1000));
    expect(growing.map((c) => c.locals.packets)).toEqual(growing.map((_, k) => (k + 1) * 1000));
    const rows = flowRows(idx, bulk);
    expect(growing.map((c) => c.after)).toEqual(growing.map((_, k) => rows[(k + 1) * 1000 - 1]));
    expect(idx.ladderCheckpoints.of(bulk, true).length).toBe(Math.floor(packets / 1000));
  });
});
