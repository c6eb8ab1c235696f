// A DHCP transaction's flow carries the display filter that selects it, as Wireshark would
// write it (dhcp.id == 0x…): the ladder's and the flows table's Filter show that exchange,
// not every DHCP packet of the capture.
import { describe, expect, it } from 'vitest';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

describe.skipIf(!haveCaptures)('flow filters', () => {
  it('a DHCP transaction: dhcp.id == its xid, which shows exactly its packets', async () => {
    const { session } = openBytes(readCapture('scenarios/dhcp-dora-dhclient.pcap'), 1 << 16, { clock: new ManualClock() });
    const dhcp = session.flows().flows.filter((f) => f.kind === 'dhcp');
    expect(dhcp.map((f) => f.filter)).toEqual(['dhcp.id == 0x532bd009', 'dhcp.id == 0x5a444d5d']);
    const r = await session.setFilter({ expression: dhcp[0]!.filter! });
    expect(r).toMatchObject({ ok: true, displayed: 4 });
    expect((await session.rows({ start: 0, count: 10 })).rows.map((x) => x.number)).toEqual([1, 6, 7, 8]);
  });

  it('a flow made of its endpoints carries none (the page builds it from them)', () => {
    const { session } = openBytes(readCapture('scenarios/tcp-handshake-data-client-close.pcap'), 1 << 16, { clock: new ManualClock() });
    for (const f of session.flows().flows) expect(f.filter).toBeUndefined();
  });
});
