// Sorting the packet list by a column header: numbers numerically, addresses by address,
// text as text, ties in packet order; descending; back to packet order; the sort holds
// across a new display filter, rows and "go to packet" follow the sorted positions.
import { describe, expect, it } from 'vitest';
import { addressKey, sortDisplayed } from '../../../electron/engine/workspace/row-order.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const identity = { at: (d: number) => d };

describe('row order', () => {
  it('sorts numbers numerically and text by code unit, ties in packet order, descending too', () => {
    expect([...sortDisplayed(identity, { kind: 'number', keys: Float64Array.from([10, 9, 100, 9]) }, false)]).toEqual([1, 3, 0, 2]);
    expect([...sortDisplayed(identity, { kind: 'number', keys: Float64Array.from([10, 9, 100, 9]) }, true)]).toEqual([2, 0, 1, 3]);
    expect([...sortDisplayed(identity, { kind: 'text', keys: ['b', 'a', 'B', 'a'] }, false)]).toEqual([2, 1, 3, 0]);
    // Positions map through the display list to packet indices.
    expect([...sortDisplayed({ at: (d) => d * 10 }, { kind: 'number', keys: Float64Array.from([3, 1, 2]) }, false)]).toEqual([10, 20, 0]);
  });

  it('sorts addresses by type and value, not as text', () => {
    const sorted = (xs: string[]) => [...xs].sort((a, b) => (addressKey(a) < addressKey(b) ? -1 : addressKey(a) > addressKey(b) ? 1 : 0));
    expect(sorted(['10.0.0.10', '10.0.0.9', '9.255.0.1', '192.0.2.1'])).toEqual(['9.255.0.1', '10.0.0.9', '10.0.0.10', '192.0.2.1']);
    expect(sorted(['2001:db8::10', '2001:db8::9', '::1', 'fe80::1', '2001:db8:0:0:0:0:0:a'])).toEqual(['::1', '2001:db8::9', '2001:db8:0:0:0:0:0:a', '2001:db8::10', 'fe80::1']);
    expect(sorted(['2001:db8::1', '10.0.0.1', 'aa:bb:cc:00:00:01', '00:11:22:33:44:55'])).toEqual(['00:11:22:33:44:55', 'aa:bb:cc:00:00:01', '10.0.0.1', '2001:db8::1']);
    expect(addressKey('::ffff:192.0.2.1')).toBe('2' + '0000'.repeat(5) + 'ffffc0000201');
    expect(addressKey('not an address')).toBe('3not an address');
  });
});

describe.skipIf(!haveCaptures)('sorting the list (engine session)', () => {
  const open = () => openBytes(readCapture('scenarios/tcp-http-curl.pcap'), 65536, { clock: new ManualClock() }).session;

  it('sorts by length descending, then back to packet order; go-to-packet finds sorted positions', async () => {
    const session = open();
    const plain = (await session.rows({ start: 0, count: 100 })).rows;
    expect((await session.sort({ column: 'length', descending: true })).displayed).toBe(12);
    const rows = (await session.rows({ start: 0, count: 100 })).rows;
    const expected = [...plain].sort((a, b) => b.length - a.length || a.index - b.index);
    expect(rows.map((r) => r.index)).toEqual(expected.map((r) => r.index));
    // A window from the middle is the same slice, each row whole.
    expect((await session.rows({ start: 4, count: 3 })).rows).toEqual(rows.slice(4, 7));
    for (const r of rows) expect(session.displayIndexOf({ index: r.index }).displayIndex).toBe(rows.indexOf(r));
    await session.sort({ column: null, descending: false });
    expect((await session.rows({ start: 0, count: 100 })).rows).toEqual(plain);
  });

  it('sorts by Protocol and Info as text, the tcpdump or the Wireshark text as shown', async () => {
    const session = open();
    await session.sort({ column: 'info', descending: false });
    const infos = (await session.rows({ start: 0, count: 100 })).rows.map((r) => r.info);
    expect(infos).toEqual([...infos].sort());
    session.setInfoColumn({ info: 'wireshark' });
    await session.sort({ column: 'protocol', descending: false });
    const ws = (await session.rows({ start: 0, count: 100 })).rows;
    expect(ws.map((r) => r.protocol)).toEqual(['ARP', 'ARP', 'HTTP', 'HTTP', 'TCP', 'TCP', 'TCP', 'TCP', 'TCP', 'TCP', 'TCP', 'TCP']);
    expect(ws[2]!.info).toMatch(/^GET /);
  });

  it('keeps the sort when a display filter changes, and sorts by address', async () => {
    const session = open();
    await session.sort({ column: 'src', descending: true });
    await session.setFilter({ expression: 'tcp' });
    const rows = (await session.rows({ start: 0, count: 100 })).rows;
    expect(rows.length).toBe(10);
    expect(rows.map((r) => r.src)).toEqual([...rows.map((r) => r.src)].sort().reverse());
    expect(rows.filter((r) => r.src === '192.0.2.20').map((r) => r.index)).toEqual([...rows.filter((r) => r.src === '192.0.2.20').map((r) => r.index)].sort((a, b) => a - b));
  });
});
