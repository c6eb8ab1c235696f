// electron/engine/workspace/: an open capture's state (rows, filter, marks, ladders, exports); the engine's entry for hosts.
//
// The engine session of one capture, host-agnostic: a host pushes the file's bytes (a file
// being opened, or a capture file growing live) and the session keeps only the compact
// CaptureIndex (never packet bytes: rows are re-read through the RandomAccessSource), then
// answers every EngineMethods request of electron/shared/contract.ts and pushes batched
// `update`s (at most 10 a second). Rows are usable from the first chunk on.
//
// This class is loading and the contract's engine methods; the work is in its parts: the
// list as shown (sort order, Info column) in row-view.ts, the display filter in
// applied-filter.ts, the Statistics menu's answers in analysis-views.ts, the update in
// update-builder.ts.
import type { OuiLoader } from '../names/mac-names.js';
import type { CaptureStatsDto, FlowDto, LadderDto, PacketDetailDto, UpdateDto } from '../../shared/dto.js';
import type { EngineParams, EngineResult } from '../../shared/contract.js';
import { LADDER_WINDOW } from '../../shared/ladder-window.js';
import type { Registry } from '../dissect/registry.js';
import { CaptureIndex } from '../flows/capture-index.js';
import { createCaptureReader, type CaptureReader } from '../../capfile/capture-reader.js';
import type { FileFormat, FileInfo, InterfaceStatistics, PacketRecord, RandomAccessSource, ReadError } from '../../capfile/types.js';
import { createRegistry } from '../protocols/index.js';
import type { FilterCompiler, PacketMatcher } from './packet-matcher.js';
import { displayFilterCompiler } from './filter-adapter.js';
import { AnalysisViews } from './analysis-views.js';
import { AppliedFilter } from './applied-filter.js';
import { ColorRules } from './color-rules.js';
import { DisplayList } from './display-list.js';
import { captureProperties } from './capture-properties.js';
import { exportDissections } from './dissection-export.js';
import { exportPackets, exportSelection, type ByteSink } from './exporter.js';
import { findPacket } from './filter-runner.js';
import { tcpLadderWindow } from '../flows/tcp-ladder-window.js';
import { flowDto, ladderDto, ladderWindowDto } from './flow-dto.js';
import { TaskProgress } from './task-progress.js';
import { dhcpLeasePackets, findings } from '../flows/findings.js';
import { leaseIn } from './dhcp-lease.js';
import { LadderCache, ladderWindow } from './ladder-cache.js';
import { LiveState } from './live-state.js';
import { PacketBytes } from './packet-bytes.js';
import { IGNORED_INFO, ignoredRow, ignoredTree } from './ignored-packets.js';
import { PacketExtras } from './packet-extras.js';
import { RowRenderer } from './row-renderer.js';
import { RowView } from './row-view.js';
import type { TapSource } from './tap-pass.js';
import { SeqOracle } from './seq-oracle.js';
import { realClock, UpdateBatcher, type Clock } from './update-batcher.js';
import { WS_TASK } from './row-view.js';
import { UpdateBuilder } from './update-builder.js';

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
  /** Reads the IEEE OUI registry for MAC vendor names (only when they are turned on); none: MACs stay addresses. */
  readonly ouiTable?: OuiLoader;
}

export class EngineSession {
  readonly index = new CaptureIndex();
  readonly extras = new PacketExtras();
  readonly oracle: SeqOracle;
  readonly bytes: PacketBytes;
  readonly display: DisplayList;
  readonly marked = new Set<number>();
  /** Packets the user ignores (ignored-packets.ts). */
  readonly ignored = new Set<number>();
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
  private readonly view: RowView;
  /** What the tshark views read: the index, the packets' bytes and extras, the ignored set. */
  private get tapSource(): TapSource {
    return { index: this.index, extras: this.extras, bytes: this.bytes, ignored: this.ignored };
  }
  private readonly filter: AppliedFilter;
  private readonly analyses: AnalysisViews;
  private readonly updates: UpdateBuilder;
  private ops = new AbortController();
  /** The passes a user waits for, with their progress (see TaskProgress). */
  private readonly tasks: TaskProgress;
  private bytesIn = 0;
  private total = 0;
  private done = false;
  private errorText: string | undefined;
  private stats: CaptureStatsDto | null = null;
  private readonly clock: Clock;

  constructor(private readonly opts: EngineSessionOptions) {
    this.oracle = new SeqOracle(this.index.packets, this.index.addresses);
    this.bytes = new PacketBytes(opts.source, this.index);
    this.display = new DisplayList(() => this.index.packets.length);
    this.compile = opts.compileFilter ?? displayFilterCompiler;
    this.colors = new ColorRules(this.compile);
    this.renderer = new RowRenderer(opts.registry ?? createRegistry(), this.index, this.extras, this.bytes, this.oracle, (i) => this.marked.has(i), this.colors);
    this.clock = opts.clock ?? realClock;
    this.ladders = new LadderCache(this.index, () => this.clock.now());
    this.live = new LiveState(this.index, (id, fresh) => this.ladders.get(id, fresh), this.clock, (id, from, count) => {
      const f = this.index.flows.get(id);
      return f?.kind === 'tcp' ? tcpLadderWindow(this.index, f, { from, count }, LADDER_WINDOW, this.done) : undefined;
    });
    this.batcher = new UpdateBatcher(this.clock, () => opts.onUpdate(this.buildUpdate()), opts.updateIntervalMs ?? 100);
    this.tasks = new TaskProgress(() => this.batcher.touch());
    const tapSource = this.tapSource;
    const signal = (): AbortSignal => this.ops.signal;
    const touch = (): void => this.batcher.touch();
    this.view = new RowView(this.index, this.display, this.renderer, tapSource, this.tasks, signal, touch);
    const common = { index: this.index, bytes: this.bytes, display: this.display, renderer: this.renderer, compile: this.compile, signal };
    this.filter = new AppliedFilter({ ...common, ignored: this.ignored, touch, resort: () => this.view.resort(this.ops.signal) });
    this.analyses = new AnalysisViews({ ...common, tapSource, filterText: () => this.filter.text, tasks: this.tasks });
    this.updates = new UpdateBuilder(this.index, this.live, this.clock, touch);
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
    this.updates.dispose();
  }

  /** Cancels whatever long work runs (loading, filtering, find, export). */
  cancel(): Record<string, never> {
    this.ops.abort();
    this.ops = new AbortController();
    return {};
  }

  /** Stops the passes the status bar shows (statistics, the Info column), not the load. */
  stopTask(): Record<string, never> {
    if (this.tasks.current?.name === WS_TASK) this.view.noteStopped();
    this.tasks.stop();
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
    void this.filter.filterNew();
  }

  private buildUpdate(): UpdateDto {
    const u = this.updates.build({
      displayed: this.display.count,
      marked: this.marked.size,
      progress: this.opts.live ? undefined : { bytes: this.bytesIn, total: this.total },
      done: this.done,
      stats: this.stats,
      error: this.errorText,
    });
    const task = this.tasks.current;
    if (task) u.task = { ...task };
    if (this.view.takeRepaint()) u.repaint = true;
    return u;
  }

  // ---- EngineMethods ----

  async rows(p: EngineParams<'rows'>): Promise<EngineResult<'rows'>> {
    const r = await this.view.rows(p);
    const rows = r.rows;
    if (this.ignored.size) for (let k = 0; k < rows.length; k++) if (this.ignored.has(rows[k]!.index)) rows[k] = ignoredRow(rows[k]!);
    return r;
  }

  displayIndexOf(p: EngineParams<'displayIndexOf'>): EngineResult<'displayIndexOf'> {
    return this.view.displayIndexOf(p);
  }

  setNameResolution(p: EngineParams<'setNameResolution'>): EngineResult<'setNameResolution'> {
    return this.view.setNames(p, this.opts.ouiTable ?? (() => ({})));
  }

  setInfoColumn(p: EngineParams<'setInfoColumn'>): EngineResult<'setInfoColumn'> {
    return this.view.setInfoColumn(p);
  }

  setCustomColumns(p: EngineParams<'setCustomColumns'>): EngineResult<'setCustomColumns'> {
    return this.view.setCustomColumns(p);
  }

  sort(p: EngineParams<'sort'>): Promise<EngineResult<'sort'>> {
    return this.view.sort(p, this.ops.signal);
  }

  async packet(p: EngineParams<'packet'>): Promise<PacketDetailDto> {
    if (p.index >= this.index.packets.length) throw new Error(`there is no packet ${p.index + 1} (the capture has ${this.index.packets.length})`);
    const d = await this.renderer.detail(p.index);
    return this.ignored.has(p.index) ? { ...d, line: IGNORED_INFO, tree: ignoredTree(d.tree) } : await this.view.namedDetail(p.index, d);
  }

  flows(): { flows: FlowDto[] } {
    return { flows: this.index.flows.flows.map((f) => flowDto(this.index, f, this.live.problems(f.id))) };
  }

  /**
   * A window of the flow's ladder (see EngineMethods.ladder): a TCP flow's from its nearest
   * checkpoint (never the whole flow), another's from the cached build.
   */
  ladder(p: EngineParams<'ladder'>): LadderDto {
    const flow = this.index.flows.get(p.flow);
    const tw = flow?.kind === 'tcp' ? tcpLadderWindow(this.index, flow, p, LADDER_WINDOW, this.done) : undefined;
    if (tw) return ladderWindowDto(this.index, tw, this.live.problems(p.flow))!;
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
    return this.filter.check(p);
  }

  setFilter(p: EngineParams<'setFilter'>): Promise<EngineResult<'setFilter'>> {
    return this.filter.set(p);
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
    // String mode looks in the text the list shows: with Wireshark's Info, every packet's
    // (its pass, with progress and Stop, when not made yet).
    const infoOf = matcher ? undefined : await this.view.shownInfo();
    const d = await findPacket(this.renderer, this.index, this.view.list, { from: p.from, backwards: p.backwards, text: p.text, matcher, ...(infoOf ? { infoOf } : {}) }, this.ops.signal);
    return { displayIndex: d };
  }

  mark(p: EngineParams<'mark'>): EngineResult<'mark'> {
    if (p.index >= this.index.packets.length) throw new Error(`there is no packet ${p.index + 1}`);
    if (p.marked) this.marked.add(p.index);
    else this.marked.delete(p.index);
    this.batcher.touch();
    return { marked: this.marked.size };
  }

  ignore(p: EngineParams<'ignore'>): EngineResult<'ignore'> {
    if (p.what === 'packet') {
      if (p.index >= this.index.packets.length) throw new Error(`there is no packet ${p.index + 1}`);
      if (p.ignored) this.ignored.add(p.index);
      else this.ignored.delete(p.index);
    } else if (p.what === 'displayed') {
      const view = this.display;
      for (let d = 0; d < view.count; d++) this.ignored.add(view.at(d));
    } else this.ignored.clear();
    this.batcher.touch();
    return { ignored: this.ignored.size };
  }

  setComments(p: EngineParams<'setComments'>): EngineResult<'setComments'> {
    if (p.index >= this.index.packets.length) throw new Error(`there is no packet ${p.index + 1}`);
    this.extras.setComments(p.index, p.comments);
    this.batcher.touch();
    return { commented: this.extras.comments.size };
  }

  watchFlow(p: EngineParams<'watchFlow'>): Record<string, never> {
    this.live.watch(p.flow === 0 ? 0 : p.flow);
    return {};
  }

  async exportTo(p: EngineParams<'exportTo'>): Promise<EngineResult<'exportTo'>> {
    if (!this.opts.openExport) throw new Error('this host does not write files');
    const signal = this.ops.signal;
    const sel = exportSelection(this.index, this.display, this.marked, p.selection, this.ignored);
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

  async exportDissections(p: EngineParams<'exportDissections'>): Promise<EngineResult<'exportDissections'>> {
    if (!this.opts.openExport) throw new Error('this host does not write files');
    const sel = exportSelection(this.index, this.display, this.marked, p.selection, this.ignored);
    const sink = await this.opts.openExport(p.token);
    const interfaces = (id: number) => this.index.interfaces[id] ?? undefined;
    return exportDissections({ ...this.tapSource, interfaces }, sel, p, sink, this.ops.signal);
  }

  statisticsTables(p: EngineParams<'statistics'>): Promise<EngineResult<'statistics'>> {
    return this.analyses.statistics(p);
  }

  ioGraph(p: EngineParams<'ioGraph'>): Promise<EngineResult<'ioGraph'>> {
    return this.analyses.ioGraph(p);
  }

  ioPacketAt(p: EngineParams<'ioPacketAt'>): EngineResult<'ioPacketAt'> {
    return this.analyses.ioPacketAt(p);
  }

  follow(p: EngineParams<'follow'>): Promise<EngineResult<'follow'>> {
    return this.analyses.follow(p);
  }

  /** Analyze › Findings; the DHCP leases come from their packets' option 51 (read once each). */
  async findings(): Promise<EngineResult<'findings'>> {
    const n = this.index.packets.length;
    for (const i of dhcpLeasePackets(this.index)) {
      if (this.leases.has(i)) continue;
      const tree = (await this.renderer.detail(i)).tree;
      this.leases.set(i, leaseIn(tree));
    }
    const list = findings(this.index, (i) => this.leases.get(i));
    return { packets: n, findings: list.map(({ weight: _w, ...f }) => f) };
  }

  /** DHCP lease times by packet (undefined: the packet has none). */
  private readonly leases = new Map<number, number | undefined>();

  captureProperties(): EngineResult<'captureProperties'> {
    return captureProperties(this.index, this.format, this.sections, this.display.count, this.marked.size);
  }
}
