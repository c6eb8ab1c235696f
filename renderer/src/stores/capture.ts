// Capture options: adapters with their addresses and a live traffic sparkline, the
// capture filter checked as you type (starting with the host's default one where it
// applies), the preflight check with its copyable fix.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CaptureOptions } from '../../../electron/shared/contract.js';
import type { InterfaceDto } from '../../../electron/shared/dto.js';
import { useApi } from '../api/use-api.js';
import { useFlowsStore } from './flows.js';
import { useSessionStore } from './session.js';

/** A minute of per-second rates per adapter. */
const SPARK_POINTS = 60;
export type CheckStatus = 'empty' | 'checking' | 'valid' | 'invalid';

export const useCaptureStore = defineStore('capture', () => {
  const api = useApi();
  const interfaces = shallowRef<InterfaceDto[]>([]);
  const traffic = shallowRef<Record<string, number[]>>({});
  const options = ref<CaptureOptions>({ interface: '', filter: '', snaplen: 262144, promiscuous: true, bufferSizeMb: 2 });
  const filterStatus = ref<CheckStatus>('empty');
  const filterError = ref('');
  const preflight = shallowRef<{ ok: boolean; problem?: string; fix?: string; grant?: boolean } | undefined>(undefined);
  const granting = ref(false);
  const starting = ref(false);
  let checkId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let subscribed = false;
  /** The host's default capture filter and why (serve: leave out this page's own connection). */
  const defaults = shallowRef<{ filter: string; note?: string }>({ filter: '' });
  /** The filter this store put in by itself, while the user has not edited it. */
  let auto = '';

  const selected = computed(() => interfaces.value.find((i) => i.name === options.value.interface));
  /** The interface sees loopback traffic, where the page's own connection to serve runs. */
  const seesLoopback = computed(() => !!selected.value && (selected.value.loopback || selected.value.name === 'any'));
  /** The default filter is in the capture filter (the options say so, and how to undo it). */
  const excluding = computed(() => !!defaults.value.filter && options.value.filter.includes(defaults.value.filter));

  /** Puts the default filter in for an interface that needs it, takes it out for one that does not, never over the user's own. */
  function applyDefault(): void {
    const want = seesLoopback.value ? defaults.value.filter : '';
    if (options.value.filter !== auto || want === auto) return;
    auto = want;
    setFilter(want);
  }

  async function refresh(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api.onSession('traffic', (t) => {
        const next: Record<string, number[]> = {};
        for (const i of interfaces.value) next[i.name] = [...(traffic.value[i.name] ?? []), t.rates[i.name] ?? 0].slice(-SPARK_POINTS);
        traffic.value = next;
      });
    }
    try {
      const [list, d] = await Promise.all([api.session('interfaces', {}), api.session('captureDefaults', {}).catch(() => ({ filter: '' }))]);
      interfaces.value = list.interfaces;
      defaults.value = d;
      if (!selected.value) options.value.interface = interfaces.value.find((i) => i.up && !i.loopback)?.name ?? interfaces.value[0]?.name ?? '';
      applyDefault();
    } catch (e) {
      useSessionStore().notify('error', e instanceof Error ? e.message : String(e));
    }
  }

  async function check(filter: string): Promise<void> {
    const my = ++checkId;
    if (!filter.trim()) {
      filterStatus.value = 'empty';
      filterError.value = '';
      return;
    }
    const r = await api.session('checkCaptureFilter', { filter });
    if (my !== checkId) return;
    filterStatus.value = r.ok ? 'valid' : 'invalid';
    filterError.value = r.error ?? '';
  }

  /** The user's own edit: from now on the default filter leaves it alone. */
  function editFilter(filter: string): void {
    setFilter(filter);
  }

  function setFilter(filter: string): void {
    options.value.filter = filter;
    filterStatus.value = filter.trim() ? 'checking' : 'empty';
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(filter), 150);
  }

  async function choose(name: string): Promise<void> {
    options.value.interface = name;
    applyDefault();
    preflight.value = undefined;
    const r = await api.session('preflight', { interface: name });
    if (options.value.interface === name) preflight.value = r;
  }

  async function start(): Promise<boolean> {
    const session = useSessionStore();
    if (!options.value.interface) return false;
    if (filterStatus.value === 'invalid') return false;
    starting.value = true;
    try {
      const pf = await api.session('preflight', { interface: options.value.interface });
      preflight.value = pf;
      if (!pf.ok) return false;
      session.onSession(await api.session('startCapture', { ...options.value }));
      return true;
    } catch (e) {
      session.notify('error', e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      starting.value = false;
    }
  }

  async function stop(): Promise<void> {
    const session = useSessionStore();
    try {
      const r = await api.session('stopCapture', {});
      session.stats = r.stats;
    } catch (e) {
      session.notify('error', e instanceof Error ? e.message : String(e));
    }
    // Whatever the answer (it may have ended by itself), no capture runs after a stop request.
    session.captureStopped();
    // Every flow as the capture left it (updates carry at most 1000 changed flows each).
    void useFlowsStore().load().catch(() => undefined);
    try {
      session.onSession(await api.session('info', {}));
    } catch (e) {
      session.notify('error', e instanceof Error ? e.message : String(e));
    }
  }

  /** Asks the host to set up capture rights through the administrator prompt, then re-checks. */
  async function grant(): Promise<void> {
    const session = useSessionStore();
    granting.value = true;
    try {
      const r = await api.session('grantCaptureRights', {});
      session.notify(r.ok ? 'info' : 'warning', r.message);
      if (options.value.interface) preflight.value = await api.session('preflight', { interface: options.value.interface });
    } catch (e) {
      session.notify('error', e instanceof Error ? e.message : String(e));
    } finally {
      granting.value = false;
    }
  }

  async function toggle(): Promise<boolean> {
    if (useSessionStore().capturing) {
      await stop();
      return true;
    }
    return start();
  }

  return { interfaces, traffic, options, filterStatus, filterError, preflight, granting, starting, selected, defaults, seesLoopback, excluding, refresh, editFilter, choose, start, stop, toggle, grant };
});
