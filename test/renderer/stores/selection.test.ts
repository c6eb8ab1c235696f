import { describe, expect, it } from 'vitest';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { useSelectionStore } from '../../../renderer/src/stores/selection.js';
import { setup, settle } from '../support/setup.js';

describe('selection and history', () => {
  it('selects a row, loads its detail, and goes back and forward (Alt+←/→)', async () => {
    setup({ packets: 100 });
    usePacketsStore().reset(100, false);
    const sel = useSelectionStore();
    await sel.select(3);
    expect(sel.detail?.number).toBe(4);
    await sel.select(10);
    await sel.select(20);
    expect(sel.back).toEqual([3, 10]);
    await sel.goBack();
    expect(sel.packetIndex).toBe(10);
    expect(sel.forward).toEqual([20]);
    await sel.goForward();
    expect(sel.packetIndex).toBe(20);
    expect(sel.back).toEqual([3, 10]);
  });

  it('the selected field gives the hex pane its byte range, and survives the next packet when it exists', async () => {
    setup({ packets: 100 });
    usePacketsStore().reset(100, false);
    const sel = useSelectionStore();
    await sel.select(3);
    sel.field = '2.3';
    expect(sel.highlight).toEqual({ offset: 26, length: 4 });
    await sel.select(4);
    expect(sel.field).toBe('2.3');
    // Packet 1 is ARP: there is no field 2.3 in its tree.
    await sel.select(0);
    expect(sel.field).toBeUndefined();
  });

  it('a late answer for an older selection does not replace the newer one', async () => {
    setup({ packets: 100, latency: 5 });
    usePacketsStore().reset(100, false);
    const sel = useSelectionStore();
    const a = sel.select(1);
    const b = sel.select(2);
    await Promise.all([a, b]);
    await settle();
    expect(sel.detail?.index).toBe(2);
  });
});
