// The flows table: merged from the engine's batched changes, sorted on demand.
// Flows live in a plain Map; `version` tells the table to re-sort (throttled by the view).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FlowDto } from '../../../electron/shared/dto.js';
import { useApi } from '../api/use-api.js';

export type FlowSortKey = 'id' | 'kind' | 'a' | 'b' | 'packets' | 'bytes' | 'duration' | 'irtt' | 'outcome' | 'problems';

const dur = (f: FlowDto): number => f.last.sec - f.first.sec + (f.last.nsec - f.first.nsec) / 1e9;
const sum = (t: readonly [number, number]): number => t[0] + t[1];

export function flowDuration(f: FlowDto): number {
  return dur(f);
}

const KEYS: Record<FlowSortKey, (f: FlowDto) => number | string> = {
  id: (f) => f.id,
  kind: (f) => f.kind,
  a: (f) => f.a,
  b: (f) => f.b,
  packets: (f) => sum(f.packets),
  bytes: (f) => sum(f.bytes),
  duration: dur,
  irtt: (f) => f.irtt ?? -1,
  outcome: (f) => f.outcome,
  problems: (f) => f.problems,
};

export const useFlowsStore = defineStore('flows', () => {
  const api = useApi();
  const byId = new Map<number, FlowDto>();
  /** Bumped by newSession: a snapshot asked for by the previous session is dropped. */
  let generation = 0;
  const version = shallowRef(0);
  const sortKey = ref<FlowSortKey>('id');
  const descending = ref(false);
  const selectedId = ref<number | undefined>(undefined);

  const sorted = computed<FlowDto[]>(() => {
    void version.value;
    const key = KEYS[sortKey.value];
    const dir = descending.value ? -1 : 1;
    return [...byId.values()].sort((x, y) => {
      const a = key(x);
      const b = key(y);
      return (a < b ? -1 : a > b ? 1 : x.id - y.id) * dir;
    });
  });
  const selected = computed(() => {
    void version.value;
    return selectedId.value === undefined ? undefined : byId.get(selectedId.value);
  });

  function merge(changed: readonly FlowDto[]): void {
    if (!changed.length) return;
    for (const f of changed) byId.set(f.id, f);
    version.value++;
  }

  async function load(): Promise<void> {
    const gen = generation;
    const r = await api.engine('flows', {});
    if (gen !== generation) return;
    byId.clear();
    merge(r.flows);
    version.value++;
  }

  function sortBy(key: FlowSortKey): void {
    if (sortKey.value === key) descending.value = !descending.value;
    else {
      sortKey.value = key;
      descending.value = key === 'packets' || key === 'bytes' || key === 'duration' || key === 'problems' || key === 'irtt';
    }
  }

  function get(id: number): FlowDto | undefined {
    return byId.get(id);
  }

  function newSession(): void {
    generation++;
    byId.clear();
    selectedId.value = undefined;
    version.value++;
  }

  return { version, sortKey, descending, selectedId, sorted, selected, merge, load, sortBy, get, newSession, size: () => byId.size };
});
