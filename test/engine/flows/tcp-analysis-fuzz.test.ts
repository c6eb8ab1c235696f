// Random segments never make the TCP analysis throw, and its results stay well-formed:
// any flags, sequence numbers near and across the 2^32 wrap, zero and huge windows, window
// scale options out of range, times that go backwards or carry out-of-range fractions,
// port reuse, both directions, several streams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  A_DUPLICATE_ACK,
  A_FAST_RETRANSMISSION,
  A_RETRANSMISSION,
  A_SPURIOUS_RETRANSMISSION,
  ANALYSIS_FIELDS,
} from '../../../electron/engine/flows/analysis-flags.js';
import type { Flow } from '../../../electron/engine/flows/flow.js';
import { TcpAnalyzer } from '../../../electron/engine/flows/tcp-analyzer.js';
import type { TcpSegment } from '../../../electron/engine/flows/tcp-segment.js';

const ALL_BITS = ANALYSIS_FIELDS.reduce((m, [bit]) => m | bit, 0);

const segmentArb = fc.record({
  conn: fc.integer({ min: 0, max: 2 }),
  dir: fc.constantFrom<0 | 1>(0, 1),
  flags: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x02, 0x12, 0x10, 0x18, 0x11, 0x14, 0x04)),
  seq: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0xfffff000, max: 0xffffffff })),
  ack: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 4000 })),
  window: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })),
  payloadLength: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 70_000 })),
  wscale: fc.integer({ min: -1, max: 255 }),
  dt: fc.integer({ min: -2_000_000, max: 50_000_000 }),
  nsecJunk: fc.boolean(),
});

function flowFor(id: number, stream: number): Flow {
  return { id, kind: 'tcp', ipVersion: 4, a: 1, b: 2, aPort: 1000 + id, bPort: 80, stream, firstIndex: 0, lastIndex: 0, firstSec: 0, firstNsec: 0, lastSec: 0, lastNsec: 0, packets: [0, 0], bytes: [0, 0] };
}

describe('TCP analysis on random segments', () => {
  it('never throws and returns well-formed results', () => {
    fc.assert(
      fc.property(fc.array(segmentArb, { maxLength: 120 }), (segs) => {
        const analyzer = new TcpAnalyzer();
        const flows = new Map<number, Flow>();
        let streams = 0;
        let ns = 1_700_000_000 * 1e9;
        segs.forEach((s, index) => {
          ns += s.dt;
          let flow = flows.get(s.conn);
          const src = s.dir === 0 ? 1 : 2;
          const sport = s.dir === 0 ? 1000 + s.conn : 80;
          if ((s.flags & 0x12) === 0x02 && analyzer.isNewConnection(flow, s.seq, src, sport)) flow = undefined;
          if (!flow) flows.set(s.conn, (flow = flowFor(s.conn, streams++)));
          const seg: TcpSegment = {
            index,
            number: index + 1,
            sec: Math.floor(ns / 1e9),
            // pcap µs fields past 999999 reach the analysis as nsec values past 1e9 (even 2^32).
            nsec: s.nsecJunk ? 4_294_967_295_000 : ns % 1e9,
            flow,
            dir: s.dir,
            seq: s.seq,
            ack: s.ack,
            flags: s.flags,
            window: s.window,
            payloadLength: s.payloadLength,
            mss: -1,
            wscale: s.wscale,
            sackPermitted: false,
            tsVal: -1,
            tsEcr: -1,
            sackBlocks: 0,
          };
          const r = analyzer.analyze(seg);
          expect(r.flags & ~ALL_BITS).toBe(0);
          expect(r.dupAckNum !== undefined).toBe((r.flags & A_DUPLICATE_ACK) !== 0);
          if (r.dupAckNum !== undefined) {
            expect(r.dupAckNum).toBeGreaterThanOrEqual(1);
            expect(r.dupAckFrame).toBeLessThanOrEqual(seg.number);
          }
          if (r.flags & (A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION)) expect(r.flags & A_RETRANSMISSION).toBe(A_RETRANSMISSION);
          expect(analyzer.shown.completeness & ~63).toBe(0);
          const rtt = analyzer.shown.initialRtt;
          if (rtt !== undefined) expect(Number.isFinite(rtt)).toBe(true);
          expect(analyzer.completeness(flow.stream) & ~63).toBe(0);
        });
      }),
      { numRuns: 400 },
    );
  });
});
