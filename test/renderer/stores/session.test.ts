// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { useFlowsStore } from '../../../renderer/src/stores/flows.js';
import { useLadderStore } from '../../../renderer/src/stores/ladder.js';
import { usePacketsStore } from '../../../renderer/src/stores/packets.js';
import { useSelectionStore } from '../../../renderer/src/stores/selection.js';
import { useSessionStore } from '../../../renderer/src/stores/session.js';
import { setup, settle } from '../support/setup.js';

/** A 15-packet session whose flow 2's ladder is shown (what the live updates then change). */
async function withLadderShown() {
  const { host } = setup({ packets: 15 });
  const s = useSessionStore();
  await s.init();
  await settle();
  const ladder = useLadderStore();
  await ladder.show(2);
  return { host, s, ladder };
}

describe('session', () => {
  it('learns what is open and the count, lists samples, and opens one', async () => {
    const { host } = setup({ packets: 150 });
    const s = useSessionStore();
    await s.init();
    await settle();
    expect(s.info.title).toBe('synthetic.pcapng');
    expect(usePacketsStore().count).toBe(150);
    expect(s.samples.map((x) => x.id)).toContain('tcp-syn-retries');
    expect(useFlowsStore().size()).toBe(20);
    await useSelectionStore().select(5);
    await s.openSample('arp');
    await settle();
    expect(host.calls.some((c) => c.method === 'openSample')).toBe(true);
    expect(s.info.title).toBe('arp.pcapng');
    expect(useSelectionStore().packetIndex).toBe(-1);
    expect(usePacketsStore().count).toBe(15);
  });

  it('routes the batched updates: counts, flows, ladder events, drops and progress', async () => {
    const { host, s, ladder } = await withLadderShown();
    expect(ladder.ladder?.events.length).toBe(13);
    host.grow(15);
    await settle();
    expect(s.packets).toBe(30);
    expect(usePacketsStore().count).toBe(30);
    expect(useFlowsStore().get(4)).toBeDefined();
    s.onUpdate({ ...host.update(), progress: { bytes: 50, total: 100, done: false }, stats: { received: 30, droppedByKernel: 2, droppedByInterface: 1 } });
    expect(s.loading).toBe(true);
    expect(s.dropped).toBe(3);
  });

  it("the shown ladder's flow (outcome badge, counts, state) follows the live updates", async () => {
    const { host, s, ladder } = await withLadderShown();
    const before = ladder.ladder!.flow;
    s.onUpdate(host.update({ changedFlows: [{ ...before, outcome: 'reset', state: 'CLOSED', packets: [9, 9] }] }));
    expect(ladder.ladder?.flow).toMatchObject({ id: 2, outcome: 'reset', state: 'CLOSED', packets: [9, 9] });
    expect(ladder.ladder?.events.length).toBe(13);
    s.onUpdate(host.update({ changedFlows: [{ ...before, id: 99, outcome: 'complete' }] }));
    expect(ladder.ladder?.flow.outcome).toBe('reset');
  });

  it('never shows more displayed than captured packets when a rows reply is newer than the last update', async () => {
    const { host } = setup({ packets: 15 });
    const s = useSessionStore();
    await s.init();
    await settle();
    expect(s.packets).toBe(15);
    // A file still loading: the engine has read more than its last update said.
    host.packets = 300;
    const list = usePacketsStore();
    list.want(0, 40);
    list.setCount(20);
    await settle();
    expect(list.count).toBe(300);
    expect(s.packets).toBe(300);
  });

  it('asks a new engine again for its count and flows when it was announced before it had opened the file', async () => {
    setup({ packets: 150, notOpenFor: 2 });
    const s = useSessionStore();
    await s.init();
    await new Promise((r) => setTimeout(r, 600));
    expect(usePacketsStore().count).toBe(150);
    expect(s.packets).toBe(150);
    expect(useFlowsStore().size()).toBe(20);
  });

  it('takes one snapshot of every flow when the file is in (an update names at most 1000 changed flows)', async () => {
    const { host, client } = setup({ packets: 15 });
    const s = useSessionStore();
    await s.init();
    await settle();
    const flows = useFlowsStore();
    expect(flows.size()).toBe(2);
    // The engine read on; its updates named none of the new flows.
    host.packets = 150;
    s.onUpdate(host.update({ progress: { bytes: 10, total: 100, done: false } }));
    await settle();
    expect(flows.size()).toBe(2);
    s.onUpdate(host.update({ progress: { bytes: 100, total: 100, done: true } }));
    await settle();
    expect(flows.size()).toBe((await client.engine('flows', {})).flows.length);
    expect(flows.size()).toBe(20);
  });

  it('reports a failed open as a message and keeps what was open', async () => {
    setup({ packets: 15 });
    const s = useSessionStore();
    await s.init();
    await settle();
    await s.openPath('');
    expect(s.toasts.at(-1)?.level).toBe('error');
    expect(s.info.title).toBe('synthetic.pcapng');
  });
});
