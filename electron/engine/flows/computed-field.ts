// Fields the capture index computes rather than any packet's tree (Wireshark's generated
// fields that depend on other packets): declared beside the code that computes them, with
// the getter the display filter uses on both its paths.
import type { FieldDecl } from '../dissect/field-decl.js';
import type { CaptureIndex } from './capture-index.js';

/** Where a computed field's values go (a filter's value list). */
export interface NumberSink {
  push(...values: number[]): number;
}

export interface ComputedField extends FieldDecl {
  readonly source: 'index';
  /**
   * Appends the field's values for row `i`; nothing when the packet has none. Absent for a
   * name the filter knows but nothing computes yet (no packet has it).
   */
  readonly compute?: (ix: CaptureIndex, i: number, out: NumberSink) => void;
}
