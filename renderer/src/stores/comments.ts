// Packet comments (Edit › Packet Comment…, Ctrl+Alt+C): the engine keeps them beside the
// capture (pcapng opt_comment) and a pcapng save or export writes them; the cached row and the
// detail tree are refreshed at once. View › Comment Column shows them in the list.
import { useLocalStorage } from '@vueuse/core';
import { defineStore } from 'pinia';
import { useApi } from '../api/use-api.js';
import { usePacketsStore } from './packets.js';
import { useSelectionStore } from './selection.js';
import { useSessionStore } from './session.js';

export const useCommentsStore = defineStore('comments', () => {
  const api = useApi();
  /** The Comment column is shown (off by default, as in Wireshark). */
  const column = useLocalStorage('ackline.columns.comment', false);

  /** Replaces the comments of the packet at display index `d` (packet `index`); blank ones are dropped. */
  async function save(d: number, index: number, comments: readonly string[]): Promise<boolean> {
    const kept = comments.map((c) => c.trim()).filter((c) => c !== '');
    try {
      await api.engine('setComments', { index, comments: kept });
    } catch (e) {
      useSessionStore().notify('error', `The comment was not saved: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    // A commented capture is unsaved: closing asks first (the host keeps the state).
    await api.session('markEdited', {}).catch(() => undefined);
    const packets = usePacketsStore();
    if (packets.rowAt(d)?.index === index) packets.patchRow(d, { comments: kept.length ? kept : undefined });
    const selection = useSelectionStore();
    if (selection.packetIndex === index) await selection.reloadDetail();
    return true;
  }

  return { column, save };
});
