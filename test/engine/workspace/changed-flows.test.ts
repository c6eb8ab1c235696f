// More than 1000 flows changing at once: each update carries at most 1000, and the rest
// follow in the next batches on their own (no new packet needed), at most 10 a second.
import { describe, expect, it } from 'vitest';
import type { UpdateDto } from '../../../electron/shared/dto.js';
import { ManualClock, openBytes } from './session-support.js';

/** A pcap of `n` one-packet UDP conversations (Ethernet/IPv4/UDP, distinct source ports). */
function manyFlows(n: number): Uint8Array {
  const frame = 14 + 20 + 8 + 4;
  const out = new Uint8Array(24 + n * (16 + frame));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 262144, true);
  dv.setUint32(20, 1, true);
  for (let i = 0; i < n; i++) {
    const p = 24 + i * (16 + frame);
    dv.setUint32(p, 1700000000, true);
    dv.setUint32(p + 4, i, true);
    dv.setUint32(p + 8, frame, true);
    dv.setUint32(p + 12, frame, true);
    const e = p + 16;
    out[e + 12] = 0x08;
    const ip = e + 14;
    out[ip] = 0x45;
    dv.setUint16(ip + 2, 20 + 8 + 4, false);
    out[ip + 8] = 64;
    out[ip + 9] = 17;
    out.set([192, 0, 2, 10], ip + 12);
    out.set([192, 0, 2, 20], ip + 16);
    dv.setUint16(ip + 20, 10000 + i, false);
    dv.setUint16(ip + 22, 40001, false);
    dv.setUint16(ip + 24, 12, false);
  }
  return out;
}

describe('changed flows in batched updates', () => {
  it('sends 2500 changed flows over three updates without waiting for more packets', async () => {
    const clock = new ManualClock();
    const updates: UpdateDto[] = [];
    const { session } = openBytes(manyFlows(2500), 1 << 20, { clock, onUpdate: (u: UpdateDto) => updates.push(u) });
    void session;
    for (let k = 0; k < 5; k++) {
      await Promise.resolve();
      clock.advance(100);
    }
    const sent = updates.map((u) => u.changedFlows.length).filter((n) => n > 0);
    expect(sent.every((n) => n <= 1000)).toBe(true);
    expect(new Set(updates.flatMap((u) => u.changedFlows.map((f) => f.id))).size).toBe(2500);
  });
});
