// Every field the display filter knows, read from the declarations of the code that
// produces it (nothing here declares a field): the frame's and Wireshark's own fields, each
// registered dissector's `fields`, and the fields the capture index computes. The filter,
// its completion and the status bar take names, types and titles from here.
import { FRAME_FIELDS } from '../dissect/frame-fields.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import { ANALYSIS_FIELD_DECLS } from '../flows/analysis-fields.js';
import { FRAME_TIME_FIELDS } from '../flows/frame-time-fields.js';
import { protocolRegistry } from '../protocols/index.js';
import type { FieldDef } from './field-types.js';

/** All declarations in one list: frame fields, then each dissector's, then the computed ones. */
function declarations(): FieldDecl[] {
  return [...FRAME_FIELDS, ...FRAME_TIME_FIELDS, ...protocolRegistry().dissectors().flatMap((d) => d.fields ?? []), ...ANALYSIS_FIELD_DECLS];
}

function build(decls: readonly FieldDecl[]): Map<string, FieldDef> {
  const m = new Map<string, FieldDef>();
  for (const d of decls) {
    const seen = m.get(d.abbrev);
    if (seen) {
      // Dissectors that share a protocol share its declarations (dns, dns over TCP, mDNS).
      if (seen.decl !== d) throw new Error(`field ${d.abbrev} is declared twice`);
      continue;
    }
    const source = d.alias ? { kind: 'alias' as const, of: d.alias } : d.source === 'index' ? { kind: 'index' as const } : { kind: 'tree' as const };
    m.set(d.abbrev, { name: d.abbrev, type: d.type, source, decl: d });
  }
  return m;
}

const FIELDS = build(declarations());

export function lookupField(name: string): FieldDef | undefined {
  return FIELDS.get(name);
}

/** All known field names, in declaration order (for suggestions and the filter bar's completion). */
export function fieldNames(): string[] {
  return [...FIELDS.keys()];
}

/** Every field's declaration, in declaration order. */
export function fieldDecls(): FieldDecl[] {
  return [...FIELDS.values()].map((f) => f.decl);
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
