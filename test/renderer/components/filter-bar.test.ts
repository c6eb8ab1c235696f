// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CaptureFilterInput from '../../../renderer/src/components/CaptureFilterInput.vue';
import FilterBar from '../../../renderer/src/components/FilterBar.vue';
import PreflightMessage from '../../../renderer/src/components/PreflightMessage.vue';
import { useCaptureStore } from '../../../renderer/src/stores/capture.js';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { setup, settle } from '../support/setup.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('filter inputs', () => {
  it('the display filter turns green or red as you type and applies on Enter', async () => {
    const { pinia } = setup({ packets: 150 });
    usePacketsStore().reset(150, false);
    const w = mount(FilterBar, { global: { plugins: [pinia] } });
    const input = w.find('[data-testid="display-filter"]');
    await input.setValue('arp');
    await wait(200);
    await settle();
    expect(input.classes()).toContain('valid');
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(usePacketsStore().count).toBe(20);
    await input.setValue('tcp.flgs == 1');
    await wait(200);
    await settle();
    expect(input.classes()).toContain('invalid');
    expect(w.find('[data-testid="filter-error"]').text()).toContain('"tcp.flgs" is not a valid protocol or field');
  });

  it('the capture filter is checked by the host as you type', async () => {
    const { pinia } = setup();
    const w = mount(CaptureFilterInput, { global: { plugins: [pinia] } });
    const input = w.find('input');
    await input.setValue('tcp port 80');
    await wait(220);
    await settle();
    expect(input.classes()).toContain('valid');
    await input.setValue('tcp prot 80');
    await wait(220);
    await settle();
    expect(input.classes()).toContain('invalid');
    expect(w.text()).toContain('syntax error');
  });

  it('a capture without rights shows the problem and a fix to copy', async () => {
    const { pinia } = setup();
    const capture = useCaptureStore();
    await capture.refresh();
    const w = mount(PreflightMessage, { global: { plugins: [pinia] } });
    expect(await capture.start()).toBe(false);
    await settle();
    expect(w.find('[data-testid="preflight"]').text()).toContain('CAP_NET_RAW');
    expect(w.find('code').text()).toBe('sudo setcap cap_net_raw,cap_net_admin=eip /opt/Ackline/resources/ackline-capture');
    await capture.choose('lo');
    expect(await capture.start()).toBe(true);
  });
});

describe('field completion in the display filter bar', () => {
  it('offers the declared fields that complete the word at the caret, and Tab takes one', async () => {
    const { pinia } = setup({ packets: 150 });
    usePacketsStore().reset(150, false);
    const w = mount(FilterBar, { global: { plugins: [pinia] }, attachTo: document.body });
    await settle();
    const input = w.find('[data-testid="display-filter"]');
    await input.setValue('tcp.options.mptcp.sub');
    await settle();
    const offered = () => w.findAll('[data-testid="field-completions"] [role="option"]').map((o) => o.attributes('data-field'));
    expect(offered()).toEqual(['tcp.options.mptcp.subtype']);
    expect(w.find('[data-testid="field-completions"]').text()).toContain('Multipath TCP subtype');
    await input.trigger('keydown', { key: 'Tab' });
    await settle();
    expect((input.element as HTMLInputElement).value).toBe('tcp.options.mptcp.subtype');
    expect(w.find('[data-testid="field-completions"]').exists()).toBe(false);
    w.unmount();
  });

  it('completes the word being typed inside an expression, next level first; ↓ and Enter choose', async () => {
    const { pinia } = setup({ packets: 150 });
    usePacketsStore().reset(150, false);
    const w = mount(FilterBar, { global: { plugins: [pinia] }, attachTo: document.body });
    await settle();
    const input = w.find('[data-testid="display-filter"]');
    await input.setValue('ip.src == 10.0.0.1 && tcp.');
    await settle();
    const offered = w.findAll('[data-testid="field-completions"] [role="option"]').map((o) => o.attributes('data-field')!);
    expect(offered.length).toBe(12);
    expect(offered.every((f) => f.split('.').length === 2)).toBe(true);
    expect(offered).toEqual([...offered].sort());
    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    expect((input.element as HTMLInputElement).value).toBe(`ip.src == 10.0.0.1 && ${offered[1]}`);
    // No completion inside a string or at a number; Esc closes the list.
    await input.setValue('http contains "tcp.');
    await settle();
    expect(w.find('[data-testid="field-completions"]').exists()).toBe(false);
    await input.setValue('udp.');
    await settle();
    expect(w.find('[data-testid="field-completions"]').exists()).toBe(true);
    await input.trigger('keydown', { key: 'Escape' });
    await settle();
    expect(w.find('[data-testid="field-completions"]').exists()).toBe(false);
    w.unmount();
  });
});
