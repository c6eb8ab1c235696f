// Bad filters: every error names the problem and points at it (0-based offset, length).
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { caretLine } from '../../../electron/engine/filter/filter-error.js';

function error(text: string): { message: string; position: number; length: number } {
  const r = compileFilter(text);
  if (r.ok) throw new Error(`expected "${text}" to be rejected`);
  return r.error;
}

const CASES: readonly [filter: string, message: RegExp | string, position: number][] = [
  ['tcp.flgs', '`tcp.flgs` is not a field; did you mean `tcp.flags`?', 0],
  ['tcp.flgs == 2', '`tcp.flgs` is not a field; did you mean `tcp.flags`?', 0],
  ['ip.src == 1.2.3.4 && tcp.prot == 80', '`tcp.prot` is not a field; did you mean `tcp.port`?', 21],
  ['ip.adr == 10.0.0.1', '`ip.adr` is not a field; did you mean `ip.addr`?', 0],
  ['dns.qry.nme contains "x"', '`dns.qry.nme` is not a field; did you mean `dns.qry.name`?', 0],
  ['tcp.analysis.retransmision', '`tcp.analysis.retransmision` is not a field; did you mean `tcp.analysis.retransmission`?', 0],
  ['htpp', '`htpp` is not a field; did you mean `http`?', 0],
  ['frobnicate', '`frobnicate` is not a field', 0],
  ['tcp.flags.syn=1', '"=" is not an operator here; to compare, write "=="', 13],
  ['tcp.port == ', 'the filter ends too early: expected a field or a value', 12],
  ['tcp.port == 80 and', /^the filter ends too early: expected /, 18],
  ['(tcp.port == 80', /^the filter ends too early: expected .*"\)"/, 15],
  ['tcp.port == 80)', /^"\)" was unexpected here/, 14],
  ['tcp.port ==== 3', /^"=" was unexpected here/, 12],
  ['tcp.port == "80"', 'Unsigned integer cannot be converted from a string ("80")', 12],
  ['tcp.port == 0x', '"0x" is not a valid number', 12],
  ['tcp.port == -1', '"-1" is negative, but the field is unsigned', 12],
  ['ip.addr == 300.0.0.1', '"300.0.0.1" is not a valid IPv4 address (host names are not looked up)', 11],
  ['ip.addr == 10.0.0.0/33', 'netmask bits in a CIDR IPv4 address should be <= 32, not 33', 11],
  ['ip.addr > 10.0.0.0/8', 'a network (10.0.0.0/8) can only be tested with ==, != or in', 10],
  ['ipv6.addr == 2001:db8::1::2', '"2001:db8::1::2" is not a valid IPv6 address', 13],
  ['eth.src == 00:11:22', '"00:11:22" is not a valid Ethernet address (six bytes, such as 00:0c:29:12:34:56)', 11],
  ['eth.src[0:3] == zz', '"zz" is not a valid byte string (hex bytes such as 00:0c:29)', 16],
  ['frame.len[0] == 1', '"frame.len" is an unsigned integer and cannot be sliced into a sequence of bytes', 0],
  ['tcp.analysis.retransmission == 1', /is a label without a value/, 0],
  ['frame.len contains 3', '`frame.len` is an unsigned integer and cannot be searched with "contains"', 0],
  ['ip.dst matches "^10"', '`ip.dst` is an IPv4 address and cannot be matched against a regular expression', 0],
  ['dns.qry.name matches "(unclosed"', /^invalid regular expression/, 21],
  ['dns.qry.name matches example', 'the pattern after "matches" must be a quoted string', 21],
  ['"abc', 'this string has no closing quote', 0],
  ['"abc" == "abc"', '"abc" is a string, not a field or protocol', 0],
  ['80 == 80', '`80` is neither a field nor a protocol', 0],
  ['tcp.port in {80 443,}', /^"," was unexpected here|^"}" was unexpected here|expected/, 20],
  ['tcp.port in {80, tcp.port}', 'a set holds values, not fields (`tcp.port`)', 17],
  ['ip.src == tcp.port', /cannot be compared/, 7],
  ['frobnicate(tcp)', '"frobnicate" is not a function (known: len, count, upper, lower)', 0],
  ['upper(tcp.port) == "X"', 'upper() needs a string field; tcp.port is an unsigned integer', 6],
  ['ip.src#2 == 1.2.3.4', 'the layer operator (#2) is not supported', 0],
  ['tcp xor udp', '"xor" is not supported; write (a && !b) || (!a && b)', 4],
  ['frame.time_relative > abc', '"abc" is not a valid number of seconds', 22],
];

describe('filter errors', () => {
  for (const [text, message, position] of CASES) {
    it(text, () => {
      const e = error(text);
      if (typeof message === 'string') expect(e.message).toBe(message);
      else expect(e.message).toMatch(message);
      expect(e.position).toBe(position);
      expect(e.position).toBeGreaterThanOrEqual(0);
      expect(e.position).toBeLessThanOrEqual(text.length);
    });
  }

  it('underlines the problem like tshark', () => {
    const e = error('ip.src == 1.2.3.4 && tcp.prot == 80');
    expect(caretLine('ip.src == 1.2.3.4 && tcp.prot == 80', e.position, e.length)).toBe(`ip.src == 1.2.3.4 && tcp.prot == 80\n${' '.repeat(21)}^${'~'.repeat(7)}`);
  });

  it('accepts the empty filter (every packet) and reports fields and needsTree', () => {
    const empty = compileFilter('   ');
    expect(empty.ok && empty.filter.fields).toEqual([]);
    const fast = compileFilter('ip.addr == 192.0.2.10 && tcp.flags.syn == 1');
    expect(fast.ok && fast.filter.needsTree).toBe(false);
    const slow = compileFilter('dns.qry.name contains "x"');
    expect(slow.ok && slow.filter.needsTree).toBe(true);
    const proto = compileFilter('tcp contains "GET"');
    expect(proto.ok && proto.filter.needsTree).toBe(true);
    const presence = compileFilter('tcp && !arp');
    expect(presence.ok && presence.filter.needsTree).toBe(false);
  });
});
