// The index answers a field declared `indexed` wherever its protocols' gates know the packet,
// including a field that more than one protocol's header carries: ip.version is IPv4's field,
// and IPv6 carries a hidden one (Wireshark's), so `ip.version == 6` is answered for IPv6
// packets from the index, not by dissecting them.
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures } from '../../support/captures.js';
import { loadCapture, runFilter } from './run-filter.js';

describe.skipIf(!haveCaptures)('fields answered from the index', () => {
  it('ip.version is answered wherever the index knows the IP layer (IPv4 and IPv6 alike)', () => {
    const cap = loadCapture(capturePath('scenarios/loopback-http.pcap'));
    const ip = runFilter(cap, 'ip || ipv6');
    // The capture mixes both versions and the index knows most packets' IP layer.
    expect(runFilter(cap, 'ip').frames.length).toBeGreaterThan(0);
    expect(runFilter(cap, 'ipv6').frames.length).toBeGreaterThan(0);
    expect(ip.slow).toBeLessThan(cap.index.packets.length / 2);
    for (const f of ['ip.version == 4', 'ip.version == 6', 'ip.version']) {
      const r = runFilter(cap, f);
      expect(r.slow, `${f}: packets sent to the tree`).toBe(ip.slow);
      expect(r.inconsistent, `${f}: index answers that contradict the tree`).toEqual([]);
    }
    expect(runFilter(cap, 'ip.version == 6').frames).toEqual(runFilter(cap, 'ipv6').frames);
  });
});
