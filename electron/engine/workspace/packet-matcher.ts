// The session's view of a display filter: a PacketMatcher, compiled once from an expression,
// matches packets by index over the index columns and, lazily, the dissected packet. The
// session gets its matchers from engine/filter through filter-adapter.ts; a host may pass
// another compiler (tests do).
import type { DissectResult } from '../dissect/dissect-frame.js';
import type { CaptureIndex } from '../flows/capture-index.js';

export interface MatcherCompileError {
  readonly message: string;
  /** 0-based character position of the problem in the expression. */
  readonly position: number;
}

/** A packet as a matcher may see it: the bytes and the dissection with its tree. */
export interface DissectedPacket {
  readonly data: Uint8Array;
  readonly result: DissectResult;
  /** The tcpdump line (Info column). */
  readonly info: string;
}

export interface PacketMatcher {
  /** True when match() may call `packet()`; the session then reads and dissects candidates. */
  readonly needsPacket: boolean;
  match(index: CaptureIndex, i: number, packet: () => DissectedPacket): boolean;
  /** The answer from the index columns alone, or undefined when the packet must be dissected. */
  matchIndex?(index: CaptureIndex, i: number): boolean | undefined;
  /** The answer from the index and the packet's bytes (no dissection), or undefined when the tree is needed. */
  matchBytes?(index: CaptureIndex, i: number, data: Uint8Array): boolean | undefined;
}

export type CompiledMatcher = { readonly ok: true; readonly matcher: PacketMatcher } | { readonly ok: false; readonly error: MatcherCompileError };

export type FilterCompiler = (expression: string) => CompiledMatcher;
