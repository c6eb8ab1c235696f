// The statistics windows (Statistics and Analyze menus) and Follow Stream: which one is
// open, what the engine answered for it, and the list's filter while a stream is followed
// (Wireshark applies the stream's filter while the window is open and restores the old
// one when it closes, unless "Filter Out This Stream" replaced it).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { FollowDto, StatisticsDto } from '../../../electron/shared/stats-dto.js';
import { useApi } from '../api/use-api.js';
import { useFilterStore } from './filter.js';
import { useSelectionStore } from './selection.js';
import { useSessionStore } from './session.js';

export type Tool = 'none' | 'properties' | 'hierarchy' | 'conversations' | 'endpoints' | 'io-graph' | 'expert' | 'follow';

export const useToolsStore = defineStore('tools', () => {
  const api = useApi();
  const tool = ref<Tool>('none');
  const stats = shallowRef<StatisticsDto | undefined>(undefined);
  const statsLoading = ref(false);
  const statsError = ref('');
  const follow = shallowRef<FollowDto | undefined>(undefined);
  /** The filter the list had before the followed stream's filter replaced it. */
  let savedFilter: string | undefined;
  let statsRequest = 0;

  async function loadStats(displayed: boolean): Promise<void> {
    const my = ++statsRequest;
    statsLoading.value = true;
    statsError.value = '';
    try {
      const s = await api.engine('statistics', { displayed });
      if (my === statsRequest) stats.value = s;
    } catch (e) {
      if (my === statsRequest) statsError.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (my === statsRequest) statsLoading.value = false;
    }
  }

  async function close(keepFilter = false): Promise<void> {
    const was = tool.value;
    tool.value = 'none';
    if (was === 'follow') {
      follow.value = undefined;
      const restore = savedFilter;
      savedFilter = undefined;
      if (!keepFilter && restore !== undefined) await useFilterStore().apply(restore);
    }
  }

  async function open(t: Exclude<Tool, 'none' | 'follow'>): Promise<void> {
    await close();
    tool.value = t;
  }

  /** Follow TCP/UDP Stream of the selected packet. */
  async function openFollow(proto: 'tcp' | 'udp'): Promise<void> {
    const session = useSessionStore();
    const selection = useSelectionStore();
    if (selection.packetIndex < 0) {
      session.notify('info', `Select a packet of a ${proto.toUpperCase()} stream first.`);
      return;
    }
    let f: FollowDto;
    try {
      f = await api.engine('follow', { index: selection.packetIndex, proto });
    } catch (e) {
      session.notify('warning', e instanceof Error ? e.message : String(e));
      return;
    }
    await close();
    const filter = useFilterStore();
    savedFilter = filter.applied;
    follow.value = f;
    tool.value = 'follow';
    await filter.apply(f.filter);
  }

  /** "Filter Out This Stream": the list shows everything but it, and the window closes. */
  async function filterOutStream(): Promise<void> {
    const f = follow.value;
    if (!f) return;
    const prior = savedFilter ?? '';
    await close(true);
    const not = `!(${f.filter})`;
    await useFilterStore().apply(prior.trim() ? `(${prior}) && ${not}` : not);
  }

  function newSession(): void {
    tool.value = 'none';
    stats.value = undefined;
    follow.value = undefined;
    savedFilter = undefined;
  }

  return { tool, stats, statsLoading, statsError, follow, loadStats, open, close, openFollow, filterOutStream, newSession };
});
