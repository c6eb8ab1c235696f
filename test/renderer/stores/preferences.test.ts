// @vitest-environment happy-dom
// The colouring rules are the user's preferences and the engine evaluates them: a new engine
// is sent the user's list, an edit is sent at once and the rows on screen are fetched again
// (the old ones shown meanwhile), and the engine's compile errors are kept by rule.
import { describe, expect, it } from 'vitest';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { usePreferencesStore } from '../../../renderer/src/stores/preferences.js';
import { useSessionStore } from '../../../renderer/src/stores/session.js';
import { DEFAULT_COLOR_RULES } from '../../../renderer/src/stores/color-rules.js';
import { setup, settle } from '../support/setup.js';

const sent = (calls: { method: string; params: unknown }[]): unknown[] => calls.filter((c) => c.method === 'setColorRules').map((c) => c.params);

describe('colouring rules reach the engine', () => {
  it('a new engine gets the user\'s rules; an edit is sent and repaints the rows; errors come back by rule', async () => {
    const { host } = setup({ packets: 40 });
    const mine = [{ name: 'Mine', filter: 'tcp', fg: '#000000', bg: '#ffffff', enabled: true }, ...DEFAULT_COLOR_RULES];
    host.prefs = { ...host.prefs, colorRules: mine };
    const prefs = usePreferencesStore();
    await prefs.load();
    await useSessionStore().init();
    await settle();
    expect(sent(host.calls)).toEqual([{ rules: mine.map(({ name, filter, enabled }) => ({ name, filter, enabled })) }]);

    const packets = usePacketsStore();
    packets.want(0, 20);
    await settle();
    const rowsBefore = host.calls.filter((c) => c.method === 'rows').length;
    const shown = packets.rowAt(3);
    expect(shown).toBeDefined();
    await prefs.update({ colorRules: [{ ...mine[0]!, filter: 'bogus' }, ...DEFAULT_COLOR_RULES] });
    // The old row stays on screen until its page is fetched again.
    expect(packets.rowAt(3)).toBeDefined();
    await settle();
    expect((sent(host.calls).at(-1) as { rules: unknown[] }).rules[0]).toEqual({ name: 'Mine', filter: 'bogus', enabled: true });
    expect(host.calls.filter((c) => c.method === 'rows').length).toBeGreaterThan(rowsBefore);
    expect(prefs.ruleErrors[0]).toMatchObject({ position: 0 });
    expect(prefs.ruleErrors).toHaveLength(DEFAULT_COLOR_RULES.length + 1);
  });
});
