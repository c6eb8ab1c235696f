// The colouring rules the renderer paints: the engine names the first rule that matched each
// row, by position; the defaults are the very list the engine and the host use (shared/color-rules.ts),
// so the first paint, before the host's preferences arrive, already has the right colours.
import type { Preferences } from '../../../electron/shared/contract.js';
import { DEFAULT_COLOR_RULES as SHARED_RULES } from '../../../electron/shared/color-rules.js';

export type ColorRule = Preferences['colorRules'][number];

export const DEFAULT_COLOR_RULES: ColorRule[] = SHARED_RULES.map((r) => ({ name: r.name, filter: r.filter, fg: r.fg, bg: r.bg, enabled: true }));
