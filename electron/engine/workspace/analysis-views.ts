// The Statistics menu's answers for an open capture: the statistics tables (the engine's
// tshark views), the I/O Graph (which keeps the last graph drawn, for zooming and for
// ioPacketAt) and Follow Stream. EngineSession's statistics, ioGraph, ioPacketAt and follow.
import type { EngineParams, EngineResult } from '../../shared/contract.js';
import type { DisplayList } from './display-list.js';
import type { FilterCompiler } from './packet-matcher.js';
import { runFilter } from './filter-runner.js';
import { followStream } from './follow-stream.js';
import { IoGraph, type IoGraphRequest } from './io-graph.js';
import type { RowRenderer } from './row-renderer.js';
import { computeStatistics } from './statistics.js';
import type { TapSource } from './tap-pass.js';
import type { TaskProgress } from './task-progress.js';

export interface AnalysisContext {
  readonly tapSource: TapSource;
  readonly display: DisplayList;
  readonly renderer: RowRenderer;
  readonly compile: FilterCompiler;
  /** The display filter's text while one is applied ('' none). */
  filterText(): string;
  /** The signal of the session's current long work (cancel() aborts it). */
  signal(): AbortSignal;
  /** The passes a user waits for, shown with their progress and a Stop. */
  readonly tasks: TaskProgress;
}

export class AnalysisViews {
  /** The last I/O Graph drawn (its packets, for ioPacketAt). */
  private io: IoGraph | null = null;
  /** The last statistics answered, and what they were counted over (answered again while nothing changed). */
  private statsCache: { key: string; dto: EngineResult<'statistics'> } | null = null;

  constructor(private readonly c: AnalysisContext) {}

  async statistics(p: EngineParams<'statistics'>): Promise<EngineResult<'statistics'>> {
    const { display, tapSource } = this.c;
    const filterText = this.c.filterText();
    const limited = p.displayed && display.filtered;
    const pass = p.pass ?? true;
    // Answered again while the packets counted are the same (the windows share one answer).
    const ignored = tapSource.ignored?.size ?? 0;
    const key = `${limited ? filterText : ''}|${tapSource.index.packets.length}|${limited ? display.count : -1}|${ignored}`;
    const cached = this.statsCache;
    if (cached && cached.key === key && (!pass || !cached.dto.pending)) return cached.dto;
    const limit = p.displayed ? { filter: filterText } : null;
    const r = pass
      ? await this.c.tasks.run('Statistics', this.c.signal(), (signal, progress) => computeStatistics(tapSource, display, { limit, pass, signal, progress }))
      : await computeStatistics(tapSource, display, { limit, pass, signal: this.c.signal() });
    if (!r) throw new Error('statistics were stopped');
    if (!this.statsCache || this.statsCache.key !== key || !r.pending) this.statsCache = { key, dto: r };
    return r;
  }

  async ioGraph(p: EngineParams<'ioGraph'>): Promise<EngineResult<'ioGraph'>> {
    // Zooming in re-reads the counts of the graph drawn (same interval, same graphs).
    if (p.range && this.io && this.io.intervalMs === p.intervalMs && this.io.matches(p.graphs)) return this.io.dto(p.range, p.maxPoints);
    const { index, bytes } = this.c.tapSource;
    const graphs: IoGraphRequest[] = [];
    for (const g of p.graphs) {
      if (g.filter.trim() === '') {
        graphs.push({ filter: '', unit: g.unit, packets: { all: true } });
        continue;
      }
      const c = this.c.compile(g.filter);
      if (!c.ok) {
        graphs.push({ filter: g.filter, unit: g.unit, packets: { error: `${c.error.message} (at character ${c.error.position + 1})` } });
        continue;
      }
      const r = await runFilter(this.c.renderer, bytes, index, c.matcher, 0, index.packets.length, this.c.signal());
      graphs.push({ filter: g.filter, unit: g.unit, packets: r });
    }
    this.io = new IoGraph(index, p.intervalMs, graphs);
    return this.io.dto(p.range, p.maxPoints);
  }

  ioPacketAt(p: EngineParams<'ioPacketAt'>): EngineResult<'ioPacketAt'> {
    if (!this.io) throw new Error('no I/O graph is drawn');
    return { index: this.io.packetAt(p.graph, p.interval) };
  }

  async follow(p: EngineParams<'follow'>): Promise<EngineResult<'follow'>> {
    const r = await followStream(this.c.tapSource, p.index, p.proto, this.c.signal());
    if (!r) throw new Error('following the stream was cancelled');
    return r;
  }
}
