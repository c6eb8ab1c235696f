// @vitest-environment happy-dom
// The status bar names the field selected in the detail tree as Wireshark does, with the
// display name from the dissectors' declarations: `Source Port (tcp.srcport), 2 bytes`.
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { describe, expect, it } from 'vitest';
import StatusBar from '../../../renderer/src/components/StatusBar.vue';
import DetailTree from '../../../renderer/src/panes/DetailTree.vue';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { useSelectionStore } from '../../../renderer/src/stores/selection.js';
import { setup, settle } from '../support/setup.js';

describe('status bar', () => {
  it('shows the selected field’s name, abbreviation and size', async () => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
    const ctx = setup({ packets: 150 });
    usePacketsStore().reset(150, false);
    await useSelectionStore().select(3);
    const Both = defineComponent(() => () => h('div', [h(DetailTree), h(StatusBar)]));
    const w = mount(Both, { global: { plugins: [ctx.pinia] }, attachTo: document.body });
    await settle();
    expect(w.find('[data-testid="field-info"]').exists()).toBe(false);
    await w.find('[data-field="tcp"]').trigger('mousedown');
    await settle();
    expect(w.find('[data-testid="field-info"]').text()).toMatch(/^Transmission Control Protocol \(tcp\), \d+ bytes$/);
    const tree = w.find('[data-testid="detail-tree"]');
    await tree.trigger('keydown', { key: 'ArrowRight' });
    await tree.trigger('keydown', { key: 'ArrowRight' });
    await settle();
    expect(w.find('[data-testid="field-info"]').text()).toBe('Source Port (tcp.srcport), 2 bytes');
    w.unmount();
  });
});
