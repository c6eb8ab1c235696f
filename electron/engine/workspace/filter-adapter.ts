// Wires the display-filter engine (engine/filter) into the session's matcher interface:
// the index answers what it can, and only the packets it cannot decide are dissected.
import { compileFilter } from '../filter/index.js';
import type { FilterCompiler } from './packet-matcher.js';

export const displayFilterCompiler: FilterCompiler = (expression) => {
  const r = compileFilter(expression);
  if (!r.ok) return { ok: false, error: { message: r.error.message, position: r.error.position } };
  const f = r.filter;
  return {
    ok: true,
    matcher: {
      needsPacket: f.needsTree,
      matchIndex: (index, i) => f.matchIndex(index, i),
      matchBytes: (index, i, data) => f.matchBytes(index, i, data),
      match(index, i, packet) {
        const fast = f.matchIndex(index, i);
        if (fast !== undefined) return fast;
        const p = packet();
        const bytes = f.matchBytes(index, i, p.data);
        if (bytes !== undefined) return bytes;
        return f.matchTree(p.result.tree ?? [], { index, i, data: p.data });
      },
    },
  };
};
