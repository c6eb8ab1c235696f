// Every field the display filter knows: the dotted names our dissectors emit (declared in
// the fields-*.ts tables, checked against the dissector sources by a test), with types.
import { APPLICATION_FIELDS } from './fields-application.js';
import { LINK_FIELDS } from './fields-link.js';
import { NETWORK_FIELDS } from './fields-network.js';
import { TRANSPORT_FIELDS } from './fields-transport.js';
import type { FieldDef, FieldRow } from './field-types.js';

function build(rows: readonly FieldRow[]): Map<string, FieldDef> {
  const m = new Map<string, FieldDef>();
  for (const [name, type, from] of rows) {
    const source = from === 'index' ? { kind: 'index' as const } : from ? { kind: 'alias' as const, of: from } : { kind: 'tree' as const };
    m.set(name, { name, type, source });
  }
  return m;
}

const FIELDS = build([...LINK_FIELDS, ...NETWORK_FIELDS, ...TRANSPORT_FIELDS, ...APPLICATION_FIELDS]);

export function lookupField(name: string): FieldDef | undefined {
  return FIELDS.get(name);
}

/** All known field names, in table order (for suggestions and the filter bar's completion). */
export function fieldNames(): string[] {
  return [...FIELDS.keys()];
}

/** The known field closest to a misspelt name, or undefined when nothing is close enough. */
export function suggestField(name: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const cand of FIELDS.keys()) {
    if (Math.abs(cand.length - name.length) > limit) continue;
    const d = editDistance(name.toLowerCase(), cand, limit);
    // Ties go to the name sharing the longer prefix (tcp.flgs -> tcp.flags, not udp.flags).
    if (d < bestD || (d === bestD && best !== undefined && commonPrefix(cand, name) > commonPrefix(best, name))) {
      best = cand;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1).fill(0);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return rowMin;
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}
