// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PacketList from '../../../renderer/src/panes/PacketList.vue';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { usePreferencesStore } from '../../../renderer/src/stores/preferences.js';
import { useSelectionStore } from '../../../renderer/src/stores/selection.js';
import { useSessionStore } from '../../../renderer/src/stores/session.js';
import { setup, settle } from '../support/setup.js';

async function mounted(packets: number) {
  const ctx = setup({ packets });
  await useSessionStore().init();
  await settle();
  const w = mount(PacketList, { global: { plugins: [ctx.pinia] }, attachTo: document.body });
  await settle();
  return { ...ctx, w };
}

describe('PacketList', () => {
  it('renders the columns and the rows in view from the window cache, as text', async () => {
    const { w } = await mounted(150);
    const heads = w.findAll('[role="columnheader"] .title').map((h) => h.text());
    expect(heads).toEqual(['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Info']);
    const row = w.find('[data-index="2"]');
    const cells = row.findAll('.cell').map((c) => c.text());
    expect(cells).toEqual(['3', '0.000030', '192.0.2.10', '192.0.2.20', 'TCP', '66', 'IP 192.0.2.10.49152 > 192.0.2.20.80: Flags [S], seq 0, win 64240, options [nop,nop,TS val 1 ecr 2], length 0']);
    expect(w.findAll('[role="row"][data-index]').length).toBeLessThan(20);
    w.unmount();
  });

  it('a header click sorts ascending, again descending, a third time back to packet order, with an indicator', async () => {
    const { w, host } = await mounted(150);
    const len = w.find('[data-sort="length"]');
    const sorts = () => host.calls.filter((c) => c.method === 'sort').map((c) => c.params);
    await len.trigger('click');
    await settle();
    expect(len.attributes('aria-sort')).toBe('ascending');
    expect(w.find('[data-sort-mark="length"]').text()).toBe('▲');
    await len.trigger('click');
    await settle();
    expect(len.attributes('aria-sort')).toBe('descending');
    expect(w.find('[data-sort-mark="length"]').text()).toBe('▼');
    await w.find('[data-sort="info"]').trigger('click');
    await settle();
    expect(len.attributes('aria-sort')).toBe('none');
    await w.find('[data-sort="info"]').trigger('click');
    await w.find('[data-sort="info"]').trigger('click');
    await settle();
    expect(sorts()).toEqual([
      { column: 'length', descending: false },
      { column: 'length', descending: true },
      { column: 'info', descending: false },
      { column: 'info', descending: true },
      { column: null, descending: false },
    ]);
    expect(w.find('[data-sort="info"]').attributes('aria-sort')).toBe('none');
    w.unmount();
  });

  it('the Info header switches between tcpdump’s line and Wireshark’s text, kept in the preferences, rows fetched again', async () => {
    const { w, host } = await mounted(150);
    const toggle = w.find('[data-testid="info-mode"]');
    expect(toggle.text()).toBe('tcpdump');
    const rowsBefore = host.calls.filter((c) => c.method === 'rows').length;
    await toggle.trigger('click');
    await settle();
    expect(toggle.text()).toBe('Wireshark');
    expect(host.prefs.infoColumn).toBe('wireshark');
    expect(host.calls.filter((c) => c.method === 'setInfoColumn').at(-1)?.params).toEqual({ info: 'wireshark' });
    expect(host.calls.filter((c) => c.method === 'rows').length).toBeGreaterThan(rowsBefore);
    await toggle.trigger('click');
    await settle();
    expect(host.prefs.infoColumn).toBe('tcpdump');
    w.unmount();
  });

  it('paints rows with the colouring rule the engine named; marked rows in black', async () => {
    const { w } = await mounted(150);
    const rst = w.find('[data-index="0"]');
    expect((rst.element as HTMLElement).style.background).toBe('#faf0d7'); // ARP, as shared/color-rules.ts has it
    usePacketsStore().patchRow(1, { marked: true });
    await settle();
    expect(w.find('[data-index="1"]').classes()).toContain('marked');
    usePreferencesStore().colorize = false;
    await settle();
    expect((w.find('[data-index="0"]').element as HTMLElement).style.background).toBe('');
    w.unmount();
  });

  it('two colouring rules of the same name keep their own colours (a row names its rule by position)', async () => {
    const { w } = await mounted(150);
    const prefs = usePreferencesStore();
    prefs.prefs.colorRules = [
      { name: 'Mine', filter: 'arp', fg: '#000000', bg: '#111111', enabled: true },
      { name: 'Mine', filter: 'tcp', fg: '#000000', bg: '#222222', enabled: true },
      { name: 'Mine', filter: 'udp', fg: '#000000', bg: '#333333', enabled: false },
    ];
    usePacketsStore().patchRow(0, { colorRule: 1 });
    usePacketsStore().patchRow(1, { colorRule: 0 });
    usePacketsStore().patchRow(2, { colorRule: 2 });
    await settle();
    const bg = (d: number): string => (w.find(`[data-index="${d}"]`).element as HTMLElement).style.background;
    expect(bg(0)).toBe('#222222');
    expect(bg(1)).toBe('#111111');
    // A disabled rule paints nothing (the engine would not name it).
    expect(bg(2)).toBe('');
    w.unmount();
  });

  it('keeps packet text as text (no markup from packets)', async () => {
    const { w } = await mounted(150);
    usePacketsStore().patchRow(0, { info: '<img src=x onerror=alert(1)>' });
    await settle();
    const info = w.find('[data-index="0"] .info');
    expect(info.text()).toBe('<img src=x onerror=alert(1)>');
    expect(info.find('img').exists()).toBe(false);
    w.unmount();
  });

  it('↓ / End / Home move the selection; a click selects', async () => {
    const { w } = await mounted(150);
    const list = w.find('[data-testid="packet-list"]');
    await w.find('[data-index="3"]').trigger('mousedown');
    await settle();
    const sel = useSelectionStore();
    expect(sel.displayIndex).toBe(3);
    await list.trigger('keydown', { key: 'ArrowDown' });
    await settle();
    expect(sel.displayIndex).toBe(4);
    await list.trigger('keydown', { key: 'End' });
    await settle();
    expect(sel.displayIndex).toBe(149);
    expect(sel.detail?.number).toBe(150);
    await list.trigger('keydown', { key: 'Home' });
    await settle();
    expect(sel.displayIndex).toBe(0);
    w.unmount();
  });

  it('10M rows: the scroller stays within what a browser element can hold, and End shows the last row', async () => {
    const { w } = await mounted(10_000_000);
    const vm = w.vm as unknown as { geo: { spacer: number; ratio: number }; setVirtual(v: number): void };
    expect(vm.geo.spacer).toBeLessThan(33_000_000);
    expect(vm.geo.ratio).toBeGreaterThan(1);
    await w.find('[data-testid="packet-list"]').trigger('keydown', { key: 'End' });
    await settle(10);
    expect(w.find('[data-index="9999999"]').exists()).toBe(true);
    expect(w.find('[data-index="9999999"] .no').text()).toBe('10000000');
    expect(usePacketsStore().cachedPages()).toBeLessThan(5);
    w.unmount();
  });
});
