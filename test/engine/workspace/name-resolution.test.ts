// View → Name Resolution in the engine session: the rows' Source/Destination and Info and the
// detail tree as tshark -N shows them (fixtures in test/fixtures/names/), and all off again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOuiTable } from '../../../electron/node-platform/oui-table.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const open = (rel: string) => openBytes(readCapture(rel), 65536, { clock: new ManualClock(), ouiTable: loadOuiTable }).session;
/** Source and destination of each line of a tshark summary fixture. */
const ends = (fixture: string): [string, string][] =>
  readFileSync(new URL(`../../fixtures/names/${fixture}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^\s*\d+\s+\S+\s+(\S+) \u2192 (\S+)/.exec(l)!;
      return [m[1]!, m[2]!];
    });

describe.skipIf(!haveCaptures)('name resolution (engine session)', () => {
  it('names hosts from the capture’s DNS answers from the response on, as tshark -N nd', async () => {
    const session = open('tcpdump-suite/dns_tcp.pcap');
    const want = ends('dns_tcp.pcap.Nmntd.txt');
    const plain = (await session.rows({ start: 0, count: 20 })).rows;
    expect(plain[5]!.src).toBe('209.87.249.18');
    session.setNameResolution({ mac: false, transport: false, network: true });
    const named = (await session.rows({ start: 0, count: 20 })).rows;
    expect(named.map((r) => [r.src, r.dst])).toEqual(want);
    session.setNameResolution({ mac: false, transport: false, network: false });
    expect((await session.rows({ start: 0, count: 20 })).rows).toEqual(plain);
  });

  it('names MACs (Broadcast) in the list and the tree, and ports in Wireshark’s Info and the tree', async () => {
    const session = open('scenarios/dns-queries.pcap');
    session.setNameResolution({ mac: true, transport: true, network: false });
    expect((await session.rows({ start: 0, count: 1 })).rows[0]!.dst).toBe('Broadcast');
    const eth = (await session.packet({ index: 0 })).tree.find((n) => n.field === 'eth')!;
    expect(eth.label).toBe('Ethernet II, Src: 02:00:00:0a:00:10 (02:00:00:0a:00:10), Dst: Broadcast (ff:ff:ff:ff:ff:ff)');
    session.setInfoColumn({ info: 'wireshark' });
    const want = readFileSync(new URL('../../fixtures/names/dns-queries.pcap.Nmntd.txt', import.meta.url), 'utf8').split('\n')[18]!;
    expect(want).toContain('43507 \u2192 domain(53) [SYN]');
    expect(want.endsWith((await session.rows({ start: 18, count: 1 })).rows[0]!.info)).toBe(true);
    const tcp = (await session.packet({ index: 18 })).tree.find((n) => n.field === 'tcp')!;
    expect(tcp.label).toContain('Src Port: 43507 (43507), Dst Port: domain (53)');
  });
});
