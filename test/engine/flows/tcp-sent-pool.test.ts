// The resend detector's recent segments in shared pool columns (tcp-sent-pool.ts): a ring
// starts with a small block and moves to a full one, and must behave exactly like a ring of
// 32 slots of its own whatever the other connections sharing the pool do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackoffTracker, type ResendInfo } from '../../../electron/engine/flows/tcp-backoff.js';
import { SentPool } from '../../../electron/engine/flows/tcp-sent-pool.js';

const summary = (r: ResendInfo | null): string => (r ? `${r.tryNo}|${r.gap}|${r.prevGap}|${r.group.seq}|${r.group.indices.join(',')}` : '-');

describe('SentPool rings', () => {
  it('remembers the last 32 segments of a side, across the move from the first small block', () => {
    for (const distinct of [1, 3, 4, 5, 17, 31]) {
      const b = new BackoffTracker(new SentPool(8));
      for (let k = 0; k <= distinct; k++) b.observe(k, k, 0, 1000 + k * 10, 10, 0x18, 0);
      expect(b.observe(100, 100, 0, 1000, 10, 0x18, 0), `after ${distinct} newer segments`).not.toBeNull();
    }
    const b = new BackoffTracker(new SentPool(8));
    for (let k = 0; k <= 32; k++) b.observe(k, k, 0, 1000 + k * 10, 10, 0x18, 0);
    // 32 newer segments pushed the first one out.
    expect(b.observe(100, 100, 0, 1000, 10, 0x18, 0)).toBeNull();
  });

  it('trackers sharing one pool answer like trackers with pools of their own', () => {
    const seg = fc.record({ who: fc.integer({ min: 0, max: 3 }), dir: fc.integer({ min: 0, max: 1 }), seq: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 0, max: 2 }), flags: fc.constantFrom(0x10, 0x18, 0x02, 0x11) });
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 400 }), (segs) => {
        const pool = new SentPool(4);
        const shared = [0, 1, 2, 3].map(() => new BackoffTracker(pool));
        const own = [0, 1, 2, 3].map(() => new BackoffTracker());
        segs.forEach((s, k) => {
          const dir = s.dir as 0 | 1;
          const a = shared[s.who]!.observe(k, k * 0.5, dir, s.seq * 100, s.len * 10, s.flags, 0);
          const b = own[s.who]!.observe(k, k * 0.5, dir, s.seq * 100, s.len * 10, s.flags, 0);
          expect(summary(a)).toBe(summary(b));
        });
        for (let w = 0; w < 4; w++) expect(shared[w]!.groups).toEqual(own[w]!.groups);
      }),
      { numRuns: 300 },
    );
  });

  it('a short connection costs a few hundred bytes of pool, not kilobytes', () => {
    const pool = new SentPool(16);
    for (let c = 0; c < 10_000; c++) {
      const b = new BackoffTracker(pool);
      b.observe(0, 0, 0, 100, 0, 0x02, 0); // SYN
      b.observe(1, 0, 1, 500, 0, 0x12, 0); // SYN-ACK
      b.observe(2, 0, 0, 101, 80, 0x18, 0); // request
      b.observe(3, 0, 1, 501, 900, 0x18, 0); // response
      b.observe(4, 0, 0, 181, 0, 0x11, 0); // FIN
      b.observe(5, 0, 1, 1401, 0, 0x11, 0); // FIN
    }
    expect(pool.byteSize / 10_000).toBeLessThan(1024);
    // 10k connections x 2 rings x a first block of 4 slots: grown by half, not doubled.
    expect(pool.byteSize / SentPool.BYTES_PER_SLOT).toBeLessThanOrEqual(80_000 * 1.5);
  });
});
