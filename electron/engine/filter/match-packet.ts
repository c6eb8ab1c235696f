// The one loop step every host runs: ask the index, and dissect only when it cannot tell.
import type { FieldNode } from '../dissect/field-node.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { CompiledFilter } from './compile-filter.js';

/**
 * Does row `i` of `index` match? `tree()` is called only when the index cannot decide;
 * it returns the packet's detail tree and bytes (e.g. FrameDissector.dissect(..., true)).
 */
export function matchPacket(
  filter: CompiledFilter,
  index: CaptureIndex,
  i: number,
  tree: () => { readonly tree: readonly FieldNode[] | null; readonly data: Uint8Array },
): boolean {
  const fast = filter.matchIndex(index, i);
  if (fast !== undefined) return fast;
  const t = tree();
  const bytes = filter.matchBytes(index, i, t.data);
  if (bytes !== undefined) return bytes;
  return filter.matchTree(t.tree ?? [], { index, i, data: t.data });
}
