// renderer/src/util/: pure functions the UI shares (formats, filters built from a selection, layout arithmetic), no Vue state.
//
// Row colours. The light theme paints a rule's own colours (Wireshark's). The dark theme
// follows Wireshark's dark-palette idea: the same hue, with its lightness brought down until
// the theme's light text reads on it (4.5:1, above the 3:1 floor), so TCP, UDP, HTTP, DNS …
// stay as recognisable as in the light theme instead of all fading into the window colour.
import type { ColorRule } from '../stores/color-rules.js';

/** The dark theme's window and text colours (theme.css, :root[data-theme='dark']). */
export const DARK_THEME = { bg: '#1e1f22', fg: '#dfe1e5' } as const;
/** Contrast the dark theme aims for between its text and a row's background. */
const DARK_TARGET = 4.5;
/** Dark rows keep their hue but not neon saturation: a muted tone reads longer. */
const DARK_MAX_SATURATION = 0.4;

function rgbOf(hex: string): [number, number, number] | undefined {
  const m = /^#?([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(hex.trim());
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : undefined;
}

const hex2 = (v: number): string => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0');
const toHex = ([r, g, b]: readonly number[]): string => `#${hex2(r!)}${hex2(g!)}${hex2(b!)}`;

/** WCAG relative luminance of a #rrggbb colour (0.5 for anything else). */
export function luminance(hex: string): number {
  const c = rgbOf(hex);
  if (!c) return 0.5;
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function toHsl([r, g, b]: readonly number[]): [number, number, number] {
  const [R, G, B] = [r! / 255, g! / 255, b! / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return [0, 0, l];
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === R ? ((G - B) / d + 6) % 6 : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h * 60, s, l];
}

function fromHsl(h: number, s: number, l: number): [number, number, number] {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

/** The hue of a colour in degrees, undefined for a grey. */
export function hueOf(hex: string): number | undefined {
  const c = rgbOf(hex);
  if (!c) return undefined;
  const [h, s] = toHsl(c);
  return s < 0.02 ? undefined : h;
}

/** The lightest tone of `bg`'s hue on which `text` still has `target` contrast. */
function darkTone(bg: readonly number[], text: string, target: number): string {
  const [h, s] = toHsl(bg);
  const sat = Math.min(s, DARK_MAX_SATURATION);
  let lo = 0;
  // No lighter than 42%: a mid-tone that glows next to the dark window tires the eye.
  let hi = 0.42;
  for (let k = 0; k < 24; k++) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(text, toHex(fromHsl(h, sat, mid))) >= target) lo = mid;
    else hi = mid;
  }
  return toHex(fromHsl(h, sat, lo));
}

export interface RowColors {
  bg: string;
  fg: string;
}

export function ruleColors(rule: Pick<ColorRule, 'fg' | 'bg'>, dark: boolean): RowColors {
  if (!dark) return { bg: rule.bg, fg: rule.fg };
  const bg = rgbOf(rule.bg);
  if (!bg) return { bg: rule.bg, fg: rule.fg };
  const [, s, l] = toHsl(bg);
  // White is Wireshark's "no background" (Broadcast: only the text is greyed).
  if (l > 0.97 && s < 0.1) return { bg: DARK_THEME.bg, fg: contrastRatio(rule.fg, DARK_THEME.bg) >= 3 ? rule.fg : DARK_THEME.fg };
  // Already dark (Bad TCP, TCP RST, ICMP errors): the rule's own pair, unless it reads badly.
  if (luminance(rule.bg) < 0.2) return { bg: rule.bg, fg: contrastRatio(rule.fg, rule.bg) >= 3 ? rule.fg : DARK_THEME.fg };
  return { bg: darkTone(bg, DARK_THEME.fg, DARK_TARGET), fg: DARK_THEME.fg };
}

/** View › Colorize Conversation's ten colours (Wireshark's temporary colouring rules), black text. */
export const CONVERSATION_COLORS: readonly string[] = ['#ffc0c0', '#ffc0ff', '#e0c0e0', '#c0c0ff', '#c0e0e0', '#c0ffff', '#c0ffc0', '#ffffc0', '#e0e0c0', '#e0e0e0'];
