// The handshake timeline of one flow: loaded once, then grown by the events the engine
// appends to the batched updates while the flow is watched (live capture).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FlowDto, LadderDto, LadderEventDto } from '../../../electron/shared/dto.js';
import { useApi } from '../api/use-api.js';
import { useSelectionStore } from './selection.js';

export type LadderMode = 'time' | 'compact';

export const useLadderStore = defineStore('ladder', () => {
  const api = useApi();
  const flowId = ref<number | undefined>(undefined);
  const ladder = shallowRef<LadderDto | undefined>(undefined);
  const loading = ref(false);
  const error = ref('');
  const mode = ref<LadderMode>('compact');
  /** Event the pointer is over (its explanation shows). */
  const hovered = ref<number | undefined>(undefined);
  let request = 0;

  /** The arrow of the selected packet, if it belongs to this ladder. */
  const selectedEvent = computed<LadderEventDto | undefined>(() => {
    const idx = useSelectionStore().packetIndex;
    return ladder.value?.events.find((e) => e.index === idx && !e.ghost);
  });

  async function show(flow: number): Promise<void> {
    if (flow === flowId.value && ladder.value) return;
    const my = ++request;
    flowId.value = flow;
    loading.value = true;
    error.value = '';
    try {
      const l = await api.engine('ladder', { flow });
      if (my !== request) return;
      ladder.value = l;
      await api.engine('watchFlow', { flow });
    } catch (e) {
      if (my !== request) return;
      ladder.value = undefined;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (my === request) loading.value = false;
    }
  }

  function append(events: readonly LadderEventDto[]): void {
    const l = ladder.value;
    if (!l || !events.length) return;
    const seen = new Set(l.events.map((e) => `${e.index}:${e.ghost}`));
    const fresh = events.filter((e) => !seen.has(`${e.index}:${e.ghost}`));
    if (fresh.length) ladder.value = { ...l, events: [...l.events, ...fresh] };
  }

  /** The shown flow changed (live capture): its outcome badge, counts and state follow. */
  function updateFlow(flows: readonly FlowDto[]): void {
    const l = ladder.value;
    const f = l && flows.find((x) => x.id === l.flow.id);
    if (l && f) ladder.value = { ...l, flow: f };
  }

  function newSession(): void {
    request++;
    flowId.value = undefined;
    ladder.value = undefined;
    error.value = '';
    hovered.value = undefined;
  }

  return { flowId, ladder, loading, error, mode, hovered, selectedEvent, show, append, updateFlow, newSession };
});
