// Interface rates for the sparklines, in the packets per second a capture there would see:
// /proc/net/dev parsed (received + sent; on lo every packet is both, so once), packets per
// second between two samples, counters that went backwards (an interface re-created)
// skipped, and `any` as the sum of them all.
import { describe, expect, it } from 'vitest';
import { parseNetDev, TrafficMonitor } from '../../electron/node-platform/traffic-monitor.js';

const dev = (lo: number, eth: number): string =>
  `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 1000 ${lo} 0 0 0 0 0 0 1000 ${lo} 0 0 0 0 0 0
  eth0: 5000 ${eth} 0 0 0 0 0 0 300 7 0 0 0 0 0 0
`;

describe('traffic monitor', () => {
  it('parses received + sent packets per interface (lo: each packet once)', () => {
    expect(parseNetDev(dev(10, 20))).toEqual(new Map([['lo', 10], ['eth0', 27]]));
    expect(parseNetDev('garbage')).toEqual(new Map());
  });

  it('gives packets per second between samples to its subscribers', async () => {
    const texts = [dev(10, 20), dev(60, 10), dev(160, 30)];
    let t = 0;
    const m = new TrafficMonitor(async () => texts.shift()!, 1_000_000, () => (t += 500));
    const got: Record<string, number>[] = [];
    const off = m.subscribe((r) => got.push(r));
    await m.sample();
    await m.sample();
    off();
    // First sample is the baseline; lo: +50 packets in 0.5 s = 100/s; eth0 went backwards.
    expect(got[0]).toEqual({ lo: 100, any: 100 });
    expect(got[1]).toEqual({ lo: 200, eth0: 40, any: 240 });
  });
});
