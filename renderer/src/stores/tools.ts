// The statistics windows (Statistics and Analyze menus) and Follow Stream: which one is
// open, what the engine answered for it, and the list's filter while a stream is followed
// (Wireshark applies the stream's filter while the window is open and restores the old
// one when it closes, unless "Filter Out This Stream" replaced it).
//
// The statistics tables come in two steps: the TCP and UDP tables at once from the engine's
// index, then (with progress and Stop in the window and the status bar) the pass for the
// others. With "Limit to display filter" they are counted again when the filter changes, and
// while packets arrive (a live capture, a file still loading) again at the update rate, one
// request at a time.
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
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
  /** Wireshark's "Limit to display filter" (shared by the statistics windows). */
  const limit = ref(false);
  /** The pass was stopped: the tables it makes are missing until counted again. */
  const statsStopped = ref(false);
  /** What the open window needs: the index tables only, or every table (hierarchy, expert). */
  let wants: 'tables' | 'all' = 'tables';
  /** The window counts the displayed packets whatever the checkbox says (Protocol Hierarchy, as Wireshark's). */
  let alwaysLimited = false;
  let inFlight = false;
  let again = false;
  const follow = shallowRef<FollowDto | undefined>(undefined);
  /** The filter the list had before the followed stream's filter replaced it. */
  let savedFilter: string | undefined;
  let statsRequest = 0;

  /**
   * Counts the tables a window shows: `tables` (Conversations, Endpoints) shows the TCP and
   * UDP ones from the index before the pass ends; `all` (Protocol Hierarchy, Expert) waits for it.
   */
  async function loadStats(what: 'tables' | 'all' = wants, displayedOnly = alwaysLimited): Promise<void> {
    wants = what;
    alwaysLimited = displayedOnly;
    if (inFlight) {
      // One request at a time: the newest wish is counted when the one running ends.
      again = true;
      return;
    }
    inFlight = true;
    const my = ++statsRequest;
    statsLoading.value = true;
    statsError.value = '';
    statsStopped.value = false;
    const displayed = limit.value || alwaysLimited;
    try {
      if (what === 'tables') {
        const quick = await api.engine('statistics', { displayed, pass: false });
        if (my === statsRequest) stats.value = quick;
        if (!quick.pending) return;
      }
      const s = await api.engine('statistics', { displayed, pass: true });
      if (my === statsRequest) stats.value = s;
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      if (my === statsRequest) {
        if (/stopped/.test(text)) statsStopped.value = true;
        else statsError.value = text;
      }
    } finally {
      inFlight = false;
      if (my === statsRequest) statsLoading.value = false;
      if (again) {
        again = false;
        if (isStats(tool.value)) void loadStats();
      }
    }
  }

  const isStats = (t: Tool): boolean => t === 'conversations' || t === 'endpoints' || t === 'hierarchy' || t === 'expert';

  // "Limit to display filter": toggled, or the filter changed under it.
  watch(limit, () => isStats(tool.value) && void loadStats());
  watch(
    () => useFilterStore().applied,
    () => (limit.value || alwaysLimited) && isStats(tool.value) && void loadStats(),
  );
  // Packets arrive (a live capture, a file that loads): counted again at the update rate.
  watch(
    () => useSessionStore().packets,
    () => isStats(tool.value) && !statsStopped.value && void loadStats(),
  );

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
    statsStopped.value = false;
    follow.value = undefined;
    savedFilter = undefined;
  }

  return { tool, stats, statsLoading, statsError, statsStopped, limit, follow, loadStats, open, close, openFollow, filterOutStream, newSession };
});
