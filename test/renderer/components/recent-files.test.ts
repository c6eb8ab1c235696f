// @vitest-environment happy-dom
// Ctrl+Shift+O (open-recent) lists the recent captures from the host, and a click opens one.
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RecentFilesDialog from '../../../renderer/src/components/RecentFilesDialog.vue';
import { useSessionStore } from '../../../renderer/src/stores/session.js';
import { useUiStore } from '../../../renderer/src/stores/ui.js';
import { setup, settle } from '../support/setup.js';

describe('open recent', () => {
  it('lists the host recent files and opens the chosen one', async () => {
    const { pinia } = setup();
    const ui = useUiStore();
    ui.dialog = 'recent';
    const w = mount(RecentFilesDialog, { global: { plugins: [pinia] } });
    await settle();
    const list = w.find('[data-testid="recent-files"]');
    expect(list.text()).toContain('office-dhcp.pcapng');
    await list.find('button').trigger('click');
    await settle();
    expect(ui.dialog).toBe('none');
    expect(useSessionStore().info.title).toBe('office-dhcp.pcapng');
  });
});
