// v-overflow-title: an element whose text is cut off (an ellipsis in a narrow column or
// pane) shows its whole text as a tooltip; one whose text fits shows none. Checked when the
// pointer arrives, since widths change with every resize and every new row.
import type { Directive } from 'vue';

function update(el: HTMLElement): void {
  if (el.scrollWidth > el.clientWidth + 1) el.title = (el.textContent ?? '').trim();
  else el.removeAttribute('title');
}

const listeners = new WeakMap<HTMLElement, () => void>();

export const vOverflowTitle: Directive<HTMLElement> = {
  mounted(el) {
    const fn = (): void => update(el);
    listeners.set(el, fn);
    el.addEventListener('mouseenter', fn);
  },
  unmounted(el) {
    const fn = listeners.get(el);
    if (fn) el.removeEventListener('mouseenter', fn);
  },
};
