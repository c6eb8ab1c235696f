// Export through the session: everything from a pcap is the input byte for byte; pcapng keeps
// interfaces, comments and capture statistics; every selection (all, displayed, marked,
// range, one flow) is what capinfos and tshark count in the written file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import type { InterfaceStatistics } from '../../../electron/capfile/types.js';
import { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import type { ByteSink } from '../../../electron/engine/workspace/exporter.js';
import { capturePath, haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, MemorySource, openBytes } from './session-support.js';

function memorySink(): { sink: ByteSink; bytes: () => Uint8Array; state: { closed: boolean; aborted: boolean } } {
  const parts: Uint8Array[] = [];
  const state = { closed: false, aborted: false };
  return {
    state,
    sink: {
      write: async (c) => void parts.push(c.slice()),
      close: async () => void (state.closed = true),
      abort: async () => void (state.aborted = true),
    },
    bytes: () => new Uint8Array(Buffer.concat(parts)),
  };
}

function sessionWithSinks(rel: string): { session: EngineSession; out: Map<string, ReturnType<typeof memorySink>> } {
  const out = new Map<string, ReturnType<typeof memorySink>>();
  const { session } = openBytes(readCapture(rel), 1 << 16, {
    clock: new ManualClock(),
    openExport: async (token) => {
      const m = memorySink();
      out.set(token, m);
      return m.sink;
    },
  });
  return { session, out };
}

const have = (tool: string): boolean => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const tools = have('tshark') && have('capinfos');
const tmp = mkdtempSync(path.join(tmpdir(), 'ackline-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tsharkCount(file: string): number {
  const out = execFileSync('tshark', ['-n', '-r', file, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter((l) => l !== '').length;
}
function capinfosCount(file: string): number {
  const out = execFileSync('capinfos', ['-c', '-M', file], { encoding: 'utf8' });
  return Number(/Number of packets:\s+(\d+)/.exec(out)?.[1] ?? NaN);
}

const pcaps = haveCaptures
  ? [
      ...readdirSync(capturePath('scenarios')).filter((f) => f.endsWith('.pcap')).map((f) => `scenarios/${f}`),
      ...readdirSync(capturePath('formats')).filter((f) => f.endsWith('.pcap')).map((f) => `formats/${f}`),
    ]
  : [];

describe.skipIf(!haveCaptures)('export', () => {
  it('exporting everything from a pcap gives back the input byte for byte', async () => {
    for (const rel of pcaps) {
      const { session, out } = sessionWithSinks(rel);
      const r = await session.exportTo({ token: 't', selection: { kind: 'all' }, format: 'pcap' });
      const written = out.get('t')!;
      expect(written.state.closed, rel).toBe(true);
      expect(Buffer.compare(Buffer.from(written.bytes()), Buffer.from(readCapture(rel))), rel).toBe(0);
      expect(r).toEqual({ packets: session.index.packets.length, bytes: readCapture(rel).length });
    }
  });

  it('keeps pcapng comments and interfaces; pcapng -> pcap -> the same packets', async () => {
    const { session, out } = sessionWithSinks('formats/with-comments.pcapng');
    await session.exportTo({ token: 'ng', selection: { kind: 'all' }, format: 'pcapng' });
    const comments: (readonly string[] | undefined)[] = [];
    const back = readCaptureBytes(out.get('ng')!.bytes(), { onPacket: (rec) => comments.push(rec.comments) });
    expect(back.error).toBeNull();
    expect(comments.length).toBe(13);
    expect(comments[0]).toEqual(['first packet: ARP who-has']);
    expect(back.interfaces.map((i) => i.linktype)).toEqual(session.index.interfaces.map((i) => i.linktype));
    await session.exportTo({ token: 'p', selection: { kind: 'all' }, format: 'pcap' });
    let n = 0;
    expect(readCaptureBytes(out.get('p')!.bytes(), { onPacket: () => void n++ }).error).toBeNull();
    expect(n).toBe(13);
  });

  it('refuses pcap for several link types and leaves no half file', async () => {
    const { session, out } = sessionWithSinks('formats/multi-interface-linktypes.pcapng');
    await expect(session.exportTo({ token: 'x', selection: { kind: 'all' }, format: 'pcap' })).rejects.toThrow(/several link types/);
    expect(out.get('x')!.state.aborted).toBe(true);
  });

  it.skipIf(!tools)('every selection is accepted by capinfos and tshark with the expected count', async () => {
    const rel = 'scenarios/tcp-handshake-data-client-close.pcap';
    const { session, out } = sessionWithSinks(rel);
    const flow = session.index.packets.flow.get(2);
    session.mark({ index: 0, marked: true });
    session.mark({ index: 4, marked: true });
    session.mark({ index: 9, marked: true });
    const flowPackets = Array.from({ length: session.index.packets.length }, (_, i) => session.index.packets.flow.get(i)).filter((f) => f === flow).length;
    const cases = [
      { sel: { kind: 'all' as const }, n: 13 },
      { sel: { kind: 'displayed' as const }, n: 13 },
      { sel: { kind: 'marked' as const }, n: 3 },
      { sel: { kind: 'range' as const, first: 2, last: 6 }, n: 5 },
      { sel: { kind: 'flow' as const, flow }, n: flowPackets },
    ];
    for (const c of cases) {
      for (const format of ['pcap', 'pcapng'] as const) {
        const token = `${c.sel.kind}-${format}`;
        const r = await session.exportTo({ token, selection: c.sel, format });
        expect(r.packets, token).toBe(c.n);
        const file = path.join(tmp, `${token}.${format}`);
        writeFileSync(file, out.get(token)!.bytes());
        expect(capinfosCount(file), token).toBe(c.n);
        expect(tsharkCount(file), token).toBe(c.n);
      }
    }
    await expect(session.exportTo({ token: 'bad', selection: { kind: 'range', first: 5, last: 50 }, format: 'pcap' })).rejects.toThrow(/outside the capture/);
  });

  it.skipIf(!tools)('a live capture exported as pcapng carries its drop counts in an ISB', async () => {
    const bytes = readCapture('scenarios/udp-exchange.pcap');
    let sink: ReturnType<typeof memorySink> | null = null;
    const session = new EngineSession({
      source: new MemorySource(bytes),
      onUpdate: () => undefined,
      clock: new ManualClock(),
      live: true,
      openExport: async () => (sink = memorySink()).sink,
    });
    session.push(bytes);
    session.setStats({ received: 40, droppedByKernel: 3, droppedByInterface: 1 });
    session.end();
    await session.exportTo({ token: 'live', selection: { kind: 'all' }, format: 'pcapng' });
    const stats: InterfaceStatistics[] = [];
    readCaptureBytes(sink!.bytes(), { onPacket: () => undefined, onStatistics: (s) => stats.push(s) });
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ ifRecv: 40, osDrop: 3, ifDrop: 1, usrDeliv: session.index.packets.length });
    const file = path.join(tmp, 'live.pcapng');
    writeFileSync(file, sink!.bytes());
    expect(capinfosCount(file)).toBe(session.index.packets.length);
    session.dispose();
  });

  it('cancel stops an export and removes what was written', async () => {
    const { session, out } = sessionWithSinks('scenarios/tcp-bulk-http.pcap');
    const p = session.exportTo({ token: 'c', selection: { kind: 'all' }, format: 'pcapng' });
    session.cancel();
    await expect(p).rejects.toThrow(/cancelled/);
    expect(out.get('c')!.state.aborted).toBe(true);
    expect(out.get('c')!.state.closed).toBe(false);
  });
});
