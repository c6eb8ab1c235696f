// Types of the peggy-generated parser (display-filter-parser.js). The AST it returns is
// described by ast.ts and narrowed there, in one place.

export interface PeggyLocation {
  readonly start: { readonly offset: number; readonly line: number; readonly column: number };
  readonly end: { readonly offset: number; readonly line: number; readonly column: number };
}

export interface PeggyExpectation {
  readonly type: string;
  readonly description?: string;
  readonly text?: string;
}

export class SyntaxError extends Error {
  readonly location: PeggyLocation;
  readonly expected: readonly PeggyExpectation[] | null;
  readonly found: string | null;
}

export function parse(input: string, options?: { startRule?: string }): unknown;
