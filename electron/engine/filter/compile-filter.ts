// The display-filter API for the engine session, the CLI and the bench:
//   compileFilter(text) -> { ok, filter } | { ok: false, error: { message, position } }
// A compiled filter answers from the capture index when it can (matchIndex: true/false,
// or undefined = dissect this packet) and from the packet's detail tree otherwise (matchTree).
import type { FieldNode } from '../dissect/field-node.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { parseFilter } from './ast.js';
import { ExprCompiler } from './compile-expr.js';
import { FilterError } from './filter-error.js';
import type { Row } from './operands.js';
import { buildTreeView, treeFeeds, type FrameInfo } from './tree-view.js';
import type { Pred } from './value-tests.js';

export type { FrameInfo } from './tree-view.js';

export interface CompiledFilter {
  readonly text: string;
  /** True when some field of the filter is only in the detail tree (some packets will need it). */
  readonly needsTree: boolean;
  /** The known fields the filter reads. */
  readonly fields: readonly string[];
  /** From the index alone: the answer, or undefined when the packet must be dissected. */
  matchIndex(index: CaptureIndex, i: number): boolean | undefined;
  /**
   * From the index and the packet's bytes, before dissecting it: the answer, or undefined when
   * the tree is needed. Decides more than matchIndex only for filters that read `frame`'s bytes.
   */
  matchBytes(index: CaptureIndex, i: number, data: Uint8Array): boolean | undefined;
  /** With the packet's detail tree (FrameDissector, wantTree = true). */
  matchTree(tree: readonly FieldNode[], frame: FrameInfo): boolean;
}

export interface FilterErrorInfo {
  readonly message: string;
  /** 0-based offset into the filter text. */
  readonly position: number;
  /** Length of the offending text (0 when something is missing). */
  readonly length: number;
}

export type CompileResult = { readonly ok: true; readonly filter: CompiledFilter } | { readonly ok: false; readonly error: FilterErrorInfo };

/** Compiles a display filter; never throws. An empty filter matches every packet. */
export function compileFilter(text: string): CompileResult {
  try {
    if (text.trim() === '') return { ok: true, filter: makeFilter(text, () => 1, [], false) };
    const ast = parseFilter(text);
    const c = new ExprCompiler();
    const pred = c.compile(ast);
    return { ok: true, filter: makeFilter(text, pred, [...c.operands.fields], c.operands.slow) };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, error: { message: e.message, position: e.position, length: e.length } };
    // Anything else is our bug; still report it against the filter rather than throwing.
    return { ok: false, error: { message: `internal error: ${e instanceof Error ? e.message : String(e)}`, position: 0, length: 0 } };
  }
}

function makeFilter(text: string, pred: Pred, fields: string[], needsTree: boolean): CompiledFilter {
  const feeds = treeFeeds(fields);
  const wantProtocols = fields.includes('frame.protocols');
  // One row object reused for every packet: the fast path allocates nothing per packet.
  const row: Row = { ix: null as unknown as CaptureIndex, i: 0, view: null, data: null };
  const readsBytes = fields.includes('frame');
  return {
    text,
    needsTree,
    fields,
    matchIndex(index, i) {
      row.ix = index;
      row.i = i;
      row.view = null;
      row.data = null;
      const t = pred(row);
      return t === 2 ? undefined : t === 1;
    },
    matchBytes(index, i, data) {
      if (!readsBytes) return undefined;
      row.ix = index;
      row.i = i;
      row.view = null;
      row.data = data;
      const t = pred(row);
      row.data = null;
      return t === 2 ? undefined : t === 1;
    },
    matchTree(tree, frame) {
      const r: Row = { ix: frame.index, i: frame.i, view: buildTreeView(tree, frame.data, feeds, wantProtocols), data: frame.data };
      return pred(r) === 1;
    },
  };
}
