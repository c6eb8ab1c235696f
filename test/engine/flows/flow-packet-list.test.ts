// The per-flow packet list: each flow's packets in capture order as links, across chunk
// boundaries, equal to a scan of the flow column, at about 4 bytes a packet.
import { describe, expect, it } from 'vitest';
import { FlowPacketList } from '../../../electron/engine/flows/flow-packet-list.js';
import { haveCaptures } from '../../support/captures.js';
import { indexCapture } from './index-capture.js';

describe('FlowPacketList', () => {
  it('links interleaved flows in order, across 64k-packet chunks, with flow ids beyond its first table', () => {
    const l = new FlowPacketList();
    const n = 200_000;
    const next = new Int32Array(n).fill(-1);
    const last = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const flow = i % 7 === 0 ? 5000 : 1 + (i % 3);
      l.append(flow, i);
      const prev = last.get(flow);
      if (prev !== undefined) next[prev] = i;
      last.set(flow, i);
    }
    for (let i = 0; i < n; i++) if (l.next(i) !== next[i]) expect(l.next(i), `packet ${i}`).toBe(next[i]);
    for (const [flow, i] of last) expect(l.last(flow)).toBe(i);
    expect(l.last(4999)).toBe(-1);
    expect(l.last(1 << 20)).toBe(-1);
    // 4 bytes a packet, in whole 64k-packet chunks.
    expect(l.byteSize / n).toBeLessThan(4 * 1.35);
  });

  it.skipIf(!haveCaptures)('on a capture: every flow walked by its links is the flow column scanned', () => {
    for (const rel of ['scenarios/any-mixed-sll.pcap', 'scenarios/dns-queries.pcap', 'scenarios/tcp-packet-loss.pcap']) {
      const idx = indexCapture(rel);
      for (const f of idx.flows.flows) {
        const scan: number[] = [];
        for (let i = f.firstIndex; i <= f.lastIndex; i++) if (idx.packets.flow.get(i) === f.id) scan.push(i);
        const walk: number[] = [];
        for (let i = f.firstIndex; i >= 0; i = idx.flowPackets.next(i)) walk.push(i);
        expect(walk, `${rel} flow ${f.id}`).toEqual(scan);
        expect(idx.flowPackets.last(f.id)).toBe(f.lastIndex);
      }
    }
  });
});
