// Whether a filter reads what the capture index computes beyond its columns (TCP analysis,
// relative sequence numbers, streams, TCP times): `read -Y` builds that state only then, since
// a filter on header fields or protocol bytes never looks at it.
import { lookupField } from './field-registry.js';

/** Computed fields that the index fills without its TCP analysis. */
const WITHOUT_ANALYSIS = new Set(['frame.interface_id', 'frame.protocols']);

export function filterNeedsAnalysis(fields: readonly string[]): boolean {
  return fields.some((name) => !WITHOUT_ANALYSIS.has(name) && lookupField(name)?.decl.source === 'index');
}
