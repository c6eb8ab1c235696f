// Set membership (`in {…}`): items separated by commas (Wireshark 4.0) or by white space
// alone (the older form Wireshark's default colouring rules are written in), ranges among
// them, `not in`; both forms match exactly the same packets.
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { capturePath, haveCaptures } from '../../support/captures.js';
import { loadCapture, runFilter } from './run-filter.js';

const SAME: readonly [spaces: string, commas: string][] = [
  ['tcp.port in {80 443}', 'tcp.port in {80, 443}'],
  ['frame.number in { 1 3 5..7 }', 'frame.number in {1, 3, 5..7}'],
  ['frame.number in {1 3, 5 .. 7}', 'frame.number in {1, 3, 5..7}'],
  ['ip.src in {192.0.2.10 198.51.100.1}', 'ip.src in {192.0.2.10, 198.51.100.1}'],
  ['frame.number not in {1..5 9}', 'frame.number not in {1..5, 9}'],
  ['eth.dst in {ff:ff:ff:ff:ff:ff 02:00:00:0a:00:10}', 'eth.dst in {ff:ff:ff:ff:ff:ff, 02:00:00:0a:00:10}'],
  ['dns.qry.name in {"example.com" "example.org"}', 'dns.qry.name in {"example.com", "example.org"}'],
];

describe('display filter sets', () => {
  it('accept white space as well as commas between items', () => {
    for (const [spaces] of SAME) expect(compileFilter(spaces), spaces).toMatchObject({ ok: true });
    // Wireshark's default "ICMP errors" colouring rule, as its colorfilters file writes it.
    expect(compileFilter('icmp.type in { 3..5 11 } || icmpv6.type in { 1..4 }')).toMatchObject({ ok: true });
  });

  it('still reject an empty item or a dangling separator, pointing at it', () => {
    for (const bad of ['tcp.port in {80,}', 'tcp.port in {,80}', 'tcp.port in {}', 'tcp.port in {80 ,, 443}']) {
      const r = compileFilter(bad);
      expect(r.ok, bad).toBe(false);
    }
  });

  it.skipIf(!haveCaptures)('match the same packets in either form', () => {
    const cap = loadCapture(capturePath('scenarios/tcp-http-curl.pcap'));
    for (const [spaces, commas] of SAME) {
      const want = runFilter(cap, commas).frames;
      expect(runFilter(cap, spaces).frames, spaces).toEqual(want);
    }
    expect(runFilter(cap, 'tcp.port in {80 443}').frames.length).toBeGreaterThan(0);
  });
});
