// The `cap` backend behind the same interface: it loads, lists adapters, states its limits,
// and (as root) captures on lo with a filter — timestamped on arrival, as documented.
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { CAP_LIMITS, createCapBackend } from '../../electron/capture/cap-backend.js';
import { pickBackend } from '../../electron/capture/pick-backend.js';

const cap = createCapBackend();

describe.skipIf(!cap)('cap backend', () => {
  it('lists adapters and states what it cannot do', () => {
    expect(cap!.name).toBe('cap');
    expect(cap!.limits).toBe(CAP_LIMITS);
    expect(cap!.limits).toMatch(/timestamped when they reach Ackline/);
    expect(cap!.listInterfaces().map((i) => i.name)).toContain('lo');
  });

  it('is chosen when asked for, and the native binding otherwise', () => {
    expect(pickBackend('cap').backend?.name).toBe('cap');
    expect(['native', 'cap']).toContain(pickBackend('auto').backend?.name);
  });

  it.skipIf(process.getuid?.() !== 0)('captures on lo through the same LiveCapture interface', async () => {
    const live = cap!.open({ interface: 'lo', snaplen: 65535, promiscuous: false, immediate: true, bufferSize: 1 << 20, filter: 'udp port 47922' });
    expect(live.linktype).toBe(1);
    expect(live.nanoTimestamps).toBe(false);
    const lens: number[] = [];
    const done = new Promise<void>((resolve) => live.start((pkts, fin) => {
      for (const p of pkts) lens.push(p.caplen);
      if (fin) resolve();
    }));
    const s = createSocket('udp4');
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 3; i++) s.send(Buffer.alloc(10 + i), 47922, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 400));
    s.close();
    live.stop();
    await done;
    live.close();
    expect(lens).toEqual([52, 53, 54]);
  });
});
