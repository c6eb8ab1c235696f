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
import { WsColumnStore } from './ws-column-store.js';

/** Packets dissected between yields while sorting by a text column. */
const SORT_CHUNK = 2048;

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

  constructor(
    private readonly index: CaptureIndex,
    private readonly display: DisplayList,
    private readonly renderer: RowRenderer,
    private readonly tapSource: TapSource,
  ) {}

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
    if ((this.wsInfo || this.names) && rows.length) {
      const ws = this.wsStore();
      await ws.ensure(Math.max(...indices) + 1);
      for (const r of rows) {
        if (r.index >= ws.computed) continue;
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
    return {};
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

  private wsStore(): WsColumnStore {
    this.wsColumns ??= new WsColumnStore(this.tapSource, this.names ?? undefined);
    return this.wsColumns;
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
        keys[d] = column === 'number' ? i : column === 'length' ? t.wirelen.get(i)! : t.sec(i) - sec0 + t.nsec(i) / 1e9;
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
}
