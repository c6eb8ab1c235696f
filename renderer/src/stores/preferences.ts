// Preferences kept by the host (theme, time format, colouring rules); the theme
// follows the OS unless the user picked one.
import { usePreferredDark } from '@vueuse/core';
import { defineStore } from 'pinia';
import { computed, ref, watchEffect } from 'vue';
import { DEFAULT_PANES, type Preferences } from '../../../electron/shared/contract.js';
import { useApi } from '../api/use-api.js';
import { DEFAULT_COLOR_RULES, type ColorRule } from './color-rules.js';

const DEFAULTS: Preferences = { theme: 'system', timeFormat: 'since-first', colorRules: DEFAULT_COLOR_RULES, captureBackend: 'auto', recentFiles: 10, panes: DEFAULT_PANES };

export const usePreferencesStore = defineStore('preferences', () => {
  const api = useApi();
  const prefs = ref<Preferences>({ ...DEFAULTS });
  const error = ref('');
  const osDark = usePreferredDark();
  const dark = computed(() => (prefs.value.theme === 'system' ? osDark.value : prefs.value.theme === 'dark'));
  /** Colouring rule by name, for the rows (the engine names the first rule that matched). */
  const rulesByName = computed(() => {
    const m = new Map<string, ColorRule>();
    for (const r of prefs.value.colorRules) if (r.enabled && !m.has(r.name)) m.set(r.name, r);
    return m;
  });
  /** Colouring can be switched off as a whole (View → Colorize Packet List). */
  const colorize = ref(true);

  if (typeof document !== 'undefined') {
    watchEffect(() => {
      document.documentElement.dataset.theme = dark.value ? 'dark' : 'light';
    });
  }

  async function load(): Promise<void> {
    try {
      const p = await api.session('getPreferences', {});
      prefs.value = { ...p, colorRules: p.colorRules.length ? p.colorRules : DEFAULT_COLOR_RULES };
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  async function update(patch: Partial<Preferences>): Promise<void> {
    const next = { ...prefs.value, ...patch };
    prefs.value = next;
    try {
      prefs.value = await api.session('setPreferences', next);
      error.value = '';
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { prefs, dark, rulesByName, colorize, error, load, update };
});
