// User preferences: validated by the contract's schema on the way in and on the way back
// from disk; a damaged or older file falls back to the defaults field by field.
import { DEFAULT_PANES, Preferences } from '../shared/contract.js';
import { DEFAULT_COLOR_RULES, RENAMED_DEFAULT_FILTERS } from '../shared/color-rules.js';
import type { Storage } from './storage.js';

const DOC = 'preferences';

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  timeFormat: 'since-first',
  colorRules: DEFAULT_COLOR_RULES.map((r) => ({ name: r.name, filter: r.filter, fg: r.fg, bg: r.bg, enabled: true })),
  captureBackend: 'auto',
  recentFiles: 10,
  panes: DEFAULT_PANES,
  infoColumn: 'tcpdump',
  columnWidths: {},
  customColumns: [],
  nameResolution: { mac: false, transport: false, network: false },
};

export class PreferenceStore {
  private cached: Preferences | undefined;

  constructor(private readonly storage: Storage) {}

  async get(): Promise<Preferences> {
    if (this.cached) return this.cached;
    const raw: unknown = await this.storage.read(DOC).catch(() => undefined);
    const merged: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
    if (typeof raw === 'object' && raw !== null) {
      // Field by field: one bad value does not throw away the others.
      for (const key of Object.keys(DEFAULT_PREFERENCES) as (keyof Preferences)[]) {
        const field = Preferences.shape[key];
        const v = field.safeParse((raw as Record<string, unknown>)[key]);
        if (v.success) merged[key] = v.data;
      }
    }
    const parsed = Preferences.parse(merged);
    // A default rule as an earlier release wrote it (with a field Ackline has not) is today's default.
    this.cached = { ...parsed, colorRules: parsed.colorRules.map((r) => ({ ...r, filter: RENAMED_DEFAULT_FILTERS.get(r.filter) ?? r.filter })) };
    return this.cached;
  }

  async set(p: Preferences): Promise<Preferences> {
    const valid = Preferences.parse(p);
    await this.storage.write(DOC, valid);
    this.cached = valid;
    return valid;
  }
}
