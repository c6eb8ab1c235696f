// Property tests: compileFilter never throws, whatever it is given, and every rejection
// carries a position inside the text; filters built from the grammar's pieces compile and
// evaluate on real packets (fast and slow path) without throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { capturePath, haveCaptures } from '../../support/captures.js';
import { loadCapture, runFilter, type LoadedCapture } from './run-filter.js';

function checkResult(text: string): void {
  const r = compileFilter(text);
  if (!r.ok) {
    expect(r.error.message.length).toBeGreaterThan(0);
    expect(r.error.message).not.toMatch(/^internal error/);
    expect(r.error.position).toBeGreaterThanOrEqual(0);
    expect(r.error.position).toBeLessThanOrEqual(text.length);
  }
}

const TOKENS = ['tcp', 'udp', 'ip.addr', 'ip.src', 'eth.src', 'tcp.port', 'dns.qry.name', 'frame.len', 'tcp.flags.syn', 'tcp.analysis.retransmission', 'frame', 'ipv6.addr',
  '==', '!=', '===', '!==', '<', '>=', 'eq', 'contains', 'matches', 'in', 'not', '!', '&&', '||', 'and', 'or', '(', ')', '{', '}', ',', '..', '[', ']', ':', '-', '&',
  '80', '0x50', '010', '10.0.0.0/8', '192.0.2.10', '2001:db8::1', '::/0', '00:0c:29', '02-00-00-0a-00-10', '"GET"', '"a\\x41\\n"', "'a'", 'r"x.y"', 'True', 'False', 'len(', 'count(', '#1', ' '];

describe('display-filter parser fuzz', () => {
  it('random strings never throw and always compile or give a positioned error', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => checkResult(s)), { numRuns: 2000 });
  });

  it('random token sequences never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }), (toks) => checkResult(toks.join(' '))),
      { numRuns: 3000 },
    );
  });

  it('mutations of valid filters never throw', () => {
    const seeds = ['ip.addr == 10.0.0.0/8 && tcp.port in {80, 443}', 'eth.src[0:3] == 00:0c:29', 'dns.qry.name matches "^www\\\\."', '!(tcp.flags.syn == 1) || udp'];
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.nat(60), fc.nat(60), fc.string({ maxLength: 3 }), (s, a, b, ins) => {
        const i = Math.min(a, s.length);
        const j = Math.min(i + (b % 5), s.length);
        checkResult(s.slice(0, i) + ins + s.slice(j));
      }),
      { numRuns: 2000 },
    );
  });
});

const leaf = fc.constantFrom(
  'tcp', 'udp', 'ip', 'ipv6', 'arp', 'dns', 'icmp', 'tcp.port == 80', 'tcp.flags.syn == 1', 'ip.addr == 192.0.2.10', 'ip.addr == 192.0.2.0/24', 'ipv6.addr == 2001:db8:a::/48',
  'frame.len > 100', 'tcp.analysis.retransmission', 'tcp.stream in {0..3}', 'eth.src[0:3] == 02:00:00', 'dns.qry.name contains "example"', 'tcp contains "GET"',
  'udp.port != 53', 'ip.src ~= 192.0.2.10', 'frame.time_relative < 1.5', 'tcp.len > 0', 'count(ip.src) > 1', 'icmp.type == 8', 'tcp.flags & 0x12',
);
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), fc.constantFrom(' && ', ' || ', ' and ', ' or '), tie('e')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('e').map((a) => `!(${a})`),
  ),
})).e;

describe.skipIf(!haveCaptures)('random valid filters on real packets', () => {
  let cap: LoadedCapture | undefined;
  it('compile, and the index never contradicts the tree', () => {
    cap ??= loadCapture(capturePath('scenarios/icmp-router-errors.pcap'));
    const c = cap;
    fc.assert(
      fc.property(expr, (text) => {
        const r = compileFilter(text);
        expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
        expect(runFilter(c, text).inconsistent).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
