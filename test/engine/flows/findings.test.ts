// Findings on the scenario captures: what a person should be told about each, in plain
// language, with the packets, flows and filter it links to (the filter is checked to show
// exactly those packets' connection), and the DHCP lease read from the packet.
import { describe, expect, it } from 'vitest';
import { findings, secondsText } from '../../../electron/engine/flows/findings.js';
import { EngineMethods } from '../../../electron/shared/contract.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { openBytes } from '../workspace/session-support.js';

const open = (name: string) => openBytes(readCapture(`scenarios/${name}.pcap`)).session;
const texts = (name: string) => findings(open(name).index).map((f) => `${f.severity}: ${f.text}`);

describe('secondsText', () => {
  it('gives three digits and a unit a person reads', () => {
    expect([secondsText(1.0205), secondsText(15.27), secondsText(600), secondsText(3), secondsText(0.101), secondsText(0.000041), secondsText(4000.4), secondsText(0)]).toEqual([
      '1.02 s',
      '15.3 s',
      '600 s',
      '3.00 s',
      '101 ms',
      '41.0 µs',
      '4000 s',
      '0 s',
    ]);
  });
});

describe.skipIf(!haveCaptures)('findings of the scenario captures', () => {
  it('refused connections: RST to SYN, by the server they were made to, with the SYN and the RST', () => {
    const session = open('tcp-syn-closed-port-rst');
    const f = findings(session.index);
    expect(f.map((x) => [x.severity, x.subject, x.text, x.packets, x.filter])).toEqual([
      ['error', '192.0.2.20:81', '1 connection to 192.0.2.20:81 was refused (RST to SYN): nothing listens on that port, or a firewall rejects it', [2, 3], 'tcp.stream eq 0'],
      ['error', '[2001:db8:a::20]:81', '1 connection to [2001:db8:a::20]:81 was refused (RST to SYN): nothing listens on that port, or a firewall rejects it', [6, 7], 'tcp.stream eq 1'],
    ]);
    expect(f[0]!.flows).toEqual([session.index.packets.flow.get(2)]);
  });

  it('an unanswered SYN with its measured back-off', () => {
    expect(texts('tcp-syn-retransmit-blackhole')).toEqual([
      'error: SYN to 192.0.2.20:8081 unanswered, retried at +1.03, +3.05, +7.08, +15.3 s: the doubling backoff of a host that is down or filtered',
      'note: 4 retransmissions on stream 0 (5 packets in all)',
    ]);
  });

  it('a zero window and how long it lasted, linked to where it closed and opened again', () => {
    const session = open('tcp-zero-window');
    const [z] = findings(session.index);
    expect(z).toMatchObject({ severity: 'warning', kind: 'zero-window', text: 'Zero window for 5.96 s on stream 0: 192.0.2.20:47001 could take no more data', packets: [8, 18] });
    expect(session.index.packets.window.get(8)).toBe(0);
    expect(session.index.packets.window.get(18)).toBeGreaterThan(0);
  });

  it('a reset connection, by whom and when', () => {
    expect(texts('tcp-rst-abort')).toEqual(['warning: Connection from 192.0.2.10:47596 to 192.0.2.20:47001 reset by the client after 101 ms']);
  });

  it('nothing to say about a clean HTTP exchange', () => {
    expect(texts('tcp-http-curl')).toEqual([]);
  });

  it.each([
    ['dhcp-dora-dhclient', 'DHCP: OFFER after 3.00 s, ACK after 3.01 s, lease 3600 s (1 h)'],
    ['dhcp-dora-udhcpc', 'DHCP: OFFER after 3.01 s, ACK after 3.02 s, lease 3600 s (1 h), 1 DISCOVER repeated'],
  ])('%s: how long the server took, and the lease (read from the ACK)', async (name, text) => {
    const session = open(name);
    const r = await session.findings();
    expect(EngineMethods.findings[1].safeParse(r).success).toBe(true);
    const dhcp = r.findings.find((f) => f.kind === 'dhcp')!;
    expect(dhcp.text).toBe(text);
    expect(dhcp.subject).toBe('DHCP 02:00:00:0a:00:10');
    // The filter shows the transaction: every packet it links to, and only DHCP.
    expect((await session.setFilter({ expression: dhcp.filter })).ok).toBe(true);
    const shown = (await session.rows({ start: 0, count: 100 })).rows.map((x) => x.index);
    expect(shown).toEqual(dhcp.packets);
  });
});
