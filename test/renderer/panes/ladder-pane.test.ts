// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import LadderPane from '../../../renderer/src/panes/LadderPane.vue';
import LadderSvg from '../../../renderer/src/panes/LadderSvg.vue';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { useLadderStore } from '../../../renderer/src/stores/ladder.js';
import { useSelectionStore } from '../../../renderer/src/stores/selection.js';
import { setup, settle } from '../support/setup.js';
import { flowOf, ladderOf } from '../support/synthetic-capture.js';

describe('LadderSvg', () => {
  const ladder = ladderOf(2, 100);
  const mountIt = (selected?: number) => mount(LadderSvg, { props: { ladder, mode: 'compact', width: 900, height: 700, ...(selected !== undefined ? { selected } : {}) } });

  it('draws the rails with both endpoints, one arrow per packet, the states and the iRTT', () => {
    const w = mountIt();
    expect(w.text()).toContain('192.0.2.10:49152');
    expect(w.text()).toContain('192.0.2.20:80');
    expect(w.findAll('g.arrow')).toHaveLength(13);
    expect(w.findAll('g.arrow.syn')).toHaveLength(2);
    expect(w.findAll('g.arrow.rst')).toHaveLength(1);
    const states = w.findAll('[data-state]').map((g) => `${g.attributes('data-side')}:${g.attributes('data-state')}`);
    expect(states).toContain('0:TIME_WAIT');
    expect(states).toContain('1:LAST_ACK');
    expect(w.find('[data-testid="ladder-irtt"]').text()).toBe('iRTT 32 µs');
    // Labels are drawn above every arrow, in a layer of their own.
    expect(w.find('text.label[data-number="4"]').text()).toContain('[S.]');
    expect(w.find('text.label[data-number="4"]').text()).toContain('ack 1, win 65160');
  });

  it('clicking an arrow selects its packet; the selected packet highlights its arrow', async () => {
    const w = mountIt(5);
    expect(w.find('g.arrow[data-number="6"]').classes()).toContain('selected');
    await w.find('g.arrow[data-number="4"]').trigger('click');
    expect(w.emitted('select')).toEqual([[3]]);
    await w.find('g.arrow[data-number="4"]').trigger('mouseenter');
    expect(w.emitted('hover')).toEqual([[1]]);
  });

  it('ghost arrows are dashed and cannot be selected', async () => {
    const ghost = { ...ladder.events[5]!, ghost: true, label: 'P.', explain: 'A segment the capture missed.' };
    const w = mount(LadderSvg, { props: { ladder: { ...ladder, events: [...ladder.events.slice(0, 5), ghost, ...ladder.events.slice(5)] }, mode: 'compact', width: 900, height: 900 } });
    const g = w.findAll('g.arrow.ghost');
    expect(g).toHaveLength(1);
    expect(w.find(`text.label.ghost[data-number="${g[0]!.attributes('data-number')}"]`).text()).toContain('not captured');
    await g[0]!.trigger('click');
    expect(w.emitted('select')).toBeUndefined();
  });

  it('a bulk flow of 20,000 events puts only the arrows on screen into the document', () => {
    const events = Array.from({ length: 20_000 }, (_, k) => ({ ...ladder.events[6 + (k % 4)]!, number: k + 1, index: k, rel: k / 1000, clientState: 'ESTABLISHED', serverState: 'ESTABLISHED' }));
    const w = mount(LadderSvg, { props: { ladder: { ...ladder, events }, mode: 'compact', width: 900, height: 700 } });
    const drawn = w.findAll('g.arrow').length;
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(40);
    expect(w.find('g.arrow[data-number="20000"]').exists()).toBe(false);
  });

  it('a new window of the same flow keeps the view where the selected packet is (no jump back to the top)', async () => {
    const base = ladderOf(2, 100);
    const events = Array.from({ length: 50_000 }, (_, k) => ({ ...base.events[6 + (k % 4)]!, number: k + 1, index: k, rel: k / 1000, clientState: 'ESTABLISHED', serverState: 'ESTABLISHED' }));
    const win = (from: number) => ({ ...base, events: events.slice(from, from + 2000), from, total: events.length });
    type Props = InstanceType<typeof LadderSvg>['$props'];
    const w = mount(LadderSvg, { props: { ladder: win(0), mode: 'compact', width: 900, height: 700, selected: 3 } as Props });
    expect(w.find('g.arrow.selected[data-number="4"]').exists()).toBe(true);
    // Packet 40,000 is selected; the store brings the window around it.
    await w.setProps({ selected: 40_000 } as Partial<Props>);
    const before = w.emitted('need')?.length ?? 0;
    await w.setProps({ ladder: win(39_000) } as Partial<Props>);
    await nextTick();
    expect(w.find('g.arrow.selected[data-number="40001"]').exists()).toBe(true);
    // The view never asked for the old place once the window around the selection came
    // (that window would replace this one and leave the rails empty).
    expect((w.emitted('need') ?? []).slice(before).every(([first]) => (first as number) > 39_000)).toBe(true);
    // The store's next window (the view asked for what it shows) must not move the view.
    await w.setProps({ ladder: win(39_500) } as Partial<Props>);
    await nextTick();
    expect(w.find('g.arrow.selected[data-number="40001"]').exists()).toBe(true);
    expect(w.emitted('need')!.at(-1)![0]).toBeGreaterThan(39_000);
  });
});

describe('LadderPane', () => {
  it("asks for the selected packet's flow ladder once its detail is in (the tree never waits behind a bulk flow's ladder)", async () => {
    const { host, pinia } = setup({ packets: 150, latency: 40 });
    usePacketsStore().reset(150, false);
    usePacketsStore().want(0, 40);
    // The list's first page is in (slow on a loaded machine: wait for it, not for a fixed time).
    await vi.waitFor(() => expect(usePacketsStore().rowAt(3)).toBeDefined(), { timeout: 5000 });
    mount(LadderPane, { global: { plugins: [pinia] } });
    const selecting = useSelectionStore().select(3);
    await settle();
    const asked = () => host.calls.map((c) => c.method).filter((m) => m === 'packet' || m === 'ladder');
    expect(asked()).toEqual(['packet']);
    await selecting;
    await settle();
    expect(asked()).toEqual(['packet', 'ladder']);
    expect(useLadderStore().ladder?.flow.id).toBe(usePacketsStore().rowAt(3)?.flow);
  });

  it("Ctrl+G to a packet whose rows are not loaded yet: the ladder moves to that packet's flow", async () => {
    const { pinia } = setup({ packets: 3000 });
    const packets = usePacketsStore();
    packets.reset(3000, false);
    packets.want(0, 40);
    await new Promise((r) => setTimeout(r, 50));
    mount(LadderPane, { global: { plugins: [pinia] } });
    const sel = useSelectionStore();
    await sel.select(3);
    await settle();
    await new Promise((r) => setTimeout(r, 50));
    expect(useLadderStore().ladder?.flow.id).toBe(flowOf(3));
    // Go to packet 2900: its page is not in the list's cache (the list has not scrolled yet).
    await sel.select(2899);
    await settle();
    await new Promise((r) => setTimeout(r, 700));
    await settle();
    expect(useLadderStore().ladder?.flow.id).toBe(flowOf(2899));
  });
});
