// The display filter's fields, as the engine's declarations give them (abbreviation, name,
// type): loaded once, for the filter bar's completion and the status bar's field name.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { FieldInfoDto } from '../../../electron/shared/dto.js';
import { useApi } from '../api/use-api.js';

export const useFieldsStore = defineStore('fields', () => {
  const api = useApi();
  const list = shallowRef<readonly FieldInfoDto[]>([]);
  const byAbbrev = computed(() => new Map(list.value.map((f) => [f.abbrev, f])));
  let loading: Promise<void> | undefined;

  /**
   * Fetches the list the first time it is needed. A failed fetch (no engine yet: the page
   * mounts before a capture opens one) is tried again at the next call: the filter bar calls
   * again when it gets the focus.
   */
  function load(): Promise<void> {
    if (list.value.length) return Promise.resolve();
    loading ??= api.engine('fields', {}).then(
      (r) => void (list.value = r.fields),
      () => void (loading = undefined),
    );
    return loading;
  }

  /**
   * The fields that complete a partly typed name, like Wireshark's filter bar: those whose
   * abbreviation starts with it, the next level first (`tcp.` offers `tcp.srcport` before
   * `tcp.flags.syn`), then alphabetically.
   */
  function complete(prefix: string, limit = 50): FieldInfoDto[] {
    if (!prefix) return [];
    const p = prefix.toLowerCase();
    const depth = (f: FieldInfoDto): number => f.abbrev.split('.').length;
    return list.value
      .filter((f) => f.abbrev.startsWith(p) && f.abbrev !== p)
      .sort((a, b) => depth(a) - depth(b) || (a.abbrev < b.abbrev ? -1 : 1))
      .slice(0, limit);
  }

  return { list, byAbbrev, load, complete };
});
