// Row colours in both themes. Light: the rule's own colours (Wireshark's). Dark: Wireshark's
// dark-palette idea, the same hue made dark enough that the theme's text keeps at least
// 3:1 against it, and still far enough from the window and from the other rules to be seen.
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOR_RULES } from '../../../renderer/src/stores/color-rules.js';
import { contrastRatio, DARK_THEME, hueOf, ruleColors } from '../../../renderer/src/util/colors.js';

const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const distance = (a: string, b: string): number => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));

describe('row colours', () => {
  it('light theme: the rule as written', () => {
    for (const r of DEFAULT_COLOR_RULES) expect(ruleColors(r, false)).toEqual({ bg: r.bg, fg: r.fg });
  });

  it('dark theme: every rule keeps at least 3:1 between its text and its background', () => {
    for (const r of DEFAULT_COLOR_RULES) {
      const c = ruleColors(r, true);
      expect(contrastRatio(c.fg, c.bg), `${r.name}: ${c.fg} on ${c.bg}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('dark theme: a pale background keeps its hue and stands out from the window', () => {
    for (const r of DEFAULT_COLOR_RULES.filter((x) => contrastRatio(x.bg, '#000000') > 10 && x.bg !== '#ffffff')) {
      const c = ruleColors(r, true);
      if (hueOf(r.bg) !== undefined) {
        const d = Math.abs(hueOf(c.bg)! - hueOf(r.bg)!);
        expect(Math.min(d, 360 - d), `${r.name} hue`).toBeLessThanOrEqual(8);
      }
      expect(distance(c.bg, DARK_THEME.bg), `${r.name} vs the window`).toBeGreaterThanOrEqual(60);
    }
  });

  it('dark theme: the common rules stay as far apart as in the light theme (TCP, UDP, HTTP, DNS, ARP, ICMP, SYN/FIN)', () => {
    // (ARP and DHCP share a hue in Wireshark's own light palette.)
    const names = ['TCP', 'UDP', 'HTTP', 'DNS', 'ARP', 'ICMP', 'TCP SYN/FIN'];
    const rules = names.map((n) => DEFAULT_COLOR_RULES.find((r) => r.name === n)!);
    const dark = rules.map((r) => ruleColors(r, true).bg);
    // At least as far apart as in Wireshark's light palette (UDP and DNS are close there too), or clearly apart.
    for (let i = 0; i < rules.length; i++)
      for (let j = i + 1; j < rules.length; j++) expect(distance(dark[i]!, dark[j]!), `${names[i]} vs ${names[j]}`).toBeGreaterThanOrEqual(Math.min(20, distance(rules[i]!.bg, rules[j]!.bg)));
  });

  it('dark theme: a white background (Broadcast) is no background, its muted text stays readable', () => {
    const c = ruleColors(DEFAULT_COLOR_RULES.find((r) => r.name === 'Broadcast')!, true);
    expect(c.bg).toBe(DARK_THEME.bg);
    expect(contrastRatio(c.fg, DARK_THEME.bg)).toBeGreaterThanOrEqual(3);
  });
});
