// The display filter bar: checked as you type (green/red like Wireshark), applied on
// Enter; the list, the counts and the selection follow.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useApi } from '../api/use-api.js';
import { usePacketsStore } from './packets.js';
import { useSelectionStore } from './selection.js';

export type FilterStatus = 'empty' | 'checking' | 'valid' | 'invalid';
const CHECK_DELAY_MS = 120;

export const useFilterStore = defineStore('filter', () => {
  const api = useApi();
  const text = ref('');
  const applied = ref('');
  const status = ref<FilterStatus>('empty');
  const error = ref<{ message: string; position: number } | undefined>(undefined);
  const applying = ref(false);
  const recent = ref<string[]>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let checkId = 0;

  async function check(expr: string): Promise<void> {
    const my = ++checkId;
    if (expr.trim() === '') {
      status.value = 'empty';
      error.value = undefined;
      return;
    }
    let r: { ok: boolean; error?: { message: string; position: number } | undefined };
    try {
      r = await api.engine('checkFilter', { expression: expr });
    } catch {
      // No engine to ask (nothing open yet): not the filter's fault, so no red bar; it is
      // checked again when applied.
      if (my === checkId) {
        status.value = 'empty';
        error.value = undefined;
      }
      return;
    }
    if (my !== checkId) return;
    status.value = r.ok ? 'valid' : 'invalid';
    error.value = r.error;
  }

  function edit(expr: string): void {
    text.value = expr;
    if (timer) clearTimeout(timer);
    status.value = expr.trim() === '' ? 'empty' : 'checking';
    timer = setTimeout(() => void check(expr), CHECK_DELAY_MS);
  }

  async function apply(expr = text.value): Promise<boolean> {
    if (timer) clearTimeout(timer);
    text.value = expr;
    checkId++;
    applying.value = true;
    try {
      const r = await api.engine('setFilter', { expression: expr });
      if (!r.ok) {
        status.value = 'invalid';
        error.value = r.error;
        return false;
      }
      status.value = expr.trim() === '' ? 'empty' : 'valid';
      error.value = undefined;
      applied.value = expr;
      if (expr.trim()) recent.value = [expr, ...recent.value.filter((x) => x !== expr)].slice(0, 20);
      usePacketsStore().reset(r.displayed, expr.trim() !== '');
      await useSelectionStore().relocate();
      return true;
    } finally {
      applying.value = false;
    }
  }

  function clear(): Promise<boolean> {
    return apply('');
  }

  function newSession(): void {
    text.value = '';
    applied.value = '';
    status.value = 'empty';
    error.value = undefined;
  }

  return { text, applied, status, error, applying, recent, edit, apply, clear, newSession };
});
