// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { describe, expect, it } from 'vitest';
import DetailTree from '../../../renderer/src/panes/DetailTree.vue';
import HexPane from '../../../renderer/src/panes/HexPane.vue';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { useSelectionStore } from '../../../renderer/src/stores/selection.js';
import { setup, settle } from '../support/setup.js';

// TanStack virtualizes against the element size, which happy-dom reports as 0: give the
// panes a size so rows render.
function sized() {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
}

async function both() {
  sized();
  const ctx = setup({ packets: 150 });
  usePacketsStore().reset(150, false);
  await useSelectionStore().select(3);
  const Both = defineComponent(() => () => h('div', [h(DetailTree), h(HexPane)]));
  const w = mount(Both, { global: { plugins: [ctx.pinia] }, attachTo: document.body });
  await settle();
  return { w, sel: useSelectionStore() };
}

describe('detail tree ↔ hex pane', () => {
  it("Wireshark's keys: → expands, → again enters, ← goes to the parent, Ctrl+→ expands all", async () => {
    const { w, sel } = await both();
    const tree = w.find('[data-testid="detail-tree"]');
    const labels = () => w.findAll('[role="treeitem"]').map((n) => n.attributes('data-field'));
    expect(labels()).toEqual(['frame', 'eth', 'ip', 'tcp']);
    await w.find('[data-field="tcp"]').trigger('mousedown');
    await tree.trigger('keydown', { key: 'ArrowRight' });
    await settle();
    expect(labels()).toContain('tcp.srcport');
    await tree.trigger('keydown', { key: 'ArrowRight' });
    expect(sel.fieldNode?.field).toBe('tcp.srcport');
    await tree.trigger('keydown', { key: 'ArrowLeft' });
    expect(sel.fieldNode?.field).toBe('tcp');
    await tree.trigger('keydown', { key: 'ArrowLeft' });
    await settle();
    expect(labels()).not.toContain('tcp.srcport');
    await tree.trigger('keydown', { key: 'ArrowRight', ctrlKey: true });
    await settle();
    expect(labels()).toContain('tcp.flags.syn');
    await tree.trigger('keydown', { key: 'ArrowLeft', ctrlKey: true });
    await settle();
    expect(labels()).toEqual(['frame', 'eth', 'ip', 'tcp']);
    w.unmount();
  });

  it("selecting a field highlights exactly its bytes", async () => {
    const { w } = await both();
    await w.find('[data-field="ip"]').trigger('mousedown');
    await settle();
    const hi = w.findAll('.hex-pane .b.hi').map((b) => Number(b.attributes('data-offset')));
    expect(hi).toEqual(Array.from({ length: 20 }, (_, i) => 14 + i));
    w.unmount();
  });

  it('clicking a byte selects the deepest field covering it, opening its parents', async () => {
    const { w, sel } = await both();
    await w.find('.hex-pane .b[data-offset="47"]').trigger('mousedown');
    await settle();
    expect(sel.fieldNode?.field).toBe('tcp.flags.syn');
    expect(w.find('[data-field="tcp.flags.syn"]').attributes('aria-selected')).toBe('true');
    expect(w.findAll('.hex-pane .b.hi').map((b) => b.attributes('data-offset'))).toEqual(['47']);
    w.unmount();
  });

  it('expert items are marked by severity', async () => {
    const { w } = await both();
    await useSelectionStore().select(13);
    await settle();
    await w.find('[data-testid="detail-tree"]').trigger('keydown', { key: 'ArrowRight', ctrlKey: true });
    await settle();
    expect(w.find('[data-field="tcp.analysis.duplicate_ack"]').classes()).toContain('expert-note');
    w.unmount();
  });
});
