import { describe, expect, it } from 'vitest';
import { combineFilter, fieldFilter, filterValue } from '../../../renderer/src/util/field-filter.js';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';

describe('Apply / Prepare as Filter', () => {
  it('writes field == value with bare numbers and addresses and quoted text', () => {
    expect(fieldFilter({ field: 'ip.src', value: '192.0.2.10' })).toBe('ip.src == 192.0.2.10');
    expect(fieldFilter({ field: 'tcp.dstport', value: 80 })).toBe('tcp.dstport == 80');
    expect(fieldFilter({ field: 'eth.src', value: '02:00:00:0a:00:10' })).toBe('eth.src == 02:00:00:0a:00:10');
    expect(fieldFilter({ field: 'ipv6.src', value: '2001:db8::1' })).toBe('ipv6.src == 2001:db8::1');
    expect(fieldFilter({ field: 'http.host', value: 'a "b"\\c' })).toBe('http.host == "a \\"b\\"\\\\c"');
    expect(fieldFilter({ field: 'tcp.flags.syn', value: true })).toBe('tcp.flags.syn == 1');
    expect(fieldFilter({ field: 'tcp' })).toBe('tcp');
    expect(fieldFilter({ field: 'tcp.analysis.retransmission', value: true })).toBe('tcp.analysis.retransmission');
    expect(fieldFilter({ field: '', value: 'x' })).toBeUndefined();
    expect(fieldFilter({ field: '_ws.text', value: 'x' })).toBeUndefined();
    expect(filterValue('0x1a2b')).toBe('0x1a2b');
    for (const f of ['ip.src == 192.0.2.10', 'tcp.flags.syn == 1', 'dns.qry.name == "x y"']) expect(compileFilter(f).ok, f).toBe(true);
  });

  it('combines with the filter in the bar as Wireshark: selected, not, and, or, and not, or not', () => {
    expect(combineFilter('', 'tcp', 'selected')).toBe('tcp');
    expect(combineFilter('udp', 'tcp', 'selected')).toBe('tcp');
    expect(combineFilter('', 'tcp', 'not-selected')).toBe('!(tcp)');
    expect(combineFilter('udp', 'tcp', 'and')).toBe('(udp) && (tcp)');
    expect(combineFilter('udp', 'tcp', 'or')).toBe('(udp) || (tcp)');
    expect(combineFilter('udp', 'tcp', 'and-not')).toBe('(udp) && !(tcp)');
    expect(combineFilter('udp', 'tcp', 'or-not')).toBe('(udp) || !(tcp)');
    expect(combineFilter('  ', 'tcp', 'and')).toBe('tcp');
  });
});
