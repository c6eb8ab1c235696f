// The packet list as the user sees it: the displayed packets in the order a column header
// sorted them (packets that arrive later follow, unsorted), with tcpdump's line or Wireshark's
// Protocol/Info columns (the Info preference). EngineSession's rows, sort and setInfoColumn.
import type { FieldNodeDto, PacketDetailDto, RowDto } from '../../shared/dto.js';
import type { FieldNode } from '../dissect/field-node.js';
import { MacNames, type OuiLoader } from '../names/mac-names.js';
import { anyNames } from '../names/name-flags.js';
import { NameResolver } from '../names/name-resolver.js';
import type { EngineParams, EngineResult, SortColumn } from '../../shared/contract.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { DisplayList } from './display-list.js';
import type { RowRenderer } from './row-renderer.js';
import { addressKey, RowOrder, sortDisplayed, type SortKeys } from './row-order.js';
import type { TapSource } from './tap-pass.js';
import type { TaskProgress } from './task-progress.js';
import { WsColumnStore } from './ws-column-store.js';
import { CustomColumns, checkCustomColumns, numericField } from './custom-columns.js';

/** Packets dissected between yields while sorting by a text column. */
const SORT_CHUNK = 2048;
/** The task name of the Info column's pass (the status bar shows it). */
export const WS_TASK = 'Wireshark Info column';
/** Packets of the Info column's pass a rows call waits for (a few tenths of a second). */
const WS_QUICK = 8192;

/** The shown list: index → packet and back. */
export type ShownList = Pick<DisplayList, 'count' | 'at' | 'indexOf'>;

export class RowView {
  /** Wireshark's Protocol/Info columns instead of tcpdump's line (the Info preference). */
  private wsInfo = false;
  private wsColumns: WsColumnStore | null = null;
  /** View → Name Resolution: null while all are off. */
  private names: NameResolver | null = null;
  /** The order a column header sorted the list in, null in packet order. */
  private order: RowOrder | null = null;
  /** Stop was pressed on the Info column's pass: rows do not start it again until the column is set anew. */
  private wsStopped = false;
  /** Rows were sent with the tcpdump text while Wireshark's was computed: the next update says to fetch them again. */
  private repaint = false;
  /** The Info column's pass running in the background, and the packet it goes up to. */
  private wsTask: Promise<void> | null = null;
  private wsTaskGoal = 0;
  /** The custom columns' fields, in the order rows carry them. */
  private customFields: readonly string[] = [];
  private customColumns: CustomColumns | null = null;

  constructor(
    private readonly index: CaptureIndex,
    private readonly display: DisplayList,
    private readonly renderer: RowRenderer,
    private readonly tapSource: TapSource,
    private readonly tasks: TaskProgress,
    /** The signal of the session's current long work. */
    private readonly signal: () => AbortSignal,
    /** Asks for an update (a background pass ended). */
    private readonly touch: () => void,
  ) {}

  /** Stop was pressed while the Info column's pass ran. */
  noteStopped(): void {
    this.wsStopped = true;
  }

  /** Whether the rows sent pending must be fetched again now (said once, after the pass). */
  takeRepaint(): boolean {
    if (!this.repaint || this.wsTask) return false;
    this.repaint = false;
    return true;
  }

  /** The Info text each packet shows, for Find; undefined with tcpdump's line. Runs the pass when needed. */
  async shownInfo(): Promise<((i: number) => string) | undefined> {
    if (!this.wsInfo) return undefined;
    const ws = this.wsStore();
    const n = this.index.packets.length;
    const signal = this.signal();
    if (n - ws.computed > WS_QUICK) await this.tasks.run(WS_TASK, signal, (s, progress) => ws.ensure(n, s, progress));
    else await ws.ensure(n, signal);
    if (ws.computed < n) throw new Error('find was stopped');
    return (i) => ws.at(i).info;
  }

  /** The displayed list in the order shown: sorted while a sort is on (later arrivals after). */
  get list(): ShownList {
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

  async rows(p: EngineParams<'rows'>): Promise<EngineResult<'rows'>> {
    const view = this.list;
    const displayed = view.count;
    const end = Math.min(displayed, p.start + p.count);
    const indices: number[] = [];
    for (let d = p.start; d < end; d++) indices.push(view.at(d));
    // The renderer reads in ascending order; a sorted window comes back in its own order.
    const ascending = [...indices].sort((a, b) => a - b);
    const byIndex = new Map((indices.length ? await this.renderer.rows(ascending) : []).map((r) => [r.index, r]));
    const rows: RowDto[] = indices.map((i) => byIndex.get(i)!);
    const t = this.index.packets;
    const time = (i: number) => ({ sec: t.sec(i), nsec: t.nsec(i) });
    for (const r of rows) {
      if (r.index > 0) r.previous = time(r.index - 1);
      const d = this.display.indexOf(r.index);
      if (d > 0) r.previousDisplayed = time(this.display.at(d - 1));
    }
    if (this.customFields.length && rows.length) {
      const values = await this.custom().values(this.customFields, ascending);
      ascending.forEach((i, k) => (byIndex.get(i)!.custom = values[k]!));
    }
    if ((this.wsInfo || this.names) && rows.length) {
      const ws = this.wsStore();
      const need = Math.max(...indices) + 1;
      // A few chunks away: computed at once. Further (a jump to the end of a million packets,
      // half a minute): the rows go out with tcpdump's text, marked pending, while the pass
      // runs with its progress; the update after it says to fetch them again.
      if (need - ws.computed <= WS_QUICK) await ws.ensure(need);
      else this.wsBackground(need);
      for (const r of rows) {
        if (r.index >= ws.computed) {
          r.pending = true;
          if (this.wsTask) this.repaint = true;
          continue;
        }
        if (this.wsInfo) Object.assign(r, ws.at(r.index));
        // Named as Wireshark's columns name them, where our column shows the same address.
        const e = ws.endsAt(r.index);
        if (e && e[0] === r.src) r.src = e[2];
        if (e && e[1] === r.dst) r.dst = e[3];
      }
    }
    return { rows, displayed };
  }

  displayIndexOf(p: EngineParams<'displayIndexOf'>): EngineResult<'displayIndexOf'> {
    return { displayIndex: this.list.indexOf(p.index) };
  }

  /** Turns names on or off: the Wireshark columns are made again with them (ports in Info, learned hosts). */
  setNames(p: EngineParams<'setNameResolution'>, ouiTable: OuiLoader): EngineResult<'setNameResolution'> {
    this.names = anyNames(p) ? new NameResolver(p, new MacNames(ouiTable)) : null;
    this.wsColumns = null;
    return {};
  }

  /** The packet's tree with the names on, hosts as learned up to it. */
  async namedDetail(i: number, d: PacketDetailDto): Promise<PacketDetailDto> {
    if (!this.names) return d;
    await this.wsStore().ensure(i + 1);
    return { ...d, tree: this.names.tree(d.tree as FieldNode[]) as FieldNodeDto[] };
  }

  setInfoColumn(p: EngineParams<'setInfoColumn'>): EngineResult<'setInfoColumn'> {
    this.wsInfo = p.info === 'wireshark';
    this.wsStopped = false;
    return {};
  }

  /** Sets the custom columns rows carry; an unknown field is refused and nothing changes. */
  setCustomColumns(p: EngineParams<'setCustomColumns'>): EngineResult<'setCustomColumns'> {
    const titles = checkCustomColumns(p.fields);
    this.customFields = [...p.fields];
    return { titles };
  }

  async sort(p: EngineParams<'sort'>, signal: AbortSignal): Promise<EngineResult<'sort'>> {
    if (p.column === null) {
      this.order = null;
      return { displayed: this.display.count };
    }
    const keys = await this.sortKeys(p.column, signal);
    if (signal.aborted || !keys) throw new Error('sorting was cancelled');
    this.order = new RowOrder(p.column, p.descending, sortDisplayed(this.display, keys, p.descending));
    return { displayed: this.display.count };
  }

  /** A new filter keeps the sort: its packets are sorted again. */
  async resort(signal: AbortSignal): Promise<void> {
    if (this.order) await this.sort({ column: this.order.column, descending: this.order.descending }, signal);
  }

  /** The Info column's pass up to packet `need` as a task (one at a time; not after Stop). */
  private wsBackground(need: number): void {
    if (this.wsStopped || (this.wsTask && this.wsTaskGoal >= need)) return;
    this.wsTaskGoal = Math.max(need, this.wsTaskGoal);
    const goal = this.wsTaskGoal;
    const ws = this.wsStore();
    const run = this.tasks.run(WS_TASK, this.signal(), (signal, progress) => ws.ensure(goal, signal, progress));
    const task = run.finally(() => {
      if (this.wsTask === task) {
        this.wsTask = null;
        this.wsTaskGoal = 0;
      }
      this.touch();
    });
    this.wsTask = task;
  }

  private custom(): CustomColumns {
    this.customColumns ??= new CustomColumns(this.tapSource);
    return this.customColumns;
  }

  /** A custom column's key per displayed packet, computed a chunk at a time (numbers when the field's type is). */
  private async customKeys(field: string, signal: AbortSignal): Promise<SortKeys | null> {
    const n = this.display.count;
    const texts: string[] = new Array<string>(n);
    for (let d0 = 0; d0 < n; d0 += SORT_CHUNK) {
      if (signal.aborted) return null;
      const batch: number[] = [];
      for (let d = d0; d < Math.min(n, d0 + SORT_CHUNK); d++) batch.push(this.display.at(d));
      // Displayed positions ascend with packet order, as values() wants.
      const values = await this.custom().values([field], batch);
      values.forEach((v, k) => (texts[d0 + k] = v[0] ?? ''));
      await new Promise((r) => setTimeout(r, 0));
    }
    if (!numericField(field)) return { kind: 'text', keys: texts };
    // Wireshark puts the packets without the field first when ascending; the first occurrence is the key.
    const keys = new Float64Array(n);
    texts.forEach((t, d) => {
      const v = t === '' ? -Infinity : Number(t.split(',')[0]);
      keys[d] = Number.isNaN(v) ? -Infinity : v;
    });
    return { kind: 'number', keys };
  }

  private wsStore(): WsColumnStore {
    this.wsColumns ??= new WsColumnStore(this.tapSource, this.names ?? undefined);
    return this.wsColumns;
  }

  /** A key for each displayed packet: index columns directly, text columns from the dissection. */
  private async sortKeys(column: SortColumn, signal: AbortSignal): Promise<SortKeys | null> {
    if (column.startsWith('field:')) return this.customKeys(column.slice('field:'.length), signal);
    const n = this.display.count;
    const t = this.index.packets;
    if (column === 'number' || column === 'time' || column === 'length') {
      const keys = new Float64Array(n);
      // Seconds from the first packet: an epoch in ns would pass 2^53.
      const sec0 = t.length ? t.sec(0) : 0;
      for (let d = 0; d < n; d++) {
        const i = this.display.at(d);
        keys[d] = column === 'number' ? i : column === 'length' ? t.wirelen.get(i)! : t.sec(i) - sec0 + t.nsec(i) / 1e9;
      }
      return { kind: 'number', keys };
    }
    const keys: string[] = new Array<string>(n);
    if (this.wsInfo && (column === 'protocol' || column === 'info')) {
      const ws = this.wsStore();
      const all = t.length;
      if (all - ws.computed > WS_QUICK) await this.tasks.run(WS_TASK, signal, (s, progress) => ws.ensure(all, s, progress));
      else await ws.ensure(all, signal);
      if (ws.computed < all) return null;
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
}
