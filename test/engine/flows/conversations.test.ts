// Our TCP/UDP conversations against tshark's: `tshark -q -z conv,tcp` is stored beside every
// scenario (F.conv.txt); `-z conv,udp` is run here when tshark is installed. Frames and bytes
// each way, relative start and duration must agree for every conversation. Also checked
// against the stored tshark-analysis columns: tcp.completeness (Wireshark shows the value
// before the frame is counted) and tcp.analysis.initial_rtt; and our relative seq/ack in the
// ladders against tshark's tcp.seq/tcp.ack.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { flowTable, type FlowRow } from '../../../electron/engine/flows/flow-summary.js';
import { buildLadder, flowRows } from '../../../electron/engine/flows/ladder.js';
import { TcpConnection } from '../../../electron/engine/flows/tcp-connection.js';
import { capturePath, haveCaptures, readText } from '../../support/captures.js';
import { indexCapture } from './index-capture.js';
import { haveTshark } from '../../support/tools.js';

const dir = 'scenarios';
// X.pcapng is `editcap -F pcapng X.pcap`: X.pcap's references hold for it too.
const withConv = haveCaptures ? readdirSync(capturePath(dir)).filter((f) => f.endsWith('.pcap.conv.txt')).map((f) => f.replace(/\.conv\.txt$/, '')) : [];
const convFile = (f: string): string => `${dir}/${f.replace(/\.pcapng$/, '.pcap')}.conv.txt`;
const withConvBoth = withConv.flatMap((f) => [f, f.replace(/\.pcap$/, '.pcapng')]);
const tshark = haveTshark;

interface ConvLine {
  a: string;
  b: string;
  /** [A->B frames, bytes, B->A frames, bytes] in tshark's "->" / "<-" columns. */
  ab: [number, number];
  ba: [number, number];
  start: number;
  duration: number;
}

/** Parses tshark's conversation table (4.0 layout: <- frames bytes, -> frames bytes, total, start, duration). */
export function parseConv(text: string): ConvLine[] {
  const out: ConvLine[] = [];
  const unit = (n: string, u: string): number => Number(n.replace(/,/g, '')) * (u === 'kB' ? 1000 : u === 'MB' ? 1e6 : 1);
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+([\d,]+) (bytes|kB|MB)\s+(\d+)\s+([\d,]+) (bytes|kB|MB)\s+(\d+)\s+([\d,]+) (bytes|kB|MB)\s+([\d.]+)\s+([\d.]+)/.exec(line);
    if (!m) continue;
    out.push({ a: m[1]!, b: m[2]!, ba: [Number(m[3]), unit(m[4]!, m[5]!)], ab: [Number(m[6]), unit(m[7]!, m[8]!)], start: Number(m[12]), duration: Number(m[13]) });
  }
  return out;
}

const endpoint = (e: { address: string; port: number }): string => (e.address.includes(':') ? `${e.address}:${e.port}` : `${e.address}:${e.port}`);

/** Compares tshark's table with our flows of the given kinds; returns the number of conversations matched. */
function agree(rows: FlowRow[], kinds: readonly string[], conv: ConvLine[], exactBytes: boolean): number {
  const kind = kinds.join('+');
  const ours = rows.filter((r) => kinds.includes(r.kind));
  expect(ours.length, `${kind} conversation count`).toBe(conv.length);
  for (const c of conv) {
    const r = ours.find((o) => (endpoint(o.a) === c.a && endpoint(o.b) === c.b) || (endpoint(o.a) === c.b && endpoint(o.b) === c.a));
    expect(r, `${c.a} <-> ${c.b}`).toBeDefined();
    if (!r) continue;
    const same = endpoint(r.a) === c.a;
    const ab = same ? c.ab : c.ba;
    const ba = same ? c.ba : c.ab;
    expect([r.packets[0], r.packets[1]], `${c.a} frames`).toEqual([ab[0], ba[0]]);
    if (exactBytes) expect([r.bytes[0], r.bytes[1]], `${c.a} bytes`).toEqual([ab[1], ba[1]]);
    else {
      // tshark rounds to whole kB/MB (SI units): agree within that unit.
      const tol = (n: number): number => (n >= 1e7 ? 1e6 : n >= 1e4 ? 1000 : 0);
      expect(Math.abs(r.bytes[0] - ab[1]), `${c.a} bytes A->B ${r.bytes[0]} vs ${ab[1]}`).toBeLessThanOrEqual(tol(ab[1]));
      expect(Math.abs(r.bytes[1] - ba[1]), `${c.a} bytes B->A ${r.bytes[1]} vs ${ba[1]}`).toBeLessThanOrEqual(tol(ba[1]));
    }
    expect(Math.abs(r.start - c.start), `${c.a} start`).toBeLessThan(1e-6);
    expect(Math.abs(r.duration - c.duration), `${c.a} duration`).toBeLessThanOrEqual(0.00005 + 1e-9);
  }
  return conv.length;
}

const cache = new Map<string, CaptureIndex>();
const idxOf = (f: string): CaptureIndex => {
  let i = cache.get(f);
  if (!i) cache.set(f, (i = indexCapture(`${dir}/${f}`)));
  return i;
};

describe.skipIf(!haveCaptures)('conversations agree with tshark -z conv', () => {
  it.each(withConvBoth)('%s: conv,tcp (stored)', (f) => {
    const text = readText(convFile(f));
    const conv = parseConv(text);
    const n = agree(flowTable(idxOf(f)), ['tcp'], conv, !text.match(/kB|MB/));
    expect(n).toBe(conv.length);
  });

  // A DNS conversation is one flow of kind dns (a UDP conversation with its application
  // protocol). DHCP is followed per transaction (xid and client hardware address, RFC 2131),
  // not per address pair: the client has no address yet, so its UDP "conversations" are
  // fragments of one exchange; tshark's DHCP lines are left out here and checked below.
  it.skipIf(!tshark).each(withConv)('%s: conv,udp (tshark run now)', (f) => {
    const text = execFileSync('tshark', ['-n', '-r', capturePath(`${dir}/${f}`), '-q', '-z', 'conv,udp'], { encoding: 'utf8' });
    const dhcp = /:6[78]$/;
    const conv = parseConv(text).filter((c) => !(dhcp.test(c.a) && dhcp.test(c.b)));
    agree(flowTable(idxOf(f)), ['udp', 'dns'], conv, !text.match(/kB|MB/));
  });
});

describe.skipIf(!haveCaptures)('DNS and DHCP: one flow each, with its application protocol', () => {
  it('dns-queries: every DNS conversation over UDP once, as dns, client first; DNS over TCP stays its TCP flow', () => {
    const idx = idxOf('dns-queries.pcap');
    const rows = flowTable(idx);
    expect(rows.filter((r) => r.kind === 'udp')).toEqual([]);
    const dns = rows.filter((r) => r.kind === 'dns');
    expect(dns).toHaveLength(10);
    for (const r of dns) {
      expect(r.b.port).toBe(53);
      expect(r.packets).toEqual([1, 1]);
    }
    // The pair of addresses and ports appears once in the whole table.
    const keys = rows.filter((r) => r.kind !== 'arp' && r.kind !== 'icmpv6').map((r) => `${r.a.address}:${r.a.port}-${r.b.address}:${r.b.port}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.filter((r) => r.kind === 'tcp')).toHaveLength(1);
    // Every DNS packet over UDP belongs to its dns flow.
    const t = idx.packets;
    for (let i = 0; i < t.length; i++) if (t.ipProto.get(i) === 17) expect(idx.flows.get(t.flow.get(i))!.kind).toBe('dns');
  });

  it.each(['dhcp-dora-dhclient.pcap', 'dhcp-dora-udhcpc.pcap'])('%s: DHCP packets belong to their transaction flow; no UDP fragments of it', (f) => {
    const idx = idxOf(f);
    const rows = flowTable(idx);
    expect(rows.filter((r) => r.kind === 'udp')).toEqual([]);
    const t = idx.packets;
    let n = 0;
    for (let i = 0; i < t.length; i++) {
      if (t.ipProto.get(i) !== 17) continue;
      expect(idx.flows.get(t.flow.get(i))!.kind).toBe('dhcp');
      n++;
    }
    expect(n).toBeGreaterThanOrEqual(4);
    const dora = buildLadder(idx, rows.find((r) => r.kind === 'dhcp')!.id)!;
    expect(dora.events.filter((e) => e.label === 'DHCPOFFER').every((e) => !e.leftToRight)).toBe(true);
    expect(dora.right.role).toBe('DHCP server');
  });
});

/** Rows of F.tshark-analysis.tsv by frame number (header names as keys). */
function analysisRows(f: string): Map<number, Record<string, string>> {
  const rel = `${dir}/${f}.tshark-analysis.tsv`;
  const out = new Map<number, Record<string, string>>();
  if (!existsSync(capturePath(rel))) return out;
  const [head, ...lines] = readText(rel).split('\n');
  const cols = head!.split('\t');
  for (const l of lines) {
    if (!l) continue;
    const v = l.split('\t');
    const r: Record<string, string> = {};
    cols.forEach((c, k) => (r[c] = v[k] ?? ''));
    out.set(Number(r['frame.number']), r);
  }
  return out;
}

const small = withConv.filter((f) => f.endsWith('.pcap') && !f.startsWith('tcp-bulk'));

describe.skipIf(!haveCaptures)('TCP connection facts agree with tshark', () => {
  it.each(small)('%s: completeness before each frame, initial RTT', (f) => {
    const idx = idxOf(f);
    const rows = analysisRows(f);
    for (const [id, c] of idx.connections) {
      const flow = idx.flows.get(id)!;
      // Replay the flow: tshark's tcp.completeness at frame k = ours after the frames before k.
      const replay = new TcpConnection();
      const t = idx.packets;
      for (const i of flowRows(idx, flow)) {
        const want = rows.get(i + 1)?.['tcp.completeness'];
        if (want) expect(replay.completeness, `${f} frame ${i + 1} completeness`).toBe(Number(want));
        replay.observe({ index: i, t: 0, dir: t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1, seq: t.seq.get(i), ack: t.ack.get(i), flags: t.tcpFlags.get(i), len: t.payloadLength.get(i), window: 0, analysis: 0, sport: t.sport.get(i), dport: t.dport.get(i) });
      }
      expect(replay.completeness).toBe(c.completeness);
      const irtt = [...rows.values()].find((r) => r['tcp.stream'] === String(flow.stream) && r['tcp.analysis.initial_rtt'])?.['tcp.analysis.initial_rtt'];
      const ours = c.handshakeRtt.total;
      // Wireshark also times SYN -> RST,ACK as an "initial RTT"; a refusal has no handshake for us.
      if (c.refused) continue;
      if (irtt) expect(Math.abs(ours - Number(irtt)), `${f} stream ${flow.stream} iRTT`).toBeLessThan(1e-6);
      else expect(ours, `${f} stream ${flow.stream} has no iRTT in tshark`).toBe(-1);
    }
  });

  it.each(small)('%s: relative seq/ack in the ladder are tshark tcp.seq/tcp.ack', (f) => {
    const idx = idxOf(f);
    const tsv = readText(`${dir}/${f}.tshark.tsv`).split('\n');
    const head = tsv[0]!.split('\t');
    const cSeq = head.indexOf('tcp.seq');
    const cAck = head.indexOf('tcp.ack');
    const want = new Map<number, [string, string]>();
    for (const l of tsv.slice(1)) {
      const v = l.split('\t');
      if (v[cSeq]) want.set(Number(v[0]), [v[cSeq]!, v[cAck]!]);
    }
    let checked = 0;
    for (const id of idx.connections.keys()) {
      for (const e of buildLadder(idx, id)!.events) {
        const w = want.get(e.frame);
        if (e.kind !== 'packet' || !w) continue;
        expect(String(e.seq), `${f} frame ${e.frame} seq`).toBe(w[0]);
        expect(String(e.ack ?? 0), `${f} frame ${e.frame} ack`).toBe(w[1]);
        checked++;
      }
    }
    expect(checked).toBe(want.size);
  });
});
