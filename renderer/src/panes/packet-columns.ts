// The packet list's columns (Wireshark's defaults) and their widths, resizable by
// dragging the header edges; Info takes whatever is left.
import { useLocalStorage } from '@vueuse/core';
import { computed } from 'vue';

export const COLUMNS = [
  { id: 'no', sort: 'number', title: 'No.', width: 70, right: true },
  { id: 'time', sort: 'time', title: 'Time', width: 116, right: false },
  { id: 'src', sort: 'src', title: 'Source', width: 150, right: false },
  { id: 'dst', sort: 'dst', title: 'Destination', width: 150, right: false },
  { id: 'proto', sort: 'protocol', title: 'Protocol', width: 74, right: false },
  { id: 'len', sort: 'length', title: 'Length', width: 74, right: true },
  { id: 'info', sort: 'info', title: 'Info', width: 0, right: false },
] as const;

const MIN = 36;

export function useColumnWidths() {
  const widths = useLocalStorage<number[]>('ackline.columns.v1', COLUMNS.map((c) => c.width));
  const template = computed(() => COLUMNS.map((c, i) => (c.id === 'info' ? 'minmax(120px, 1fr)' : `${Math.max(MIN, widths.value[i] ?? c.width)}px`)).join(' '));

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
