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
