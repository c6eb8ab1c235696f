// The app's statistics windows from the engine session: Conversations agree with tshark's
// `-z conv,tcp` references on every scenario capture, the display filter limits them when
// asked, Protocol Hierarchy and Expert Information link to packets, Follow gives both
// directions in order, the I/O Graph buckets packets and bytes, and Capture File Properties
// says what capinfos says.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineMethods } from '../../../electron/shared/contract.js';
import { capturePath, haveCaptures, readCapture, readText } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const open = (rel: string) => openBytes(readCapture(rel), 65536, { clock: new ManualClock() }).session;
const f64 = (b: Uint8Array): number[] => [...new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))];

/** tshark's conversation rows: A, B, frames B→A and A→B (bytes print as "212 kB" there). */
function referenceRows(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.includes('<->'))
    .map((l) => {
      const m = /^(\S+)\s+<->\s+(\S+)\s+(\d+) \d+ \S+\s+(\d+) \d+ \S+/.exec(l);
      return m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]}` : l;
    });
}

describe.skipIf(!haveCaptures)('statistics windows (engine session)', () => {
  const refs = haveCaptures ? readdirSync(capturePath('scenarios')).filter((f) => f.endsWith('.pcap.conv.txt')) : [];

  it.each(refs)('Conversations › TCP of %s are tshark -z conv,tcp', async (ref) => {
    const session = open(`scenarios/${ref.replace('.conv.txt', '')}`);
    const stats = await session.statisticsTables({ displayed: false });
    expect(EngineMethods.statistics[1].safeParse(stats).success).toBe(true);
    const v6 = (a: string, port: number): string => (a.includes(':') ? `${a}:${port}` : `${a}:${port}`);
    const got = stats.conversations.tcp.map((r) => `${v6(r.a, r.aPort)} ${v6(r.b, r.bPort)} ${r.framesBA} ${r.framesAB}`);
    expect(got).toEqual(referenceRows(readText(`scenarios/${ref}`)));
  });

  it('limits the tables to the displayed packets, and gives hierarchy and expert entries with their packets', async () => {
    const session = open('scenarios/tcp-http-curl.pcap');
    const all = await session.statisticsTables({ displayed: false });
    expect(all.packets).toBe(12);
    expect(all.hierarchy.map((n) => n.protocol)).toEqual(['eth']);
    const eth = all.hierarchy[0]!;
    expect(eth.frames).toBe(12);
    expect(eth.children.map((n) => n.protocol)).toEqual(['arp', 'ip']);
    expect(all.conversations.eth.length).toBe(2); // the ARP request went to the broadcast address
    expect(all.endpoints.ip.map((e) => e.address).sort()).toEqual(['192.0.2.10', '192.0.2.20']);
    const http = all.expert.filter((e) => e.protocol === 'HTTP');
    expect(http.length).toBeGreaterThan(0);
    expect(http.every((e) => e.packets.length === e.count && e.packets.every((i) => i >= 0 && i < 12))).toBe(true);
    expect((await session.setFilter({ expression: 'arp' })).displayed).toBe(2);
    const arp = await session.statisticsTables({ displayed: true });
    expect(arp).toMatchObject({ packets: 2, filter: 'arp' });
    expect(arp.conversations.tcp).toEqual([]);
    expect(arp.hierarchy[0]!.children.map((n) => n.protocol)).toEqual(['arp']);
    // Not limited: the filter does not matter.
    expect((await session.statisticsTables({ displayed: false })).packets).toBe(12);
  });

  it('follows a TCP stream: the request from the client, the response from the server, with the stream filter', async () => {
    const session = open('scenarios/tcp-http-curl.pcap');
    const f = await session.follow({ index: 5, proto: 'tcp' });
    expect(EngineMethods.follow[1].safeParse(f).success).toBe(true);
    expect(f).toMatchObject({ proto: 'tcp', stream: 0, filter: 'tcp.stream eq 0', client: { address: '192.0.2.10', port: 56368 }, server: { address: '192.0.2.20', port: 80 }, cut: 0 });
    expect(f.chunks.map((c) => [c.server, c.frame, c.end - c.start])).toEqual([
      [false, 6, 84],
      [true, 8, 293],
    ]);
    const text = new TextDecoder().decode(f.data);
    expect(text.startsWith('GET /index.html HTTP/1.1\r\n')).toBe(true);
    expect(text.slice(84).startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    await expect(session.follow({ index: 0, proto: 'tcp' })).rejects.toThrow(/packet 1 is not part of a TCP stream/);
    await expect(session.follow({ index: 0, proto: 'udp' })).rejects.toThrow(/not part of a UDP stream/);
  });

  it('follows a UDP stream by its 4-tuple', async () => {
    const session = open('scenarios/dns-queries.pcap');
    const rows = (await session.rows({ start: 0, count: 100 })).rows;
    const dns = rows.find((r) => r.protocol.toLowerCase().includes('dns') || / A\? /.test(r.info));
    expect(dns).toBeDefined();
    const f = await session.follow({ index: dns!.index, proto: 'udp' });
    expect(f.filter).toMatch(/^udp\.stream eq \d+$/);
    expect(f.chunks.length).toBeGreaterThanOrEqual(1);
    expect(f.chunks[0]!.server).toBe(false);
  });

  it('draws the I/O graph: packets or bytes per interval, a graph per filter, the packet behind a click', async () => {
    const session = open('scenarios/tcp-http-curl.pcap');
    const g = await session.ioGraph({ intervalMs: 1000, graphs: [{ filter: '', unit: 'packets' }, { filter: 'tcp', unit: 'packets' }, { filter: 'tcp.port ==', unit: 'packets' }, { filter: '', unit: 'bytes' }] });
    expect(EngineMethods.ioGraph[1].safeParse(g).success).toBe(true);
    expect(g.intervals).toBe(1);
    expect(f64(g.series[0]!.values)).toEqual([12]);
    expect(f64(g.series[1]!.values)).toEqual([10]);
    expect(g.series[2]!.error).toMatch(/at character/);
    expect(f64(g.series[3]!.values)).toEqual([session.captureProperties().dataBytes]);
    expect(session.ioPacketAt({ graph: 1, interval: 0 })).toEqual({ index: 2 });
    expect(session.ioPacketAt({ graph: 0, interval: 5 })).toEqual({ index: -1 });
    // 100 µs intervals: the packets spread over 14 of them, none lost; a click on an empty one goes to the next packet.
    const fine = await session.ioGraph({ intervalMs: 0.1, graphs: [{ filter: '', unit: 'packets' }] });
    const counts = f64(fine.series[0]!.values);
    expect(fine.intervals).toBe(14);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    const empty = counts.findIndex((c) => c === 0);
    const next = counts.findIndex((c, k) => k > empty && c > 0);
    const at = session.ioPacketAt({ graph: 0, interval: empty }).index;
    expect(counts.slice(0, next).reduce((a, b) => a + b, 0)).toBe(at);
    await expect(session.ioGraph({ intervalMs: 0.001, graphs: [{ filter: '', unit: 'packets' }] })).resolves.toMatchObject({ intervals: 1362, first: 0 });
  });

  it('gives the envelope of more intervals than points, and the full counts of a zoomed range', async () => {
    const session = open('scenarios/tcp-http-curl.pcap');
    const graphs = [{ filter: '', unit: 'packets' as const }];
    const full = f64((await session.ioGraph({ intervalMs: 0.001, graphs })).series[0]!.values);
    const env = await session.ioGraph({ intervalMs: 0.001, graphs, maxPoints: 100 });
    expect(EngineMethods.ioGraph[1].safeParse(env).success).toBe(true);
    const x = f64(env.x!);
    const v = f64(env.series[0]!.values);
    const run = Math.ceil(1362 / 50);
    expect(x.length).toBe(2 * Math.ceil(1362 / run));
    expect(v.length).toBe(x.length);
    for (let r = 0; r < x.length / 2; r++) {
      const slice = full.slice(r * run, (r + 1) * run);
      expect([x[2 * r], v[2 * r], v[2 * r + 1]]).toEqual([r * run, Math.max(...slice), Math.min(...slice)]);
    }
    const zoom = await session.ioGraph({ intervalMs: 0.001, graphs, maxPoints: 100, range: { first: 300, last: 349 } });
    expect(zoom.x).toBeUndefined();
    expect(zoom.first).toBe(300);
    expect(f64(zoom.series[0]!.values)).toEqual(full.slice(300, 350));
  });

  it('gives capinfos facts', async () => {
    const session = open('scenarios/tcp-http-curl.pcap');
    const p = session.captureProperties();
    expect(EngineMethods.captureProperties[1].safeParse(p).success).toBe(true);
    const capinfos = readText('scenarios/tcp-http-curl.pcap.capinfos.txt');
    expect(capinfos).toContain(`Number of packets:   ${p.packets}`);
    expect(capinfos).toMatch(new RegExp(`Data size:\\s+${p.dataBytes} bytes`));
    expect(p.encapsulations).toEqual(['Ethernet']);
    expect(p.format).toBe('Wireshark/tcpdump/... - pcap');
    expect(capinfos).toContain(`Capture duration:    ${(p.last! - p.first!).toFixed(6)} seconds`);
  });
});
