// TEST-ONLY: colours as the page paints them. `effectiveColours` runs in the page (through
// $$eval; it is self-contained) and gives each element's text colour blended over what is
// behind it, with the opacity of the element and its ancestors folded in; `contrastIn` is
// the WCAG contrast ratio of two such colours.

/** rgb()/rgba() or Chromium's color(srgb r g b / a) as [r, g, b, a] with r, g, b in 0..255. */
export function parseCssColour(s: string): [number, number, number, number] {
  const n = (s.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
  const scale = s.startsWith('color(') ? 255 : 1;
  return [(n[0] ?? 0) * scale, (n[1] ?? 0) * scale, (n[2] ?? 0) * scale, n[3] ?? 1];
}

export function contrastIn(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r, g, bl] = parseCssColour(c).slice(0, 3).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export function rgbDistance(a: string, b: string): number {
  const [x, y] = [parseCssColour(a), parseCssColour(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

/** For page.$$eval: { text, fg, bg } of each element as the eye gets them. */
export function effectiveColours(els: Element[]): { text: string; fg: string; bg: string }[] {
  const parse = (s: string): number[] => {
    const n = (s.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
    const k = s.startsWith('color(') ? 255 : 1;
    return [(n[0] ?? 0) * k, (n[1] ?? 0) * k, (n[2] ?? 0) * k, n[3] ?? 1];
  };
  const over = (top: number[], under: number[]): number[] => {
    const a = top[3]!;
    return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1);
  };
  const rgb = (c: number[]): string => `rgb(${Math.round(c[0]!)}, ${Math.round(c[1]!)}, ${Math.round(c[2]!)})`;
  return els.map((el) => {
    const layers: number[][] = [];
    let opacity = 1;
    for (let n: Element | null = el; n; n = n.parentElement) {
      const cs = getComputedStyle(n);
      opacity *= Number(cs.opacity);
      const b = parse(cs.backgroundColor);
      if (b[3]! > 0) layers.push(b);
    }
    let bg = [255, 255, 255, 1];
    for (const l of layers.reverse()) bg = over(l, bg);
    const fg = parse(getComputedStyle(el).color);
    fg[3] = fg[3]! * opacity;
    return { text: (el.textContent ?? '').trim(), fg: rgb(over(fg, bg)), bg: rgb(bg) };
  });
}
