// Which subtrees are open: kept across packets (by depth and field), like Wireshark.
import { shallowRef } from 'vue';

const expanded = shallowRef<ReadonlySet<string>>(new Set());

export function useTreeState() {
  function set(keys: Iterable<string>, open: boolean): void {
    const next = new Set(expanded.value);
    for (const k of keys) {
      if (open) next.add(k);
      else next.delete(k);
    }
    expanded.value = next;
  }
  return { expanded, set, clear: () => (expanded.value = new Set()) };
}
