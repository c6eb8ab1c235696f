// The packet list's columns (Wireshark's defaults, and the optional Comment column) and their
// widths, resizable by dragging the header edges; Info takes whatever is left.
import { useLocalStorage } from '@vueuse/core';
import { computed, type Ref } from 'vue';
import type { SortColumn } from '../../../electron/shared/contract.js';

export interface ColumnDef {
  readonly id: string;
  /** What a header click sorts by (null: the column does not sort). */
  readonly sort: SortColumn | null;
  readonly title: string;
  readonly width: number;
  readonly right: boolean;
}

/**
 * Every column, in the order their widths are stored (a new column goes at the end so the
 * widths users set stay theirs); `visibleColumns` gives the order on screen.
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

/** The columns shown, left to right: Comment (when on) before Info, which takes the rest. */
export function visibleColumns(comment: boolean): readonly ColumnDef[] {
  const base = COLUMNS.filter((c) => c.id !== 'comment' && c.id !== 'info');
  const info = COLUMNS.find((c) => c.id === 'info')!;
  const extra = comment ? COLUMNS.filter((c) => c.id === 'comment') : [];
  return [...base, ...extra, info];
}

const MIN = 36;

export function useColumnWidths(shown: Ref<readonly ColumnDef[]>) {
  const widths = useLocalStorage<number[]>('ackline.columns.v1', COLUMNS.map((c) => c.width));
  const template = computed(() => shown.value.map((c) => (c.id === 'info' ? 'minmax(120px, 1fr)' : `${Math.max(MIN, widths.value[COLUMNS.indexOf(c)] ?? c.width)}px`)).join(' '));

  /** `i`: the column's index in COLUMNS. */
  function startResize(i: number, e: PointerEvent): void {
    const x0 = e.clientX;
    const w0 = widths.value[i] ?? COLUMNS[i]!.width;
    const target = e.target as HTMLElement;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent): void => {
      const next = [...widths.value];
      next[i] = Math.max(MIN, w0 + ev.clientX - x0);
      widths.value = next;
    };
    const up = (): void => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    e.preventDefault();
  }

  return { widths, template, startResize };
}
