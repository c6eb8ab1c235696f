// Preferences kept by the host (theme, time format, colouring rules); the theme
// follows the OS unless the user picked one. The colouring rules are display filters that the
// engine evaluates: they are sent to each new engine and after every edit, and the engine's
// answer says which rule does not compile and where.
import { usePreferredDark } from '@vueuse/core';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watchEffect } from 'vue';
import { DEFAULT_PANES, type Preferences } from '../../../electron/shared/contract.js';
import { useApi } from '../api/use-api.js';
import { DEFAULT_COLOR_RULES, type ColorRule } from './color-rules.js';
import { usePacketsStore } from './packets.js';

export interface RuleError {
  message: string;
  /** 0-based offset into the rule's filter. */
  position: number;
}

const ruleSpecs = (rules: readonly ColorRule[]): { name: string; filter: string; enabled: boolean }[] => rules.map(({ name, filter, enabled }) => ({ name, filter, enabled }));
/** What a new engine colours with before it is told otherwise. */
const ENGINE_DEFAULT = JSON.stringify(ruleSpecs(DEFAULT_COLOR_RULES));

const DEFAULTS: Preferences = { theme: 'system', timeFormat: 'since-first', colorRules: DEFAULT_COLOR_RULES, captureBackend: 'auto', recentFiles: 10, panes: DEFAULT_PANES, infoColumn: 'tcpdump', columnWidths: {}, customColumns: [], nameResolution: { mac: false, transport: false, network: false } };

export const usePreferencesStore = defineStore('preferences', () => {
  const api = useApi();
  const prefs = ref<Preferences>({ ...DEFAULTS });
  const error = ref('');
  const osDark = usePreferredDark();
  const dark = computed(() => (prefs.value.theme === 'system' ? osDark.value : prefs.value.theme === 'dark'));
  /**
   * The colouring rule a row names (the engine answers the position of the first rule that
   * matched, in the list sent it: two rules may share a name and keep their own colours).
   */
  function colorRuleAt(position: number): ColorRule | undefined {
    const r = prefs.value.colorRules[position];
    return r?.enabled ? r : undefined;
  }
  /** Colouring can be switched off as a whole (View → Colorize Packet List). */
  const colorize = ref(true);
  /** Each colouring rule's compile error as the engine last answered (null: it compiles), by position. */
  const ruleErrors = shallowRef<(RuleError | null)[]>([]);

  /**
   * Sends the colouring rules to the engine (a new one, or after an edit); rows already shown
   * are fetched again unless the engine already coloured them so. False when there is no engine.
   */
  async function sendColorRules(repaint = false): Promise<boolean> {
    const rules = ruleSpecs(prefs.value.colorRules);
    try {
      ruleErrors.value = (await api.engine('setColorRules', { rules })).errors;
      await api.engine('setInfoColumn', { info: prefs.value.infoColumn });
      await sendCustomFields();
      await api.engine('setNameResolution', { ...prefs.value.nameResolution });
    } catch {
      // No engine: whatever it said was about another list.
      ruleErrors.value = [];
      return false;
    }
    if (repaint || JSON.stringify(rules) !== ENGINE_DEFAULT || prefs.value.infoColumn !== 'tcpdump' || shownFields().length || Object.values(prefs.value.nameResolution).some(Boolean)) usePacketsStore().refresh();
    return true;
  }

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
    // Plain data: the reactive proxies inside (colour rules) cannot be structured-cloned by a transport.
    const next = JSON.parse(JSON.stringify({ ...prefs.value, ...patch })) as Preferences;
    prefs.value = next;
    try {
      prefs.value = await api.session('setPreferences', next);
      error.value = '';
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
    if (patch.colorRules) await sendColorRules(true);
    if (patch.infoColumn) await sendInfoColumn();
    if (patch.customColumns) await sendCustomColumns();
    if (patch.nameResolution) await sendNameResolution();
  }

  /** The fields of the custom columns shown, left to right (what rows carry). */
  function shownFields(): string[] {
    return prefs.value.customColumns.filter((c) => !c.hidden).map((c) => c.field);
  }

  /** Tells the engine the shown custom columns; one it refuses (a field this version lacks) is left out, and said. */
  async function sendCustomFields(): Promise<void> {
    try {
      await api.engine('setCustomColumns', { fields: shownFields() });
    } catch (e) {
      const known: string[] = [];
      for (const f of shownFields()) {
        try {
          await api.engine('setCustomColumns', { fields: [...known, f] });
          known.push(f);
        } catch {
          // Left out: the others still show.
        }
      }
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  /** The custom columns changed: the engine is told; the rows come again (a sort by a removed column ends). */
  async function sendCustomColumns(): Promise<void> {
    const packets = usePacketsStore();
    try {
      await sendCustomFields();
    } catch {
      return;
    }
    const s = packets.sort;
    if (s && s.column.startsWith('field:') && !shownFields().includes(s.column.slice(6))) await packets.applySort(null);
    else packets.refresh();
  }

  /**
   * Adds a custom column for `field` (Apply as Column, the column editor) titled with the
   * field's display name unless `title` is given; the engine checks the field first. Answers
   * the engine's one-line reason when it refuses it, '' when added (or already there: shown again).
   */
  async function addCustomColumn(field: string, title?: string): Promise<string> {
    const name = field.trim();
    const have = prefs.value.customColumns;
    const at = have.findIndex((c) => c.field === name);
    if (at >= 0) {
      await update({ customColumns: have.map((c, k) => (k === at ? { ...c, hidden: false } : c)) });
      return '';
    }
    let titles: string[];
    try {
      titles = (await api.engine('setCustomColumns', { fields: [...shownFields(), name] })).titles;
    } catch (e) {
      return e instanceof Error ? e.message.replace(/^Error: /, '') : String(e);
    }
    await update({ customColumns: [...have, { field: name, title: title?.trim() || (titles.at(-1) ?? name), hidden: false }] });
    return '';
  }

  /** A Name Resolution toggle changed: the engine is told, and the rows and the tree on screen come again. */
  async function sendNameResolution(): Promise<void> {
    try {
      await api.engine('setNameResolution', { ...prefs.value.nameResolution });
    } catch {
      return; // No engine: the next one is told when it starts.
    }
    usePacketsStore().refresh();
  }

  /** The Info column changed: the engine is told, and the rows on screen come again (sorted again when sorted by that text). */
  async function sendInfoColumn(): Promise<void> {
    const packets = usePacketsStore();
    try {
      await api.engine('setInfoColumn', { info: prefs.value.infoColumn });
    } catch {
      return; // No engine: the next one is told when it starts.
    }
    const s = packets.sort;
    if (s && (s.column === 'info' || s.column === 'protocol')) await packets.applySort(s);
    else packets.refresh();
  }

  return { prefs, dark, colorRuleAt, colorize, error, ruleErrors, load, update, sendColorRules, addCustomColumn };
});
