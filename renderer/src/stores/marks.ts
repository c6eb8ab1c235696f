// Marked packets (Ctrl+M): the engine keeps the set; the cached row is patched at once.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useApi } from '../api/use-api.js';
import { usePacketsStore } from './packets.js';

export const useMarksStore = defineStore('marks', () => {
  const api = useApi();
  const count = ref(0);

  async function toggle(displayIndex: number): Promise<void> {
    const packets = usePacketsStore();
    const row = await packets.fetchRow(displayIndex);
    if (!row) return;
    const marked = !row.marked;
    packets.patchRow(displayIndex, { marked });
    try {
      const r = await api.engine('mark', { index: row.index, marked });
      count.value = r.marked;
    } catch {
      packets.patchRow(displayIndex, { marked: !marked });
    }
  }

  return { count, toggle };
});
