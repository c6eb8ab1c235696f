// The colouring rules rows are painted with: Wireshark's colorfilters model, a list of display
// filters owned by the user's preferences (defaults in shared/color-rules.ts), compiled with
// the display-filter machinery and tried in order, first enabled match wins; a row names its
// rule by position in the list (two rules may share a name). The index answers
// most rules; a rule on fields only the detail tree has dissects that row again with its tree.
import { DEFAULT_COLOR_RULES } from '../../shared/color-rules.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { DissectedPacket, FilterCompiler, MatcherCompileError, PacketMatcher } from './packet-matcher.js';

export interface ColorRuleSpec {
  readonly name: string;
  readonly filter: string;
  readonly enabled: boolean;
}

interface Compiled {
  /** Where the rule stands in the list given, disabled ones counted. */
  readonly position: number;
  readonly matcher: PacketMatcher;
}

export class ColorRules {
  private rules: Compiled[] = [];

  constructor(private readonly compile: FilterCompiler) {
    this.set(DEFAULT_COLOR_RULES.map((r) => ({ name: r.name, filter: r.filter, enabled: true })));
  }

  /** Replaces the list; answers each rule's compile error (null when it compiles, or is disabled and empty). */
  set(specs: readonly ColorRuleSpec[]): (MatcherCompileError | null)[] {
    const rules: Compiled[] = [];
    const errors = specs.map((r, position) => {
      // An empty filter would match every packet: in a colouring list it is a rule not written yet.
      if (r.filter.trim() === '') return r.enabled ? { message: 'the rule has no filter', position: 0 } : null;
      const c = this.compile(r.filter);
      if (!c.ok) return { ...c.error };
      if (r.enabled) rules.push({ position, matcher: c.matcher });
      return null;
    });
    this.rules = rules;
    return errors;
  }

  /** The position of the first rule packet `i` matches, -1 when none; `packet()` gives its tree (called at most once). */
  ruleOf(index: CaptureIndex, i: number, packet: () => DissectedPacket): number {
    let cached: DissectedPacket | undefined;
    const once = (): DissectedPacket => (cached ??= packet());
    for (const r of this.rules) if (r.matcher.match(index, i, once)) return r.position;
    return -1;
  }
}
