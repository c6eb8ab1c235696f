// The display filter applied to an open capture: compiles and runs it over the packets read
// so far, then over each packet that arrives under it (a file still loading, a live capture).
// EngineSession's checkFilter and setFilter.
import type { EngineParams, EngineResult } from '../../shared/contract.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { DisplayList } from './display-list.js';
import type { FilterCompiler, PacketMatcher } from './packet-matcher.js';
import { skipIgnored } from './ignored-packets.js';
import { runFilter } from './filter-runner.js';
import type { PacketBytes } from './packet-bytes.js';
import type { RowRenderer } from './row-renderer.js';

export interface FilterContext {
  readonly index: CaptureIndex;
  readonly bytes: PacketBytes;
  readonly display: DisplayList;
  readonly renderer: RowRenderer;
  readonly compile: FilterCompiler;
  /** Packets the user ignores: no filter matches them. */
  readonly ignored: ReadonlySet<number>;
  /** The signal of the session's current long work (cancel() aborts it). */
  signal(): AbortSignal;
  /** The displayed list changed: sort it again (a new filter keeps the sort). */
  resort(): Promise<void>;
  /** Asks for an update (the displayed count changed). */
  touch(): void;
}

export class AppliedFilter {
  private matcher: PacketMatcher | null = null;
  /** The display filter's text while one is applied ('' none). */
  private expression = '';
  /** Packets below this one have been through the filter. */
  private filteredUpTo = 0;
  private filtering = false;

  constructor(private readonly c: FilterContext) {}

  get text(): string {
    return this.expression;
  }

  check(p: EngineParams<'checkFilter'>): EngineResult<'checkFilter'> {
    if (p.expression.trim() === '') return { ok: true };
    const c = this.c.compile(p.expression);
    return c.ok ? { ok: true } : { ok: false, error: { ...c.error } };
  }

  async set(p: EngineParams<'setFilter'>): Promise<EngineResult<'setFilter'>> {
    const { display } = this.c;
    if (p.expression.trim() === '') {
      this.matcher = null;
      this.expression = '';
      display.clear();
      await this.c.resort();
      this.c.touch();
      return { ok: true, displayed: display.count };
    }
    const c = this.c.compile(p.expression);
    if (!c.ok) return { ok: false, displayed: display.count, error: { ...c.error } };
    const signal = this.c.signal();
    const upTo = this.c.index.packets.length;
    const matcher = skipIgnored(c.matcher, this.c.ignored);
    const r = await runFilter(this.c.renderer, this.c.bytes, this.c.index, matcher, 0, upTo, signal);
    if (signal.aborted) return { ok: false, displayed: display.count, error: { message: 'filtering was cancelled', position: 0 } };
    this.matcher = matcher;
    this.expression = p.expression;
    display.set(r.matches, r.count);
    this.filteredUpTo = upTo;
    await this.filterNew();
    await this.c.resort();
    this.c.touch();
    return { ok: true, displayed: display.count };
  }

  /** Runs the filter over the packets that arrived since it last ran (no-op without a filter). */
  async filterNew(): Promise<void> {
    if (this.filtering || !this.matcher) return;
    this.filtering = true;
    try {
      const { index } = this.c;
      while (this.matcher && this.filteredUpTo < index.packets.length) {
        const from = this.filteredUpTo;
        const to = index.packets.length;
        const r = await runFilter(this.c.renderer, this.c.bytes, index, this.matcher, from, to, this.c.signal());
        for (let k = 0; k < r.count; k++) this.c.display.push(r.matches[k]!);
        this.filteredUpTo = to;
        this.c.touch();
      }
    } finally {
      this.filtering = false;
    }
  }
}
