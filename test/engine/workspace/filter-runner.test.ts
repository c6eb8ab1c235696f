// The display filter's pass dissects only what the index and the bytes cannot decide:
// `frame contains` / `frame[…]` are answered from the packet's bytes, and a relation on an
// application protocol only on the packets whose ports can carry it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RowRenderer } from '../../../electron/engine/workspace/row-renderer.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const CURL = 'scenarios/tcp-http-curl.pcap';

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!haveCaptures)('the filter pass', () => {
  it('answers frame contains and frame[…] from the bytes, with no tree built', async () => {
    const { session } = openBytes(readCapture(CURL), 1 << 16, { clock: new ManualClock() });
    // The tree's answer first (tcp.payload needs it), for comparison.
    expect(await session.setFilter({ expression: 'tcp.payload contains "GET"' })).toEqual({ ok: true, displayed: 1 });
    const dissect = vi.spyOn(RowRenderer.prototype, 'dissect');
    expect(await session.setFilter({ expression: 'frame contains "GET"' })).toEqual({ ok: true, displayed: 1 });
    expect(await session.setFilter({ expression: 'frame[12:2] == 08:06 or frame contains "HTTP/1.1 200"' })).toEqual({ ok: true, displayed: 3 });
    expect(dissect.mock.calls.filter((c) => c[2] === true)).toEqual([]);
  });

  it('dissects for http contains only the packets on HTTP\'s port with a payload', async () => {
    const { session } = openBytes(readCapture(CURL), 1 << 16, { clock: new ManualClock() });
    const dissect = vi.spyOn(RowRenderer.prototype, 'dissect');
    const r = await session.setFilter({ expression: 'http contains "GET" or not http contains "zz"' });
    expect(r).toEqual({ ok: true, displayed: 12 });
    const trees = dissect.mock.calls.filter((c) => c[2] === true).length;
    expect(trees).toBeGreaterThan(0);
    expect(trees).toBeLessThan(6);
  });
});
