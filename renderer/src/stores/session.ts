// renderer/src/stores/: the Pinia stores: the UI's state, filled from the engine's answers and updates.
//
// What is open (file, live capture, nothing), the counts of the status bar, loading
// progress with Stop, and the host's messages. It routes the engine's batched updates
// to the other stores and resets them when a new engine is attached.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { formatBytes } from '../../../electron/shared/byte-size.js';
import type { DissectionRequest, ExportSelection, SessionInfo, SessionResult } from '../../../electron/shared/contract.js';
import type { CaptureStatsDto, UpdateDto } from '../../../electron/shared/dto.js';
import { UploadCancelled, uploadRefusal, type Uploader, type UploadLimits } from '../api/uploader.js';
import { useApi } from '../api/use-api.js';
import { useFilterStore } from './filter.js';
import { useFlowsStore } from './flows.js';
import { useLadderStore } from './ladder.js';
import { useToolsStore } from './tools.js';
import { useMarksStore } from './marks.js';
import { useFindingsStore } from './findings.js';
import { usePacketsStore } from './packets.js';
import { usePreferencesStore } from './preferences.js';
import { useSelectionStore } from './selection.js';
import { useUiStore } from './ui.js';

export interface Toast {
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
}
type Sample = { id: string; title: string; description: string };
type Recent = SessionResult<'recentFiles'>['files'][number];

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const useSessionStore = defineStore('session', () => {
  const api = useApi();
  const info = ref<SessionInfo>({ title: '', source: 'none', unsaved: false });
  /** Packets in the capture as of the last update. */
  const total = ref(0);
  const progress = shallowRef<UpdateDto['progress']>(undefined);
  /** A pass the engine runs (statistics, Wireshark's Info column) with its progress; Stop ends it. */
  const task = shallowRef<UpdateDto['task']>(undefined);
  const expert = shallowRef<UpdateDto['expert']>({ errors: 0, warnings: 0, notes: 0 });
  const stats = shallowRef<CaptureStatsDto | undefined>(undefined);
  const toasts = ref<Toast[]>([]);
  const samples = shallowRef<Sample[]>([]);
  const recent = shallowRef<Recent[]>([]);
  const busy = ref(false);
  /** The serve host's upload limit, once asked: shown where files are dropped and opened. */
  const uploadLimits = shallowRef<UploadLimits | undefined>(undefined);
  /** "up to 4 GiB" (serve), or '' where files open by path (Electron) or the limit is not known yet. */
  const uploadLimitText = computed(() => (uploadLimits.value ? `up to ${formatBytes(uploadLimits.value.maxBytes)}` : ''));
  /** A file on its way to the host (serve): Stop in the status bar aborts it. */
  const uploading = shallowRef<{ name: string; sent: number; total: number } | undefined>(undefined);
  let uploadAbort: AbortController | undefined;
  let toastId = 0;
  let sessionEpoch = 0;
  /** Bumped when a new engine is attached (not when the same one stops capturing). */
  const epoch = ref(0);

  // A rows reply can be newer than the last update while a file loads: what it displays is
  // part of the capture too, so the status bar never says "Displayed" > "Packets".
  const packets = computed(() => Math.max(total.value, usePacketsStore().count));
  const loading = computed(() => !!progress.value && !progress.value.done);
  const dropped = computed(() => (stats.value ? stats.value.droppedByKernel + stats.value.droppedByInterface : 0));
  const open = computed(() => info.value.source !== 'none');
  /**
   * A capture runs. The host's SessionInfo still says source 'capture' once it has stopped
   * (the window keeps showing what was captured, unsaved), so the running part is ours:
   * set when a new capture session is announced (each capture has its own file), cleared
   * when Stop returns.
   */
  const live = ref(false);
  const capturing = computed(() => info.value.source === 'capture' && live.value);

  function notify(level: Toast['level'], text: string): void {
    const t = { id: ++toastId, level, text };
    toasts.value = [...toasts.value.slice(-4), t];
    if (level !== 'error') setTimeout(() => dismiss(t.id), 6000);
  }
  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function onUpdate(u: UpdateDto): void {
    total.value = u.packets;
    usePacketsStore().setCount(u.displayed);
    useMarksStore().count = u.marked;
    // The file is in: one snapshot of every flow (an update carries at most 1000 changed flows).
    if (u.progress?.done && progress.value && !progress.value.done) void useFlowsStore().load().catch(() => undefined);
    if (u.progress) progress.value = u.progress;
    task.value = u.task;
    // Rows were painted with tcpdump's text while Wireshark's was computed: now it is known.
    if (u.repaint) usePacketsStore().refresh();
    expert.value = u.expert;
    if (u.stats) stats.value = u.stats;
    useFlowsStore().merge(u.changedFlows);
    if (u.ladderEvents) useLadderStore().append(u.ladderEvents, u.ladderFrom);
    if (u.changedFlows.length) useLadderStore().updateFlow(u.changedFlows);
    if (u.error) notify('error', u.error);
  }

  /** A new engine (file opened, capture started, closed): every view starts over. */
  function onSession(next: SessionInfo): void {
    const changedEngine = next.source !== info.value.source || next.path !== info.value.path || next.title !== info.value.title || next.source === 'none';
    info.value = next;
    if (next.source !== 'capture') live.value = false;
    // The host says whether the capture still runs (it may stop by itself).
    if (next.live !== undefined && !changedEngine) live.value = next.live;
    if (!changedEngine) return;
    live.value = next.live ?? next.source === 'capture';
    const current = ++sessionEpoch;
    epoch.value = current;
    total.value = 0;
    progress.value = undefined;
    task.value = undefined;
    stats.value = undefined;
    expert.value = { errors: 0, warnings: 0, notes: 0 };
    usePacketsStore().newSession();
    useSelectionStore().clear();
    useFilterStore().newSession();
    useFlowsStore().newSession();
    useLadderStore().newSession();
    useToolsStore().newSession();
    useFindingsStore().newSession();
    useUiStore().convColors = new Map();
    useMarksStore().count = 0;
    if (next.source === 'none') return;
    prime(current);
  }

  /**
   * Asks the new engine for its count (a window opened on an engine that already holds
   * packets gets no update while nothing changes) and its flows. The host announces a
   * session before its engine has opened the source, so early calls can fail: retried a
   * few times, a little later each time.
   */
  function prime(gen: number, attempt = 0): void {
    // The user's colouring rules first: the engine colours with the defaults until told.
    const colors = usePreferencesStore()
      .sendColorRules()
      .then((ok) => {
        if (!ok) throw new Error('no engine yet');
      });
    const count = api.engine('rows', { start: 0, count: 0 }).then((r) => {
      if (gen !== sessionEpoch) return;
      if (total.value < r.displayed) total.value = r.displayed;
      usePacketsStore().setCount(Math.max(usePacketsStore().count, r.displayed));
    });
    Promise.all([colors, count, useFlowsStore().load()]).catch(() => {
      if (gen === sessionEpoch && attempt < 4) setTimeout(() => gen === sessionEpoch && prime(gen, attempt + 1), 100 * 3 ** attempt);
    });
  }

  async function run(what: () => Promise<SessionInfo | undefined>): Promise<void> {
    busy.value = true;
    try {
      const r = await what();
      if (r) onSession(r);
    } catch (e) {
      notify('error', errorText(e));
    } finally {
      busy.value = false;
    }
  }

  async function init(): Promise<void> {
    api.onEngine('update', onUpdate);
    api.onSession('session', onSession);
    api.onSession('message', (m) => notify(m.level, m.text));
    void refreshUploadLimits();
    try {
      onSession(await api.session('info', {}));
      const [s, r] = await Promise.all([api.session('samples', {}), api.session('recentFiles', {})]);
      samples.value = s.samples;
      recent.value = r.files;
    } catch (e) {
      notify('error', errorText(e));
    }
  }

  async function refreshRecent(): Promise<void> {
    try {
      recent.value = (await api.session('recentFiles', {})).files;
    } catch (e) {
      notify('error', errorText(e));
    }
  }

  async function removeRecent(path: string): Promise<void> {
    try {
      recent.value = (await api.session('removeRecent', { path })).files;
    } catch (e) {
      notify('error', errorText(e));
    }
  }

  /** A same-origin download of what the serve host wrote, under the name the host gave it. */
  function download(url: string): void {
    const a = document.createElement('a');
    a.href = url;
    a.download = decodeURIComponent(new URL(url, location.href).pathname.split('/').pop() ?? '');
    a.click();
  }

  const openSample = (id: string): Promise<void> => run(() => api.session('openSample', { id }));
  const openPath = (path: string): Promise<void> => run(() => api.session('openPath', { path }));
  /**
   * Ctrl+O / "Open a capture file…": Electron shows the host's native dialog; in a browser
   * (served by `ackline serve`) the page's own file picker reads the file and sends its bytes.
   */
  function openDialog(): Promise<void> {
    if (api.pathForFile) return run(() => api.session('openDialog', {}));
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.pcap,.pcapng,.cap,.dmp,.pcap.gz,.pcapng.gz,.cap.gz,application/vnd.tcpdump.pcap';
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (file) void openFile(file).then(resolve);
        else resolve();
      });
      input.addEventListener('cancel', () => resolve());
      input.click();
    });
  }

  async function openFile(file: File): Promise<void> {
    if (capturing.value) return notify('warning', 'Stop the live capture before opening a file.');
    // Inside Electron a dropped file has a path and the host streams it; a page served by
    // `ackline serve` uploads it (streamed to the host's disk); else its bytes go in a message.
    const path = api.pathForFile?.(file);
    if (path) return run(() => api.session('openPath', { path }));
    if (api.uploader) return upload(api.uploader, file);
    await run(async () => api.session('openBytes', { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
  }

  /** Asks the host its upload limit again (the space it can spare changes). */
  async function refreshUploadLimits(): Promise<UploadLimits | undefined> {
    if (!api.uploader) return undefined;
    try {
      uploadLimits.value = await api.uploader.limits();
    } catch {
      // Unknown for now: the host refuses an upload over its limit with the reason anyway.
    }
    return uploadLimits.value;
  }

  /** Uploads `file`, then opens it; over the limit, refused before a byte is sent. The open capture stays until the new one opens. */
  async function upload(up: Uploader, file: File): Promise<void> {
    if (uploading.value) return notify('warning', `${uploading.value.name} is still uploading: wait for it or stop it first.`);
    const limits = await refreshUploadLimits();
    const refusal = limits && uploadRefusal(file.name, file.size, limits);
    if (refusal) return notify('error', refusal);
    const abort = new AbortController();
    uploadAbort = abort;
    uploading.value = { name: file.name, sent: 0, total: file.size };
    try {
      const { id } = await up.send(file, (sent) => (uploading.value = { name: file.name, sent, total: file.size }), abort.signal);
      uploading.value = undefined;
      await run(() => api.session('openUpload', { id }));
    } catch (e) {
      notify(e instanceof UploadCancelled ? 'info' : 'error', errorText(e));
    } finally {
      uploading.value = undefined;
      if (uploadAbort === abort) uploadAbort = undefined;
    }
  }

  async function close(force = false): Promise<boolean> {
    try {
      const r = await api.session('close', { force });
      if (r.closed) onSession({ title: '', source: 'none', unsaved: false });
      return r.closed || !r.needsConfirm;
    } catch (e) {
      notify('error', errorText(e));
      return false;
    }
  }

  async function save(as: boolean): Promise<void> {
    try {
      const r = await api.session('save', { as });
      if (r.url) download(r.url);
      if (r.saved) notify('info', `Saved${r.path ? ` to ${r.path}` : ''}.`);
      if (r.saved) void refreshRecent();
    } catch (e) {
      notify('error', errorText(e));
    }
  }

  async function exportPackets(selection: ExportSelection, format: 'pcap' | 'pcapng'): Promise<void> {
    try {
      const r = await api.session('exportPackets', { selection, format });
      // The serve host offers the file as a same-origin download; Electron saved it already.
      if (r.url) download(r.url);
      if (r.saved) notify('info', `Exported ${r.packets.toLocaleString()} packets${r.path ? ` to ${r.path}` : ''}.`);
    } catch (e) {
      notify('error', errorText(e));
    }
  }

  /** File › Export Packet Dissections: text, CSV or JSON, downloaded in serve, a save dialog in Electron. */
  async function exportDissections(request: DissectionRequest): Promise<void> {
    try {
      const r = await api.session('exportDissections', request);
      if (r.url) download(r.url);
      if (r.saved) notify('info', `Exported the dissections of ${r.packets.toLocaleString()} packets${r.path ? ` to ${r.path}` : ''}.`);
    } catch (e) {
      notify('error', errorText(e));
    }
  }

  /** The capture was stopped: what it captured stays open. */
  function captureStopped(): void {
    live.value = false;
  }

  /** Stops the engine's pass the status bar shows (not the load). */
  async function stopTask(): Promise<void> {
    await api.engine('stopTask', {}).catch(() => undefined);
  }

  async function stopLoading(): Promise<void> {
    await api.engine('cancel', {}).catch(() => undefined);
  }

  function stopUpload(): void {
    uploadAbort?.abort();
  }

  return {
    info, epoch, packets, progress, task, stopTask, expert, stats, toasts, samples, recent, refreshRecent, removeRecent, busy, loading, dropped, open, capturing,
    uploadLimits, uploadLimitText, uploading, refreshUploadLimits, stopUpload,
    init, notify, dismiss, onUpdate, onSession, captureStopped, openSample, openPath, openDialog, openFile, close, save, exportPackets, exportDissections, stopLoading,
  };
});
