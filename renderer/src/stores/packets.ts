// The packet list's window cache: rows are fetched by display index in pages and the
// pages far from the view are evicted, so memory stays flat whatever the capture size.
// Pages are plain (markRaw) arrays; one `version` counter tells the list to redraw.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { SortColumn } from '../../../electron/shared/contract.js';
import type { RowDto, TimeDto } from '../../../electron/shared/dto.js';
import { useApi } from '../api/use-api.js';

export const PAGE_ROWS = 256;
/**
 * 32 pages ≈ 8k rows (≈ 1.5 MB): dozens of screens either side of the view on any display,
 * and no more than a small capture holds whole, so the heap after scrolling through
 * millions of rows stays what a 10k-packet file costs (a page is refetched in milliseconds).
 */
export const MAX_PAGES = 32;
const MAX_IN_FLIGHT = 3;

interface Page {
  rows: RowDto[];
  full: boolean;
  /** Shown until its new copy lands (rows changed in the engine: colouring rules). */
  stale?: boolean;
}

export const usePacketsStore = defineStore('packets', () => {
  const api = useApi();
  /** Displayed rows (after the filter). */
  const count = ref(0);
  /** Bumped whenever a page lands or rows change: the list reads it to redraw. */
  const version = shallowRef(0);
  /** Time of the first captured packet ("since first" column). */
  const firstTime = shallowRef<TimeDto | undefined>(undefined);
  const pages = new Map<number, Page>();
  const inFlight = new Set<number>();
  let generation = 0;
  let wanted: { first: number; last: number } = { first: 0, last: -1 };
  let filtered = false;
  /** The column the engine sorted the list by (null: packet order). */
  const sort = ref<{ column: SortColumn; descending: boolean } | null>(null);
  /** A sort is being computed (a text column of a big capture takes seconds). */
  const sorting = ref(false);
  const sortError = ref('');

  function touch(n: number, p: Page): void {
    pages.delete(n);
    pages.set(n, p);
  }

  function evict(): void {
    const keepFirst = Math.floor(wanted.first / PAGE_ROWS) - 1;
    const keepLast = Math.floor(wanted.last / PAGE_ROWS) + 1;
    for (const n of pages.keys()) {
      if (pages.size <= MAX_PAGES) break;
      if (n < keepFirst || n > keepLast) pages.delete(n);
    }
  }

  function load(n: number): void {
    const gen = generation;
    inFlight.add(n);
    api
      .engine('rows', { start: n * PAGE_ROWS, count: PAGE_ROWS })
      .then((r) => {
        if (gen !== generation) return;
        if (n === 0 && r.rows[0]?.index === 0 && !firstTime.value) firstTime.value = r.rows[0].time;
        pages.set(n, { rows: markRaw(r.rows), full: r.rows.length === PAGE_ROWS });
        if (r.displayed > count.value) count.value = r.displayed;
        evict();
        version.value++;
      })
      .catch(() => undefined)
      .finally(() => {
        if (gen !== generation) return;
        inFlight.delete(n);
        pump();
      });
  }

  /** Requests the missing pages of the wanted range, nearest the view first. */
  function pump(): void {
    if (wanted.last < wanted.first) return;
    const a = Math.floor(wanted.first / PAGE_ROWS);
    const b = Math.floor(Math.min(wanted.last, Math.max(0, count.value - 1)) / PAGE_ROWS);
    for (let n = a; n <= b && inFlight.size < MAX_IN_FLIGHT; n++) if ((!pages.has(n) || pages.get(n)!.stale) && !inFlight.has(n)) load(n);
  }

  /** The list tells us what it shows; we fetch it (plus the row just above, for deltas). */
  function want(first: number, last: number): void {
    wanted = { first: Math.max(0, first - 1), last };
    pump();
  }

  function rowAt(d: number): RowDto | undefined {
    const n = Math.floor(d / PAGE_ROWS);
    const p = pages.get(n);
    if (!p) return undefined;
    touch(n, p);
    return p.rows[d - n * PAGE_ROWS];
  }

  /** Fetches one row now (selection of a row not on screen: go to, find, history). */
  async function fetchRow(d: number): Promise<RowDto | undefined> {
    const cached = rowAt(d);
    if (cached) return cached;
    const gen = generation;
    const r = await api.engine('rows', { start: d, count: 1 });
    return gen === generation ? r.rows[0] : undefined;
  }

  /** New filter or new session: everything cached is stale. */
  function reset(displayed: number, isFiltered = filtered): void {
    generation++;
    pages.clear();
    inFlight.clear();
    filtered = isFiltered;
    count.value = displayed;
    version.value++;
    pump();
  }

  /** The engine paints rows differently now (colouring rules): every page is fetched again, the old one shown meanwhile. */
  function refresh(): void {
    generation++;
    inFlight.clear();
    for (const p of pages.values()) p.stale = true;
    version.value++;
    pump();
  }

  /**
   * A click on a column header, as in Wireshark: ascending, again descending, a third time
   * back to packet order. The engine sorts; the rows are fetched again by position.
   */
  async function sortBy(column: SortColumn): Promise<void> {
    // From the order last asked for, so two quick clicks step twice.
    const cur = asked;
    const next = cur?.column !== column ? { column, descending: false } : !cur.descending ? { column, descending: true } : null;
    await applySort(next);
  }

  let asked: { column: SortColumn; descending: boolean } | null = null;

  async function applySort(next: { column: SortColumn; descending: boolean } | null): Promise<void> {
    asked = next;
    sorting.value = true;
    try {
      const r = await api.engine('sort', next ?? { column: null, descending: false });
      sort.value = next;
      sortError.value = '';
      reset(r.displayed);
    } catch (e) {
      sortError.value = e instanceof Error ? e.message : String(e);
      asked = sort.value;
    } finally {
      sorting.value = false;
    }
  }

  function newSession(): void {
    sort.value = null;
    asked = null;
    firstTime.value = undefined;
    wanted = { first: 0, last: -1 };
    reset(0, false);
  }

  /** Live growth: the partial last page must be fetched again. */
  function setCount(displayed: number): void {
    if (displayed === count.value) return;
    if (displayed < count.value) return reset(displayed);
    const last = Math.floor(Math.max(0, count.value - 1) / PAGE_ROWS);
    const p = pages.get(last);
    if (p && !p.full) pages.delete(last);
    count.value = displayed;
    version.value++;
    pump();
  }

  /** Changes a cached row in place (mark), without refetching. */
  function patchRow(d: number, patch: Partial<RowDto>): void {
    const n = Math.floor(d / PAGE_ROWS);
    const p = pages.get(n);
    const row = p?.rows[d - n * PAGE_ROWS];
    if (!p || !row) return;
    p.rows[d - n * PAGE_ROWS] = { ...row, ...patch };
    version.value++;
  }

  return { count, version, firstTime, sort, sorting, sortError, sortBy, applySort, want, rowAt, fetchRow, reset, refresh, newSession, setCount, patchRow, cachedPages: () => pages.size };
});
