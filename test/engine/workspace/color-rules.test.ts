// Colouring rules are display filters (Wireshark's colorfilters): the engine compiles the
// user's list with the filter machinery and names the first enabled rule that matches each
// row; a rule that does not compile is reported with its position and never matches.
import { describe, expect, it } from 'vitest';
import { EngineMethods } from '../../../electron/shared/contract.js';
import { DEFAULT_COLOR_RULES } from '../../../electron/shared/color-rules.js';
import { compileFilter } from '../../../electron/engine/filter/index.js';
import { haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const HANDSHAKE = 'scenarios/tcp-handshake-data-client-close.pcap';
const spec = (rules: readonly { name: string; filter: string }[]): { name: string; filter: string; enabled: boolean }[] => rules.map((r) => ({ name: r.name, filter: r.filter, enabled: true }));

describe('default colouring rules as display filters', () => {
  it('every default rule compiles', () => {
    for (const r of DEFAULT_COLOR_RULES) expect(compileFilter(r.filter), r.name).toMatchObject({ ok: true });
  });
});

describe.skipIf(!haveCaptures)('EngineSession colouring rules', () => {
  const colors = async (file: string, rules?: { name: string; filter: string; enabled: boolean }[]): Promise<{ names: string[]; errors: unknown[] }> => {
    const { session } = openBytes(readCapture(file), 1 << 16, { clock: new ManualClock() });
    const errors = rules ? session.setColorRules({ rules }).errors : [];
    const { rows } = await session.rows({ start: 0, count: 5000 });
    return { names: rows.map((r) => r.color), errors };
  };

  it('colours rows with Wireshark\'s defaults from the first row on', async () => {
    const { names } = await colors(HANDSHAKE);
    expect(names[0]).toBe('ARP');
    expect(names[2]).toBe('TCP SYN/FIN');
    expect(names).toContain('TCP');
    expect((await colors('scenarios/dns-queries.pcap')).names.filter((n) => n === 'DNS')).toHaveLength(22);
    // As Wireshark: `dns` is the DNS message, so a bare ACK on port 53 is TCP, not DNS.
    expect((await colors('scenarios/dns-queries.pcap')).names[20]).toBe('TCP');
    expect((await colors('scenarios/icmp-router-errors.pcap')).names).toContain('ICMP errors');
    expect((await colors('scenarios/dhcp-dora-dhclient.pcap')).names).toContain('DHCP');
  });

  it('a user rule reaches the engine: first match wins, disabled rules are skipped', async () => {
    const mine = [{ name: 'Port 47001', filter: 'tcp.port == 47001 && tcp.len > 0', enabled: true }, { name: 'Off', filter: 'arp', enabled: false }, ...spec(DEFAULT_COLOR_RULES)];
    const { names, errors } = await colors(HANDSHAKE, mine);
    expect(errors).toEqual(mine.map(() => null));
    expect(names[0]).toBe('ARP');
    expect(names).toContain('Port 47001');
    expect(names).toContain('TCP SYN/FIN');
    const r = EngineMethods.setColorRules[1].safeParse({ errors });
    expect(r.success).toBe(true);
  });

  it('a rule that does not compile is reported with its position and matches nothing; the others still colour', async () => {
    const { names, errors } = await colors(HANDSHAKE, [{ name: 'Broken', filter: 'tcp.flgs == 1', enabled: true }, { name: 'Everything', filter: 'frame', enabled: true }]);
    expect(errors[0]).toMatchObject({ position: 0, message: expect.stringMatching(/tcp\.flgs/) });
    expect(errors[1]).toBeNull();
    expect(new Set(names)).toEqual(new Set(['Everything']));
  });

  it('a rule on what only the detail tree has (the bytes of a protocol, a frame slice) colours through the dissector', async () => {
    const { names } = await colors('scenarios/tcp-http-curl.pcap', [
      { name: 'GET', filter: 'http contains "GET /"', enabled: true },
      { name: 'Multicast bit', filter: 'eth[0] & 1', enabled: true },
    ]);
    expect(names.filter((n) => n === 'GET')).toHaveLength(1);
    expect(names).toContain('Multicast bit');
  });

  it('no rule: no colour', async () => {
    const { names } = await colors(HANDSHAKE, []);
    expect(new Set(names)).toEqual(new Set(['']));
  });

  it('TCP RST and Bad TCP come first, as in Wireshark\'s list', async () => {
    expect((await colors('scenarios/tcp-syn-closed-port-rst.pcap')).names).toContain('TCP RST');
    const retx = (await colors('scenarios/tcp-data-retransmit-rto.pcap')).names;
    expect(retx).toContain('Bad TCP');
  });
});

describe.skipIf(!haveCaptures)('colouring cost', () => {
  it('the defaults colour TCP and UDP rows from the packet index: no row of a TCP capture is dissected twice', async () => {
    const { session } = openBytes(readCapture('scenarios/tcp-handshake-data-client-close.pcap'), 1 << 16, { clock: new ManualClock() });
    // Port 47001: the HTTP rule does not answer first, so every TCP rule below it is tried.
    const n = session.index.packets.length;
    let undecided = 0;
    for (const r of DEFAULT_COLOR_RULES.filter((x) => x.name.startsWith('TCP') || x.name === 'Bad TCP')) {
      const c = compileFilter(r.filter);
      if (!c.ok) throw new Error(r.name);
      for (let i = 0; i < n; i++) if (session.index.packets.ipProto.get(i) === 6 && c.filter.matchIndex(session.index, i) === undefined) undecided++;
    }
    expect(undecided).toBe(0);
  });
});
