// Row colours: the rule's own colours in the light theme; in the dark theme pale
// backgrounds are mixed into the window colour so the list does not glare, and their
// text switches to the theme's.
import type { ColorRule } from '../stores/color-rules.js';

function luminance(hex: string): number {
  const m = /^#?([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(hex.trim());
  if (!m) return 0.5;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export interface RowColors {
  bg: string;
  fg: string;
}

export function ruleColors(rule: ColorRule, dark: boolean): RowColors {
  if (!dark) return { bg: rule.bg, fg: rule.fg };
  const light = luminance(rule.bg) > 0.2;
  return light ? { bg: `color-mix(in srgb, ${rule.bg} 16%, #1e1f22)`, fg: 'var(--fg)' } : { bg: `color-mix(in srgb, ${rule.bg} 70%, #1e1f22)`, fg: rule.fg };
}
