// Ignored packets (Edit › Ignore/Unignore Packet, Ctrl+D; Ignore All Displayed, Ctrl+Shift+D;
// Unignore All, Ctrl+Alt+D): the engine keeps the set and shows them as <Ignored>; the rows
// are fetched again and the selected packet's detail reloaded.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useApi } from '../api/use-api.js';
import { usePacketsStore } from './packets.js';
import { useSelectionStore } from './selection.js';
import { useSessionStore } from './session.js';

export const useIgnoredStore = defineStore('ignored', () => {
  const api = useApi();
  const count = ref(0);

  async function run(p: { what: 'packet'; index: number; ignored: boolean } | { what: 'displayed' } | { what: 'none' }): Promise<void> {
    try {
      count.value = (await api.engine('ignore', p)).ignored;
    } catch (e) {
      useSessionStore().notify('error', `Could not change the ignored packets: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    usePacketsStore().refresh();
    await useSelectionStore().reloadDetail();
  }

  /** Ctrl+D on the selected row. */
  async function toggle(displayIndex: number): Promise<void> {
    const row = await usePacketsStore().fetchRow(displayIndex);
    if (row) await run({ what: 'packet', index: row.index, ignored: !row.ignored });
  }

  return { count, toggle, ignoreDisplayed: () => run({ what: 'displayed' }), unignoreAll: () => run({ what: 'none' }) };
});
