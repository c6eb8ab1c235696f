// The window's splits (packet list above, ladder beside the tree and bytes below), kept in
// the preferences so that the split the user dragged is the one the next window opens with.
import { computed } from 'vue';
import { usePreferencesStore } from '../stores/preferences.js';

/** What splitpanes' `resized` event carries (sizes in percent, in pane order). */
export interface ResizedEvent {
  panes: readonly { size: number }[];
}

export function usePaneLayout() {
  const prefs = usePreferencesStore();
  const list = computed(() => prefs.prefs.panes.list);
  const ladder = computed(() => prefs.prefs.panes.ladder);

  /** Saves a split the user dragged: `which` pane's size is the first (list) or last (ladder) pane. */
  function resized(which: 'list' | 'ladder', e: ResizedEvent): void {
    const size = which === 'list' ? e.panes[0]?.size : e.panes.at(-1)?.size;
    if (size === undefined || !Number.isFinite(size)) return;
    const value = Math.min(90, Math.max(10, Math.round(size * 10) / 10));
    if (value !== prefs.prefs.panes[which]) void prefs.update({ panes: { ...prefs.prefs.panes, [which]: value } });
  }

  return { list, ladder, resized };
}
