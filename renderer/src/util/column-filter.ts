// Apply as Filter from a packet-list column (Wireshark filters on the column right-clicked):
// the address columns by their kind of address, the protocol by its name, the number and
// length by their frame fields, the comment by frame.comment, a custom column by its field.
import type { RowDto } from '../../../electron/shared/dto.js';

const V4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const V6 = /^[0-9a-f:.]*:[0-9a-f:.]*$/i;

function address(dir: 'src' | 'dst', a: string): string | undefined {
  if (V4.test(a)) return `ip.${dir} == ${a}`;
  if (MAC.test(a)) return `eth.${dir} == ${a}`;
  if (V6.test(a)) return `ipv6.${dir} == ${a}`;
  return undefined;
}

/**
 * `column`: a column id (`field:NAME` for a custom column, whose `shown` text is the field's
 * occurrences comma-joined: the filter takes the first, or the field's absence when empty).
 */
export function columnFilter(column: string, row: RowDto, shown = ''): string {
  if (column.startsWith('field:')) {
    const field = column.slice('field:'.length);
    if (shown === '') return `!${field}`;
    const first = shown.split(',')[0]!;
    // Numbers, addresses and plain words stand bare in a filter; anything else is a string literal.
    return `${field} == ${/^[\w.:-]+$/.test(first) ? first : JSON.stringify(first)}`;
  }
  if (column === 'src') return address('src', row.src) ?? `frame.number == ${row.number}`;
  if (column === 'dst') return address('dst', row.dst) ?? `frame.number == ${row.number}`;
  if (column === 'proto' && /^[a-z0-9]+$/i.test(row.protocol)) return row.protocol.toLowerCase();
  if (column === 'len') return `frame.len == ${row.length}`;
  // A display-filter string takes C escapes, as JSON writes them.
  if (column === 'comment' && row.comments?.length) return `frame.comment == ${JSON.stringify(row.comments[0])}`;
  return `frame.number == ${row.number}`;
}

/** Copy › Summary as Text: the row's columns, tab-separated, as Wireshark copies them. */
export function summaryLine(row: RowDto, time: string, sep = '\t'): string {
  const cells = [String(row.number), time, row.src, row.dst, row.protocol, String(row.length), row.info];
  return sep === ',' ? cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',') : cells.join(sep);
}
