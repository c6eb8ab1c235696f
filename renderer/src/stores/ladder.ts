// The handshake timeline of one flow, a window of its events at a time: a bulk flow has
// 100k+ events (36 MB whole), a screen shows ~20. The header (flow, lanes, handshake,
// back-off) is always whole; `ladder.from`/`ladder.total` place the window in the flow. The
// view says what it shows (need / needTime) and the store fetches the window around it;
// while the flow is watched (live capture) new events come with the batched updates.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EngineParams } from '../../../electron/shared/contract.js';
import type { FlowDto, LadderDto, LadderEventDto } from '../../../electron/shared/dto.js';
import { LADDER_WINDOW } from '../../../electron/shared/ladder-window.js';
import { useApi } from '../api/use-api.js';
import { useSelectionStore } from './selection.js';

export type LadderMode = 'time' | 'compact';

/** Events kept around what is on screen before another window is asked for. */
const MARGIN = 200;
/** Live growth appends to the window up to this many events; older ones are dropped. */
const KEEP = 2 * LADDER_WINDOW;

export const useLadderStore = defineStore('ladder', () => {
  const api = useApi();
  const flowId = ref<number | undefined>(undefined);
  const ladder = shallowRef<LadderDto | undefined>(undefined);
  const loading = ref(false);
  const error = ref('');
  const mode = ref<LadderMode>('compact');
  /** Event the pointer is over (its absolute number in the flow; its explanation shows). */
  const hovered = ref<number | undefined>(undefined);
  let request = 0;
  /** One window request at a time; the latest wish waits for it (scrolling asks often). */
  let fetching = false;
  let next: Omit<EngineParams<'ladder'>, 'flow'> | undefined;
  /**
   * The packet the ladder must show, as last asked by `show`. A bulk flow's first window can
   * take a while (the engine builds its ladder once): when the selection moved meanwhile,
   * the window around the newest selection is fetched once the first one is in.
   */
  let focus: number | undefined;

  /** The arrow of the selected packet, if it is in this ladder's window. */
  const selectedEvent = computed<LadderEventDto | undefined>(() => {
    const idx = useSelectionStore().packetIndex;
    return ladder.value?.events.find((e) => e.index === idx && !e.ghost);
  });

  const holds = (l: LadderDto, index: number): boolean => l.events.length >= l.total || l.events.some((e) => e.index === index && !e.ghost);

  /** Shows a flow's ladder: the window around packet `around` when given (the selected one). */
  async function show(flow: number, around?: number): Promise<void> {
    focus = around;
    if (flow === flowId.value) {
      // Its first window is on the way: that request looks at `focus` when it lands.
      if (loading.value) return;
      const l = ladder.value;
      if (l && l.flow.id === flow) {
        if (around !== undefined && !holds(l, around)) await fetchWindow({ around });
        return;
      }
    }
    const my = ++request;
    flowId.value = flow;
    loading.value = true;
    error.value = '';
    next = undefined;
    try {
      const got = await api.engine('ladder', { flow, ...(around !== undefined ? { around } : {}) });
      if (my !== request) return;
      ladder.value = got;
      loading.value = false;
      const want = focus;
      if (want !== undefined && !holds(got, want)) await fetchWindow({ around: want });
      await api.engine('watchFlow', { flow });
    } catch (e) {
      if (my !== request) return;
      ladder.value = undefined;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (my === request) loading.value = false;
    }
  }

  async function fetchWindow(p: Omit<EngineParams<'ladder'>, 'flow'>): Promise<void> {
    if (fetching) {
      next = p;
      return;
    }
    const flow = flowId.value;
    const my = request;
    if (flow === undefined) return;
    fetching = true;
    try {
      const got = await api.engine('ladder', { flow, ...p });
      if (my === request) ladder.value = got;
    } catch (e) {
      if (my === request) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      fetching = false;
    }
    const again = next;
    next = undefined;
    if (again) await fetchWindow(again);
  }

  /** The view shows events [first, last] (compact mode): fetch the window around them unless held. */
  function need(first: number, last: number): Promise<void> {
    const l = ladder.value;
    if (!l || l.events.length >= l.total) return Promise.resolve();
    const lo = Math.max(0, Math.min(first, l.total - 1));
    const hi = Math.max(lo, Math.min(last, l.total - 1));
    const end = l.from + l.events.length;
    if ((l.from <= lo - MARGIN || l.from === 0) && (end >= hi + MARGIN || end >= l.total)) return Promise.resolve();
    return fetchWindow({ from: Math.max(0, Math.floor((lo + hi) / 2) - LADDER_WINDOW / 2) });
  }

  /** The view shows times [t0, t1] into the flow (time mode): fetch the window around its middle unless held. */
  function needTime(t0: number, t1: number): Promise<void> {
    const l = ladder.value;
    if (!l || l.events.length >= l.total || !l.events.length) return Promise.resolve();
    const mid = (t0 + t1) / 2;
    const startsIn = l.from === 0 || l.events[0]!.rel <= mid;
    const endsIn = l.from + l.events.length >= l.total || l.events.at(-1)!.rel >= mid;
    if (startsIn && endsIn) return Promise.resolve();
    return fetchWindow({ at: mid });
  }

  /**
   * Live events of the shown flow, from position `from` of its ladder: those the page has are
   * replaced (an answer made a state known: the SYN's server was listening), the rest are new.
   * Without a position (an older host) they are all new, less those already held. The engine
   * sends at most the last LADDER_WINDOW new events: past such a gap, or while the window does
   * not reach the end, new events are only counted and fetched when looked at.
   */
  function append(events: readonly LadderEventDto[], from?: number): void {
    const l = ladder.value;
    if (!l || !events.length) return;
    let incoming = events;
    if (from === undefined) {
      const seen = new Set(l.events.map((e) => `${e.index}:${e.ghost}`));
      incoming = events.filter((e) => !seen.has(`${e.index}:${e.ghost}`));
      if (!incoming.length) return;
    }
    const start = from ?? l.total;
    const grown = Math.max(0, start + incoming.length - l.total);
    const evs = [...l.events];
    // The window is not at the end of the flow (the user looks at an earlier part), or the
    // engine left events out before these: new events are counted, not held.
    const held = l.from + l.events.length;
    const atEnd = held >= l.total && start <= held;
    incoming.forEach((e, j) => {
      const p = start + j - l.from;
      if (p < 0) return;
      if (p < evs.length) evs[p] = e;
      else if (atEnd) evs.push(e);
    });
    const drop = Math.max(0, evs.length - KEEP);
    ladder.value = { ...l, events: drop ? evs.slice(drop) : evs, from: l.from + drop, total: l.total + grown };
  }

  /** The shown flow changed (live capture): its outcome badge, counts and state follow. */
  function updateFlow(flows: readonly FlowDto[]): void {
    const l = ladder.value;
    const f = l && flows.find((x) => x.id === l.flow.id);
    if (l && f) ladder.value = { ...l, flow: f };
  }

  function newSession(): void {
    request++;
    next = undefined;
    focus = undefined;
    loading.value = false;
    flowId.value = undefined;
    ladder.value = undefined;
    error.value = '';
    hovered.value = undefined;
  }

  return { flowId, ladder, loading, error, mode, hovered, selectedEvent, show, need, needTime, append, updateFlow, newSession };
});
