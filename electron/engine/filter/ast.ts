// The syntax tree the generated parser returns (display-filter.peggy). Every node carries
// its source span [pos, end) so errors can point at the text the user typed.
import { parse as peggyParse, SyntaxError as PeggySyntaxError } from './display-filter-parser.js';
import { FilterError } from './filter-error.js';

/** Wireshark's byte range: `length` null = to the end; negative `start` counts from the end. */
export interface SliceRange {
  readonly start: number;
  readonly length: number | null;
  readonly pos: number;
}

interface Span {
  readonly pos: number;
  readonly end: number;
}

export interface WordNode extends Span {
  readonly kind: 'word';
  /** Unquoted text: a field name or a literal (number, address, bytes, bare string). */
  readonly text: string;
  readonly slice?: readonly SliceRange[] | null;
  readonly layer?: number | null;
}

export interface StringNode extends Span {
  readonly kind: 'string';
  readonly value: string;
  readonly raw: boolean;
}

export interface CharNode extends Span {
  readonly kind: 'char';
  readonly value: number;
}

export interface CallNode extends Span {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ValueNode[];
  readonly slice?: readonly SliceRange[] | null;
}

export type ValueNode = WordNode | StringNode | CharNode | CallNode;

export type CmpOpText =
  | '=='
  | '!='
  | '==='
  | '!=='
  | '~='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'eq'
  | 'ne'
  | 'all_eq'
  | 'any_eq'
  | 'all_ne'
  | 'any_ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge';

export type SetItemNode =
  | (Span & { readonly kind: 'single'; readonly value: ValueNode })
  | (Span & { readonly kind: 'range'; readonly lo: ValueNode; readonly hi: ValueNode });

export type ExprNode =
  | (Span & { readonly kind: 'or' | 'and'; readonly left: ExprNode; readonly right: ExprNode })
  | (Span & { readonly kind: 'not'; readonly expr: ExprNode })
  | (Span & { readonly kind: 'test'; readonly value: ValueNode })
  | (Span & { readonly kind: 'cmp'; readonly op: CmpOpText; readonly opPos: number; readonly left: ValueNode; readonly right: ValueNode })
  | (Span & { readonly kind: 'bitand'; readonly left: ValueNode; readonly right: ValueNode })
  | (Span & { readonly kind: 'contains' | 'matches'; readonly opPos: number; readonly left: ValueNode; readonly right: ValueNode })
  | (Span & { readonly kind: 'in'; readonly negated: boolean; readonly left: ValueNode; readonly items: readonly SetItemNode[] });

/** Parses filter text into its syntax tree; throws FilterError with the position on bad syntax. */
export function parseFilter(text: string): ExprNode {
  try {
    // The generated parser builds exactly the shapes above (display-filter.peggy's actions).
    return peggyParse(text) as ExprNode;
  } catch (e) {
    if (e instanceof PeggySyntaxError) throw new FilterError(syntaxMessage(text, e), e.location.start.offset);
    throw e;
  }
}

function syntaxMessage(text: string, e: PeggySyntaxError): string {
  // Messages raised by error() in the grammar are already written for people.
  if (!e.expected) return e.message;
  const at = e.location.start.offset;
  const wanted = describeExpected(e.expected.map((x) => (x.type === 'literal' ? `"${x.text ?? ''}"` : (x.description ?? x.text ?? x.type))));
  if (e.found === null) return `the filter ends too early: expected ${wanted}`;
  const token = /^[A-Za-z0-9_.:\-/]+/.exec(text.slice(at))?.[0] ?? e.found;
  return `"${token}" was unexpected here: expected ${wanted}`;
}

function describeExpected(list: readonly string[]): string {
  const uniq = [...new Set(list)].filter((d) => d !== 'whitespace' && d !== 'end of input');
  if (uniq.length === 0) return 'the end of the filter';
  if (uniq.length === 1) return uniq[0]!;
  return `${uniq.slice(0, -1).join(', ')} or ${uniq[uniq.length - 1]}`;
}
