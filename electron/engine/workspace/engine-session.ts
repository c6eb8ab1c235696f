// electron/engine/workspace/: an open capture's state (rows, filter, marks, ladders, exports); the engine's entry for hosts.
//
// The engine session of one capture, host-agnostic: a host pushes the file's bytes (a file
// being opened, or a capture file growing live) and the session keeps only the compact
// CaptureIndex (never packet bytes: rows are re-read through the RandomAccessSource), then
// answers every EngineMethods request of electron/shared/contract.ts and pushes batched
// `update`s (at most 10 a second). Rows are usable from the first chunk on.
import type { CaptureStatsDto, FlowDto, LadderDto, PacketDetailDto, RowDto, UpdateDto } from '../../shared/dto.js';
import type { EngineParams, EngineResult, SortColumn } from '../../shared/contract.js';
import { LADDER_WINDOW } from '../../shared/ladder-window.js';
import type { Registry } from '../dissect/registry.js';
import { CaptureIndex } from '../flows/capture-index.js';
import { createCaptureReader, type CaptureReader } from '../../capfile/capture-reader.js';
import type { FileFormat, FileInfo, InterfaceStatistics, PacketRecord, RandomAccessSource, ReadError } from '../../capfile/types.js';
import { createRegistry } from '../protocols/index.js';
import type { FilterCompiler, PacketMatcher } from './display-filter.js';
import { displayFilterCompiler } from './filter-adapter.js';
import { ColorRules } from './color-rules.js';
import { DisplayList } from './display-list.js';
import { captureProperties } from './capture-properties.js';
import { exportPackets, exportSelection, type ByteSink } from './exporter.js';
import { followStream } from './follow-stream.js';
import { IoGraph, type IoGraphRequest } from './io-graph.js';
import { computeStatistics } from './statistics.js';
import { findPacket, runFilter } from './filter-runner.js';
import { flowDto, ladderDto, ladderEvents } from './flow-dto.js';
import { LadderCache, ladderWindow } from './ladder-cache.js';
import { LiveState } from './live-state.js';
import { PacketBytes } from './packet-bytes.js';
import { PacketExtras } from './packet-extras.js';
import { RowRenderer } from './row-renderer.js';
import { addressKey, RowOrder, sortDisplayed, type SortKeys } from './row-order.js';
import { WsColumnStore } from './ws-column-store.js';
import { SeqOracle } from './seq-oracle.js';
import { realClock, UpdateBatcher, type Clock } from './update-batcher.js';

/** Packets dissected between yields while sorting by a text column. */
const SORT_CHUNK = 2048;

export interface EngineSessionOptions {
  /** Where packet bytes are read back from (the same file the host pushes). */
  readonly source: RandomAccessSource;
  /** Receives every batched update. */
  readonly onUpdate: (u: UpdateDto) => void;
  /** Opens the export destination the host associated with a token (exportTo). */
  readonly openExport?: (token: string) => Promise<ByteSink>;
  /** The display-filter engine; without it a non-empty filter is refused. */
  readonly compileFilter?: FilterCompiler;
  /** A live capture: no load progress, capture stats, the index keeps growing. */
  readonly live?: boolean;
  readonly registry?: Registry;
  readonly clock?: Clock;
  /** Update interval in ms (default 100: 10 updates a second at most). */
  readonly updateIntervalMs?: number;
}

export class EngineSession {
  readonly index = new CaptureIndex();
  readonly extras = new PacketExtras();
  readonly oracle: SeqOracle;
  readonly bytes: PacketBytes;
  readonly display: DisplayList;
  readonly marked = new Set<number>();
  readonly sections: FileInfo[] = [];
  readonly statistics: InterfaceStatistics[] = [];
  format: FileFormat | null = null;
  private readonly reader: CaptureReader;
  private readonly renderer: RowRenderer;
  private readonly batcher: UpdateBatcher;
  private readonly live: LiveState;
  private readonly ladders: LadderCache;
  private readonly compile: FilterCompiler;
  private readonly colors: ColorRules;
  private matcher: PacketMatcher | null = null;
  /** Wireshark's Protocol/Info columns instead of tcpdump's line (the Info preference). */
  private wsInfo = false;
  private wsColumns: WsColumnStore | null = null;
  /** The order a column header sorted the list in, null in packet order. */
  private order: RowOrder | null = null;
  /** The display filter's text while one is applied ('' none). */
  private filterText = '';
  private ops = new AbortController();
  private bytesIn = 0;
  private total = 0;
  private done = false;
  private errorText: string | undefined;
  private stats: CaptureStatsDto | null = null;
  private readonly clock: Clock;
  /** An update is scheduled for watched-ladder events that wait (see LiveState.watchedWait). */
  private ladderTimer: (() => void) | null = null;

  constructor(private readonly opts: EngineSessionOptions) {
    this.oracle = new SeqOracle(this.index.packets, this.index.addresses);
    this.bytes = new PacketBytes(opts.source, this.index);
    this.display = new DisplayList(() => this.index.packets.length);
    this.compile = opts.compileFilter ?? displayFilterCompiler;
    this.colors = new ColorRules(this.compile);
    this.renderer = new RowRenderer(opts.registry ?? createRegistry(), this.index, this.extras, this.bytes, this.oracle, (i) => this.marked.has(i), this.colors);
    this.clock = opts.clock ?? realClock;
    this.ladders = new LadderCache(this.index, () => this.clock.now());
    this.live = new LiveState(this.index, (id, fresh) => this.ladders.get(id, fresh), this.clock);
    this.batcher = new UpdateBatcher(this.clock, () => opts.onUpdate(this.buildUpdate()), opts.updateIntervalMs ?? 100);
    this.reader = createCaptureReader({
      onHeader: (format, info) => {
        this.format = format;
        this.sections.push(info);
      },
      onInterface: (iface) => this.index.addInterface(iface),
      onPacket: (rec, data) => this.indexPacket(rec, data, 0),
      // The reader's chunk and an offset: no view of the bytes per packet.
      onPacketAt: (rec, buf, start) => this.indexPacket(rec, buf, start),
      onStatistics: (s) => {
        if (this.statistics.length < 4096) this.statistics.push(s);
      },
    });
  }

  private indexPacket(rec: PacketRecord, buf: Uint8Array, start: number): void {
    const i = this.index.addAt(rec, buf, start);
    this.extras.note(i, rec);
    this.oracle.observe(i);
  }

  // ---- loading (called by the host) ----

  /** Aborted by cancel(): a host's load loop stops pushing (what was read stays usable). */
  get signal(): AbortSignal {
    return this.ops.signal;
  }

  /** The file's size, for progress. */
  setTotal(bytes: number): void {
    this.total = bytes;
  }

  push(chunk: Uint8Array): void {
    if (this.done) return;
    const before = this.index.packets.length;
    this.reader.push(chunk);
    this.bytesIn += chunk.length;
    if (this.reader.error) this.finish();
    this.afterPackets(before);
    this.batcher.touch();
  }

  /** End of input (end of file, capture stopped, or the load was cancelled). */
  end(): void {
    if (this.done) return;
    this.reader.end();
    this.finish();
    this.batcher.touch();
  }

  /** The host could not go on reading (an I/O error): what was indexed stays usable. */
  fail(message: string): void {
    if (this.done) return;
    this.done = true;
    this.errorText = message;
    this.batcher.touch();
  }

  /** Capture counters from the capture process (live). */
  setStats(stats: CaptureStatsDto): void {
    this.stats = stats;
    this.batcher.touch();
  }

  get error(): string | undefined {
    return this.errorText;
  }

  /** The reader's error (damage in the file), null while it reads fine. */
  get readError(): ReadError | null {
    return this.reader.error;
  }

  get loaded(): boolean {
    return this.done;
  }

  get updatesSent(): number {
    return this.batcher.sent;
  }

  dispose(): void {
    this.ops.abort();
    this.batcher.dispose();
    this.ladderTimer?.();
    this.ladderTimer = null;
  }

  /** Cancels whatever long work runs (loading, filtering, find, export). */
  cancel(): Record<string, never> {
    this.ops.abort();
    this.ops = new AbortController();
    return {};
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    const e = this.reader.error;
    if (e) {
      this.errorText =
        e.kind === 'truncated'
          ? `The capture file appears to have been cut short in the middle of a packet (${e.message}); the ${this.index.packets.length} packets before it are shown.`
          : `${e.message} (at byte ${e.offset}); the ${this.index.packets.length} packets before it are shown.`;
    }
  }

  private afterPackets(before: number): void {
    const n = this.index.packets.length;
    if (n === before) return;
    this.live.scan(before, n);
    if (this.matcher) void this.filterNew();
  }

  // ---- EngineMethods ----

  async rows(p: EngineParams<'rows'>): Promise<EngineResult<'rows'>> {
    const view = this.view;
    const displayed = view.count;
    const end = Math.min(displayed, p.start + p.count);
    const indices: number[] = [];
    for (let d = p.start; d < end; d++) indices.push(view.at(d));
    // The renderer reads in ascending order; a sorted window comes back in its own order.
    const ascending = [...indices].sort((a, b) => a - b);
    const byIndex = new Map((indices.length ? await this.renderer.rows(ascending) : []).map((r) => [r.index, r]));
    const rows: RowDto[] = indices.map((i) => byIndex.get(i)!);
    if (this.wsInfo && rows.length) {
      const ws = this.wsStore();
      await ws.ensure(Math.max(...indices) + 1);
      for (const r of rows) if (r.index < ws.computed) Object.assign(r, ws.at(r.index));
    }
    return { rows, displayed };
  }

  displayIndexOf(p: EngineParams<'displayIndexOf'>): EngineResult<'displayIndexOf'> {
    return { displayIndex: this.view.indexOf(p.index) };
  }

  /** The displayed list in the order shown: sorted while a sort is on (later arrivals after). */
  private get view(): Pick<DisplayList, 'count' | 'at' | 'indexOf'> {
    const order = this.order;
    const display = this.display;
    if (!order) return display;
    return {
      get count() {
        return display.count;
      },
      at: (d) => (d < order.length ? order.at(d) : display.at(d)),
      indexOf: (i) => {
        const s = order.indexOf(i);
        if (s >= 0) return s;
        const d = display.indexOf(i);
        return d >= order.length ? d : -1;
      },
    };
  }

  private wsStore(): WsColumnStore {
    this.wsColumns ??= new WsColumnStore(this.tapSource);
    return this.wsColumns;
  }

  setInfoColumn(p: EngineParams<'setInfoColumn'>): EngineResult<'setInfoColumn'> {
    this.wsInfo = p.info === 'wireshark';
    return {};
  }

  async sort(p: EngineParams<'sort'>): Promise<EngineResult<'sort'>> {
    if (p.column === null) {
      this.order = null;
      return { displayed: this.display.count };
    }
    const signal = this.ops.signal;
    const keys = await this.sortKeys(p.column, signal);
    if (signal.aborted || !keys) throw new Error('sorting was cancelled');
    this.order = new RowOrder(p.column, p.descending, sortDisplayed(this.display, keys, p.descending));
    return { displayed: this.display.count };
  }

  /** A key for each displayed packet: index columns directly, text columns from the dissection. */
  private async sortKeys(column: SortColumn, signal: AbortSignal): Promise<SortKeys | null> {
    const n = this.display.count;
    const t = this.index.packets;
    if (column === 'number' || column === 'time' || column === 'length') {
      const keys = new Float64Array(n);
      // Seconds from the first packet: an epoch in ns would pass 2^53.
      const sec0 = t.length ? t.sec(0) : 0;
      for (let d = 0; d < n; d++) {
        const i = this.display.at(d);
        keys[d] = column === 'number' ? i : column === 'length' ? t.wirelen.get(i) : t.sec(i) - sec0 + t.nsec(i) / 1e9;
      }
      return { kind: 'number', keys };
    }
    const keys: string[] = new Array<string>(n);
    if (this.wsInfo && (column === 'protocol' || column === 'info')) {
      const ws = this.wsStore();
      await ws.ensure(t.length, signal);
      if (signal.aborted) return null;
      for (let d = 0; d < n; d++) keys[d] = ws.at(this.display.at(d))[column];
      return { kind: 'text', keys };
    }
    for (let d0 = 0; d0 < n; d0 += SORT_CHUNK) {
      if (signal.aborted) return null;
      const batch: number[] = [];
      for (let d = d0; d < Math.min(n, d0 + SORT_CHUNK); d++) batch.push(this.display.at(d));
      const rendered = await this.renderer.renderMany(batch);
      rendered.forEach((r, k) => {
        const f = r.result.facts;
        keys[d0 + k] = column === 'src' ? addressKey(f.src) : column === 'dst' ? addressKey(f.dst) : column === 'protocol' ? f.protocol : r.info;
      });
      await new Promise((r) => setTimeout(r, 0));
    }
    return { kind: 'text', keys };
  }

  async packet(p: EngineParams<'packet'>): Promise<PacketDetailDto> {
    if (p.index >= this.index.packets.length) throw new Error(`there is no packet ${p.index + 1} (the capture has ${this.index.packets.length})`);
    return this.renderer.detail(p.index);
  }

  flows(): { flows: FlowDto[] } {
    return { flows: this.index.flows.flows.map((f) => flowDto(this.index, f, this.live.problems(f.id))) };
  }

  /** A window of the flow's ladder (see EngineMethods.ladder), from the cached build. */
  ladder(p: EngineParams<'ladder'>): LadderDto {
    // While the file loads, a big flow's ladder may come from a build a moment old, unless
    // the packet asked for is not in it yet.
    let l = this.ladders.get(p.flow, this.done);
    if (l && p.around !== undefined && p.around > (l.events.at(-1)?.index ?? -1) && this.index.packets.flow.get(p.around) === p.flow) l = this.ladders.get(p.flow, true);
    const w = l && ladderWindow(l, p, LADDER_WINDOW);
    const dto = l && w && ladderDto(this.index, l, this.live.problems(p.flow), w.from, w.count);
    if (!dto) throw new Error(`there is no flow ${p.flow}`);
    return dto;
  }

  checkFilter(p: EngineParams<'checkFilter'>): EngineResult<'checkFilter'> {
    if (p.expression.trim() === '') return { ok: true };
    const c = this.compile(p.expression);
    return c.ok ? { ok: true } : { ok: false, error: { ...c.error } };
  }

  async setFilter(p: EngineParams<'setFilter'>): Promise<EngineResult<'setFilter'>> {
    if (p.expression.trim() === '') {
      this.matcher = null;
      this.filterText = '';
      this.display.clear();
      await this.resort();
      this.batcher.touch();
      return { ok: true, displayed: this.display.count };
    }
    const c = this.compile(p.expression);
    if (!c.ok) return { ok: false, displayed: this.display.count, error: { ...c.error } };
    const signal = this.ops.signal;
    const upTo = this.index.packets.length;
    const r = await runFilter(this.renderer, this.bytes, this.index, c.matcher, 0, upTo, signal);
    if (signal.aborted) return { ok: false, displayed: this.display.count, error: { message: 'filtering was cancelled', position: 0 } };
    this.matcher = c.matcher;
    this.filterText = p.expression;
    this.display.set(r.matches, r.count);
    this.filteredUpTo = upTo;
    await this.filterNew();
    await this.resort();
    this.batcher.touch();
    return { ok: true, displayed: this.display.count };
  }

  /** The user's colouring rules (rows fetched after this are painted with them). */
  setColorRules(p: EngineParams<'setColorRules'>): EngineResult<'setColorRules'> {
    return { errors: this.colors.set(p.rules) };
  }

  async find(p: EngineParams<'find'>): Promise<EngineResult<'find'>> {
    let matcher: PacketMatcher | null = null;
    if (p.mode === 'filter') {
      const c = this.compile(p.text);
      if (!c.ok) throw new Error(`find: ${c.error.message} (at character ${c.error.position + 1})`);
      matcher = c.matcher;
    }
    const d = await findPacket(this.renderer, this.index, this.view, { from: p.from, backwards: p.backwards, text: p.text, matcher }, this.ops.signal);
    return { displayIndex: d };
  }

  mark(p: EngineParams<'mark'>): EngineResult<'mark'> {
    if (p.index >= this.index.packets.length) throw new Error(`there is no packet ${p.index + 1}`);
    if (p.marked) this.marked.add(p.index);
    else this.marked.delete(p.index);
    this.batcher.touch();
    return { marked: this.marked.size };
  }

  watchFlow(p: EngineParams<'watchFlow'>): Record<string, never> {
    this.live.watch(p.flow === 0 ? 0 : p.flow);
    return {};
  }

  async exportTo(p: EngineParams<'exportTo'>): Promise<EngineResult<'exportTo'>> {
    if (!this.opts.openExport) throw new Error('this host does not write files');
    const signal = this.ops.signal;
    const sel = exportSelection(this.index, this.display, this.marked, p.selection);
    const sink = await this.opts.openExport(p.token);
    return exportPackets(
      { index: this.index, extras: this.extras, bytes: this.bytes, format: this.format, sections: this.sections, statistics: this.statistics, stats: this.stats },
      sel,
      p.format,
      sink,
      signal,
      p.selection.kind === 'all',
    );
  }

  // ---- statistics windows (the engine's tshark views) ----

  private get tapSource() {
    return { index: this.index, extras: this.extras, bytes: this.bytes };
  }

  async statisticsTables(p: EngineParams<'statistics'>): Promise<EngineResult<'statistics'>> {
    const r = await computeStatistics(this.tapSource, this.display, p.displayed ? { filter: this.filterText } : null, this.ops.signal);
    if (!r) throw new Error('statistics were cancelled');
    return r;
  }

  async ioGraph(p: EngineParams<'ioGraph'>): Promise<EngineResult<'ioGraph'>> {
    // Zooming in re-reads the counts of the graph drawn (same interval, same graphs).
    if (p.range && this.io && this.io.intervalMs === p.intervalMs && this.io.matches(p.graphs)) return this.io.dto(p.range, p.maxPoints);
    const graphs: IoGraphRequest[] = [];
    for (const g of p.graphs) {
      if (g.filter.trim() === '') {
        graphs.push({ filter: '', unit: g.unit, packets: { all: true } });
        continue;
      }
      const c = this.compile(g.filter);
      if (!c.ok) {
        graphs.push({ filter: g.filter, unit: g.unit, packets: { error: `${c.error.message} (at character ${c.error.position + 1})` } });
        continue;
      }
      const r = await runFilter(this.renderer, this.bytes, this.index, c.matcher, 0, this.index.packets.length, this.ops.signal);
      graphs.push({ filter: g.filter, unit: g.unit, packets: r });
    }
    this.io = new IoGraph(this.index, p.intervalMs, graphs);
    return this.io.dto(p.range, p.maxPoints);
  }

  ioPacketAt(p: EngineParams<'ioPacketAt'>): EngineResult<'ioPacketAt'> {
    if (!this.io) throw new Error('no I/O graph is drawn');
    return { index: this.io.packetAt(p.graph, p.interval) };
  }

  /** The last I/O Graph drawn (its packets, for ioPacketAt). */
  private io: IoGraph | null = null;

  async follow(p: EngineParams<'follow'>): Promise<EngineResult<'follow'>> {
    const r = await followStream(this.tapSource, p.index, p.proto, this.ops.signal);
    if (!r) throw new Error('following the stream was cancelled');
    return r;
  }

  captureProperties(): EngineResult<'captureProperties'> {
    return captureProperties(this.index, this.format, this.sections, this.display.count, this.marked.size);
  }

  /** A new filter keeps the sort: its packets are sorted again. */
  private async resort(): Promise<void> {
    if (this.order) await this.sort({ column: this.order.column, descending: this.order.descending });
  }

  // ---- live filtering of packets that arrive under a filter ----

  private filteredUpTo = 0;
  private filtering = false;

  private async filterNew(): Promise<void> {
    if (this.filtering || !this.matcher) return;
    this.filtering = true;
    try {
      while (this.matcher && this.filteredUpTo < this.index.packets.length) {
        const from = this.filteredUpTo;
        const to = this.index.packets.length;
        const r = await runFilter(this.renderer, this.bytes, this.index, this.matcher, from, to, this.ops.signal);
        for (let k = 0; k < r.count; k++) this.display.push(r.matches[k]!);
        this.filteredUpTo = to;
        this.batcher.touch();
      }
    } finally {
      this.filtering = false;
    }
  }

  // ---- updates ----

  private buildUpdate(): UpdateDto {
    const u: UpdateDto = {
      packets: this.index.packets.length,
      displayed: this.display.count,
      marked: this.marked.size,
      changedFlows: this.live.takeChangedFlows(1000).map((id) => {
        const f = this.index.flows.get(id)!;
        return flowDto(this.index, f, this.live.problems(id));
      }),
      expert: { ...this.live.expert },
    };
    if (!this.opts.live) u.progress = { bytes: this.bytesIn, total: Math.max(this.total, this.bytesIn), done: this.done };
    const w = this.live.takeWatchedLadder(this.done);
    if (w) {
      // The renderer holds a window of a ladder and only counts events past it: a bulk flow's
      // thousands of new events an update, every one serialized, kept it busy for a minute.
      const from = Math.max(w.from, w.ladder.events.length - LADDER_WINDOW);
      u.ladderEvents = ladderEvents(w.ladder, from);
      u.ladderFrom = from;
    }
    const wait = this.live.watchedWait;
    if (wait > 0 && !this.ladderTimer) {
      this.ladderTimer = this.clock.after(wait, () => {
        this.ladderTimer = null;
        this.batcher.touch();
      });
    }
    if (this.stats) u.stats = { ...this.stats };
    if (this.errorText) u.error = this.errorText;
    // At most 1000 flows an update: when more changed, the rest go in the next batch (≤10/s).
    if (this.live.pendingFlows > 0) queueMicrotask(() => this.batcher.touch());
    return u;
  }
}
