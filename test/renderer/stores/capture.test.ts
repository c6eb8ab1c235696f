// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { useCaptureStore } from '../../../renderer/src/stores/capture.js';
import { useSessionStore } from '../../../renderer/src/stores/session.js';
import { setup, settle } from '../support/setup.js';

describe('capture', () => {
  it('Stop ends "capturing" although the host keeps showing the capture (source stays "capture", unsaved)', async () => {
    const { host } = setup();
    const s = useSessionStore();
    const c = useCaptureStore();
    await s.init();
    await c.refresh();
    await c.choose('lo');
    expect(await c.start()).toBe(true);
    await settle();
    expect(s.capturing).toBe(true);
    await c.toggle();
    await settle();
    expect(host.calls.some((x) => x.method === 'stopCapture')).toBe(true);
    expect(s.info).toMatchObject({ source: 'capture', title: 'lo', unsaved: true });
    expect(s.capturing).toBe(false);
    expect(s.stats?.received).toBe(0);
    // A second toggle starts a new capture rather than stopping a stopped one.
    await c.toggle();
    await settle();
    expect(host.calls.filter((x) => x.method === 'startCapture')).toHaveLength(2);
    expect(s.capturing).toBe(true);
  });
});
