// The selected packet (display and capture index), its detail, the selected field, and
// Wireshark's selection history (Alt+← / Alt+→).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { PacketDetailDto } from '../../../electron/shared/dto.js';
import { useApi } from '../api/use-api.js';
import { nodeAt } from '../util/field-tree.js';
import { usePacketsStore } from './packets.js';

const HISTORY = 100;

export const useSelectionStore = defineStore('selection', () => {
  const api = useApi();
  const packets = usePacketsStore();
  const displayIndex = ref(-1);
  const packetIndex = ref(-1);
  /** Flow of the selected packet (0 = none): the ladder follows it, whether or not the list holds the row. */
  const flow = ref(0);
  const detail = shallowRef<PacketDetailDto | undefined>(undefined);
  const detailError = ref('');
  /** Path id of the selected field in the detail tree. */
  const field = ref<string | undefined>(undefined);
  const back = ref<number[]>([]);
  const forward = ref<number[]>([]);
  let request = 0;

  const fieldNode = computed(() => (detail.value && field.value ? nodeAt(detail.value.tree, field.value) : undefined));
  /** Bytes of the selected field, for the hex pane. */
  const highlight = computed(() => {
    const n = fieldNode.value;
    return n && n.length > 0 ? { offset: n.offset, length: n.length } : undefined;
  });

  async function loadDetail(index: number): Promise<void> {
    const my = ++request;
    try {
      const d = await api.engine('packet', { index });
      if (my !== request) return;
      detail.value = d;
      detailError.value = '';
      // Keep the same field selected when it exists in the new packet (Wireshark does).
      if (field.value && !nodeAt(d.tree, field.value)) field.value = undefined;
    } catch (e) {
      if (my !== request) return;
      detail.value = undefined;
      detailError.value = e instanceof Error ? e.message : String(e);
    }
  }

  /** Selects a displayed row; `record` false when moving through history. */
  async function select(d: number, record = true): Promise<boolean> {
    if (d < 0 || d >= packets.count) return false;
    const row = await packets.fetchRow(d);
    if (!row) return false;
    if (record && packetIndex.value >= 0 && packetIndex.value !== row.index) {
      back.value = [...back.value.slice(-HISTORY + 1), packetIndex.value];
      forward.value = [];
    }
    displayIndex.value = d;
    packetIndex.value = row.index;
    flow.value = row.flow;
    await loadDetail(row.index);
    return true;
  }

  /** Selects by capture index (ladder arrow, history); false when filtered out. */
  async function selectPacket(index: number, record = true): Promise<boolean> {
    const { displayIndex: d } = await api.engine('displayIndexOf', { index });
    if (d < 0) return false;
    return select(d, record);
  }

  async function goBack(): Promise<void> {
    const prev = back.value.at(-1);
    if (prev === undefined) return;
    back.value = back.value.slice(0, -1);
    forward.value = [...forward.value, packetIndex.value];
    await selectPacket(prev, false);
  }

  async function goForward(): Promise<void> {
    const next = forward.value.at(-1);
    if (next === undefined) return;
    forward.value = forward.value.slice(0, -1);
    back.value = [...back.value, packetIndex.value];
    await selectPacket(next, false);
  }

  /** After a filter change the same packet may sit elsewhere, or be gone. */
  async function relocate(): Promise<void> {
    if (packetIndex.value < 0) return;
    const { displayIndex: d } = await api.engine('displayIndexOf', { index: packetIndex.value });
    displayIndex.value = d;
  }

  /** Fetches the selected packet's detail again (after an edit such as its comments). */
  async function reloadDetail(): Promise<void> {
    if (packetIndex.value >= 0) await loadDetail(packetIndex.value);
  }

  function clear(): void {
    request++;
    displayIndex.value = -1;
    packetIndex.value = -1;
    flow.value = 0;
    detail.value = undefined;
    detailError.value = '';
    field.value = undefined;
    back.value = [];
    forward.value = [];
  }

  return { displayIndex, packetIndex, flow, detail, detailError, field, fieldNode, highlight, back, forward, select, selectPacket, goBack, goForward, relocate, reloadDetail, clear };
});
