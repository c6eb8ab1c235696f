// Apply / Prepare as Filter and Copy › "…as Filter": the display filter that selects a
// field of the detail tree with its value, as Wireshark builds it, and how a filter combines
// with the one already in the bar (Selected, Not Selected, …and, …or, …and not, …or not).
import type { FieldNodeDto } from '../../../electron/shared/dto.js';

/** Values written bare: numbers, addresses (IPv4, IPv6, MAC), hex. */
const BARE = /^(-?\d+(\.\d+)?|0x[0-9a-f]+|\d{1,3}(\.\d{1,3}){3}|[0-9a-f]{2}(:[0-9a-f]{2}){5}|[0-9a-f:]*:[0-9a-f:]*)$/i;

/** True when the node names a field a filter can use (not a text line or a protocol's label). */
export function filterable(node: Pick<FieldNodeDto, 'field'>): boolean {
  return /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/i.test(node.field) && !node.field.startsWith('_');
}

/** The value as a filter writes it: bare when it can be, else a quoted string. */
export function filterValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return BARE.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `field == value`, or the field alone when it has no value (a protocol, a flag item). */
export function fieldFilter(node: Pick<FieldNodeDto, 'field' | 'value'>): string | undefined {
  if (!filterable(node)) return undefined;
  if (node.value === undefined || node.value === '' || (node.value === true && node.field.includes('.analysis.'))) return node.field;
  return `${node.field} == ${filterValue(node.value)}`;
}

export type FilterCombine = 'selected' | 'not-selected' | 'and' | 'or' | 'and-not' | 'or-not';

export const COMBINE_LABELS: Record<FilterCombine, string> = {
  selected: 'Selected',
  'not-selected': 'Not Selected',
  and: '…and Selected',
  or: '…or Selected',
  'and-not': '…and not Selected',
  'or-not': '…or not Selected',
};

/** The filter the bar gets: `current` (the bar's text) combined with `filter`. */
export function combineFilter(current: string, filter: string, how: FilterCombine): string {
  const cur = current.trim();
  const not = `!(${filter})`;
  switch (how) {
    case 'selected':
      return filter;
    case 'not-selected':
      return not;
    case 'and':
      return cur ? `(${cur}) && (${filter})` : filter;
    case 'or':
      return cur ? `(${cur}) || (${filter})` : filter;
    case 'and-not':
      return cur ? `(${cur}) && ${not}` : not;
    case 'or-not':
      return cur ? `(${cur}) || ${not}` : not;
  }
}
