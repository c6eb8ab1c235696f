import { describe, expect, it } from 'vitest';
import type { RowDto } from '../../../electron/shared/dto.js';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { columnFilter, summaryLine } from '../../../renderer/src/util/column-filter.js';

const row: RowDto = { index: 4, number: 5, time: { sec: 1, nsec: 0 }, src: '192.0.2.10', dst: '2001:db8::1', protocol: 'HTTP', length: 150, info: 'GET "/" x', flow: 1, analysis: [], marked: false, colorRule: -1, malformed: false };

describe('packet-list column filters and summary lines', () => {
  it('filters on the column right-clicked', () => {
    const got = ['src', 'dst', 'proto', 'len', 'no', 'time', 'info'].map((c) => columnFilter(c, row));
    expect(got).toEqual(['ip.src == 192.0.2.10', 'ipv6.dst == 2001:db8::1', 'http', 'frame.len == 150', 'frame.number == 5', 'frame.number == 5', 'frame.number == 5']);
    expect(columnFilter('src', { ...row, src: '02:00:00:0a:00:10' })).toBe('eth.src == 02:00:00:0a:00:10');
    for (const f of got) expect(compileFilter(f).ok, f).toBe(true);
  });

  it('filters a custom column on its field and the value shown (the first occurrence), or on its absence', () => {
    const got = [
      columnFilter('field:tcp.window_size_value', row, '64240'),
      columnFilter('field:ip.ttl', row, '64,63'),
      columnFilter('field:dns.qry.name', row, 'a b"c'),
      columnFilter('field:eth.src', row, '02:00:00:0a:00:10'),
      columnFilter('field:tcp.window_size_value', row, ''),
    ];
    expect(got).toEqual(['tcp.window_size_value == 64240', 'ip.ttl == 64', 'dns.qry.name == "a b\\"c"', 'eth.src == 02:00:00:0a:00:10', '!tcp.window_size_value']);
    for (const f of got) expect(compileFilter(f).ok, f).toBe(true);
  });

  it('copies the summary as text and as CSV', () => {
    expect(summaryLine(row, '0.000100')).toBe('5\t0.000100\t192.0.2.10\t2001:db8::1\tHTTP\t150\tGET "/" x');
    expect(summaryLine(row, '0.000100', ',')).toBe('"5","0.000100","192.0.2.10","2001:db8::1","HTTP","150","GET ""/"" x"');
  });
});
