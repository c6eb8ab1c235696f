import { describe, expect, it } from 'vitest';
import { useFilterStore } from '../../../renderer/src/stores/filter.js';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { useSelectionStore } from '../../../renderer/src/stores/selection.js';
import { setup, settle } from '../support/setup.js';

describe('display filter', () => {
  it('is checked as you type: valid, invalid with the position', async () => {
    setup({ packets: 150 });
    const f = useFilterStore();
    f.edit('tcp');
    expect(f.status).toBe('checking');
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(f.status).toBe('valid');
    f.edit('tcp.flgs');
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(f.status).toBe('invalid');
    expect(f.error).toMatchObject({ position: 0 });
  });

  it('typing with nothing open to check against is neither an error nor a red bar', async () => {
    const { client } = setup();
    // As the serve host answers before a capture is open.
    client.engine = (() => Promise.reject(new Error('no capture is open'))) as typeof client.engine;
    const f = useFilterStore();
    f.edit('tcp');
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(f.status).toBe('empty');
    expect(f.error).toBeUndefined();
  });

  it('applying resets the list to the displayed count and keeps the selected packet', async () => {
    setup({ packets: 150 });
    const packets = usePacketsStore();
    packets.reset(150, false);
    const sel = useSelectionStore();
    await sel.select(17);
    const f = useFilterStore();
    expect(await f.apply('tcp')).toBe(true);
    expect(packets.count).toBe(130);
    expect(sel.packetIndex).toBe(17);
    // Packet 17 is the first TCP packet of the second cycle: 13 TCP packets come before it.
    expect(sel.displayIndex).toBe(13);
    expect(f.recent).toEqual(['tcp']);
    expect(await f.apply('nonsense here')).toBe(false);
    expect(packets.count).toBe(130);
    expect(await f.clear()).toBe(true);
    expect(packets.count).toBe(150);
  });
});
