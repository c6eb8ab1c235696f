// The packet list's columns (Wireshark's defaults, and the optional Comment column) and their
// widths, resizable by dragging the header edges; Info takes whatever is left. The widths are
// preferences (kept by the host: a browser's storage is per port, and serve's port changes at
// each start), saved when a drag ends.
import { computed, ref, type Ref } from 'vue';
import type { CustomColumn, SortColumn } from '../../../electron/shared/contract.js';
import { usePreferencesStore } from '../stores/preferences.js';

export interface ColumnDef {
  /** Also the key of its width; `field:NAME` for a custom column. */
  readonly id: string;
  /** A custom column's field (its values are the row's `custom`, in shown order). */
  readonly field?: string;
  /** What a header click sorts by (null: the column does not sort). */
  readonly sort: SortColumn | null;
  readonly title: string;
  readonly width: number;
  readonly right: boolean;
}

/**
 * Every column, in the order their widths are indexed (a new column goes at the end);
 * `visibleColumns` gives the order on screen.
 */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'no', sort: 'number', title: 'No.', width: 70, right: true },
  { id: 'time', sort: 'time', title: 'Time', width: 116, right: false },
  { id: 'src', sort: 'src', title: 'Source', width: 150, right: false },
  { id: 'dst', sort: 'dst', title: 'Destination', width: 150, right: false },
  { id: 'proto', sort: 'protocol', title: 'Protocol', width: 74, right: false },
  { id: 'len', sort: 'length', title: 'Length', width: 74, right: true },
  { id: 'info', sort: 'info', title: 'Info', width: 0, right: false },
  { id: 'comment', sort: null, title: 'Comment', width: 220, right: false },
];

/** A custom column's width until it is dragged. */
const CUSTOM_WIDTH = 110;

/**
 * The columns shown, left to right: Comment (when on) and the custom columns not hidden
 * (in their preferences' order) before Info, which takes the rest.
 */
export function visibleColumns(comment: boolean, custom: readonly CustomColumn[] = []): readonly ColumnDef[] {
  const base = COLUMNS.filter((c) => c.id !== 'comment' && c.id !== 'info');
  const info = COLUMNS.find((c) => c.id === 'info')!;
  const extra = comment ? COLUMNS.filter((c) => c.id === 'comment') : [];
  const fields = custom
    .filter((c) => !c.hidden)
    .map((c): ColumnDef => ({ id: `field:${c.field}`, field: c.field, sort: `field:${c.field}`, title: c.title, width: CUSTOM_WIDTH, right: false }));
  return [...base, ...extra, ...fields, info];
}

const MIN = 36;

export function useColumnWidths(shown: Ref<readonly ColumnDef[]>) {
  const prefs = usePreferencesStore();
  /** The width of the column being dragged, before it is saved. */
  const dragging = ref<{ id: string; width: number } | null>(null);
  /** The width of column `c` now. */
  function widthOf(c: ColumnDef): number {
    const d = dragging.value;
    return d && d.id === c.id ? d.width : (prefs.prefs.columnWidths[c.id] ?? c.width);
  }
  const template = computed(() => shown.value.map((c) => (c.id === 'info' ? 'minmax(120px, 1fr)' : `${Math.max(MIN, widthOf(c))}px`)).join(' '));

  function startResize(c: ColumnDef, e: PointerEvent): void {
    const x0 = e.clientX;
    const id = c.id;
    const w0 = widthOf(c);
    const target = e.target as HTMLElement;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent): void => {
      dragging.value = { id, width: Math.round(Math.max(MIN, w0 + ev.clientX - x0)) };
    };
    const up = (): void => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      const d = dragging.value;
      if (d) void prefs.update({ columnWidths: { ...prefs.prefs.columnWidths, [d.id]: d.width } }).finally(() => (dragging.value = null));
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    e.preventDefault();
  }

  return { widthOf, template, startResize };
}
