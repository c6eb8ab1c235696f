// Analyze › Findings: what the engine found wrong in the capture, asked for when the pane is
// shown and asked again while packets arrive (a live capture, a file still loading), one
// request at a time, so the pane follows the capture at the update rate.
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { FindingDto } from '../../../electron/shared/stats-dto.js';
import { useApi } from '../api/use-api.js';
import { useSessionStore } from './session.js';
import { useUiStore } from './ui.js';

export const useFindingsStore = defineStore('findings', () => {
  const api = useApi();
  const list = shallowRef<FindingDto[]>([]);
  /** Packets the list was made from (0: not asked yet). */
  const packets = ref(0);
  const error = ref('');
  let inFlight = false;
  let again = false;

  async function load(): Promise<void> {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const r = await api.engine('findings', {});
      list.value = r.findings;
      packets.value = r.packets;
      error.value = '';
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void load();
      }
    }
  }

  const shown = (): boolean => useUiStore().tab === 'findings' && useSessionStore().open;
  watch(shown, (s) => s && void load());
  watch(
    () => useSessionStore().packets,
    () => shown() && void load(),
  );

  function newSession(): void {
    list.value = [];
    packets.value = 0;
    error.value = '';
  }

  return { list, packets, error, load, newSession };
});
