// The packet list's order when a column header sorts it (Wireshark: click sorts ascending,
// again descending, a third time back to packet order). The engine sorts the displayed
// packets and keeps the permutation (4 bytes a row) and its inverse, so the renderer still
// fetches windows of rows by position. Ties keep packet order, as Wireshark's stable sort does.
import type { SortColumn } from '../../shared/contract.js';
import type { DisplayList } from './display-list.js';

/** A key per displayed packet: numbers compare numerically, strings by code unit. */
export type SortKeys = { readonly kind: 'number'; readonly keys: Float64Array } | { readonly kind: 'text'; readonly keys: readonly string[] };

/**
 * Sorts display positions 0..keys.length-1 by their key (descending when asked; ties by
 * position ascending either way) and answers the packet index at each sorted position.
 */
export function sortDisplayed(display: Pick<DisplayList, 'at'>, keys: SortKeys, descending: boolean): Uint32Array {
  const n = keys.keys.length;
  const pos = new Uint32Array(n);
  for (let d = 0; d < n; d++) pos[d] = d;
  const dir = descending ? -1 : 1;
  if (keys.kind === 'number') {
    const k = keys.keys;
    pos.sort((a, b) => (k[a]! - k[b]!) * dir || a - b);
  } else {
    const k = keys.keys;
    pos.sort((a, b) => {
      const x = k[a]!;
      const y = k[b]!;
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a - b;
    });
  }
  for (let s = 0; s < n; s++) pos[s] = display.at(pos[s]!);
  return pos;
}

/**
 * A text key that sorts addresses as Wireshark does: by type, then by value (IPv4 numerically,
 * IPv6 by its 128 bits, MAC by its 48), anything else as text after them.
 */
export function addressKey(s: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return '1' + v4.slice(1).map((o) => Number(o).toString(16).padStart(2, '0')).join('');
  if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(s)) return '0' + s.toLowerCase().replaceAll(':', '');
  if (s.includes(':') && /^[0-9a-f:.]+$/i.test(s)) {
    const hex = ipv6Hex(s);
    if (hex) return '2' + hex;
  }
  return '3' + s;
}

/** The 32 hex digits of an IPv6 address (with :: and a dotted IPv4 tail), null when it is not one. */
function ipv6Hex(s: string): string | null {
  let text = s;
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const b = tail.slice(1).map(Number);
    text = text.slice(0, tail.index) + `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => g.toLowerCase().padStart(4, '0')).join('');
}

/** The sorted order of the displayed list while a sort is on: position <-> packet index. */
export class RowOrder {
  private inverse: Int32Array | null = null;

  constructor(
    readonly column: SortColumn,
    readonly descending: boolean,
    private readonly order: Uint32Array,
  ) {}

  get length(): number {
    return this.order.length;
  }

  /** Packet index at sorted position `s` (s < length). */
  at(s: number): number {
    return this.order[s]!;
  }

  /** Sorted position of packet `i`, -1 when it was not displayed at sort time. */
  indexOf(i: number): number {
    if (!this.inverse) {
      let max = 0;
      for (const v of this.order) if (v > max) max = v;
      this.inverse = new Int32Array(max + 1).fill(-1);
      this.order.forEach((v, s) => (this.inverse![v] = s));
    }
    return i < this.inverse.length ? this.inverse[i]! : -1;
  }
}
