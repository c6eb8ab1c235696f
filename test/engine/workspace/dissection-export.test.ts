// Export Packet Dissections through the session, against tshark 4.0's own output: plain text
// summaries (`tshark -n`, the golden `summary` references), details (`tshark -n -V`, the
// `tree-arp` reference), CSV of the columns (Wireshark's quoting and header; cells checked
// against F.tshark.tsv), JSON (`tshark -T json -e …`, test/fixtures/tshark/dissections);
// all, displayed, marked and a range; ignored packets left out.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import type { ByteSink } from '../../../electron/engine/workspace/exporter.js';
import type { DissectionRequest } from '../../../electron/shared/contract.js';
import { capturePath, haveCaptures, readCapture, repoRoot } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const expected = (name: string): string => readFileSync(path.join(repoRoot, 'test/fixtures/tshark/expected', name), 'utf8');

function open(rel: string): { session: EngineSession; out: (token: string) => string } {
  const written = new Map<string, Uint8Array[]>();
  const { session } = openBytes(readCapture(rel), 1 << 16, {
    clock: new ManualClock(),
    openExport: async (token): Promise<ByteSink> => {
      const parts: Uint8Array[] = [];
      written.set(token, parts);
      return { write: async (c) => void parts.push(c.slice()), close: async () => undefined, abort: async () => undefined };
    },
  });
  return { session, out: (token) => Buffer.concat(written.get(token) ?? []).toString('utf8') };
}

const req = (r: Partial<DissectionRequest> & Pick<DissectionRequest, 'format'>): DissectionRequest => ({ selection: { kind: 'all' }, summary: true, details: false, ...r });

/** A CSV line's cells (every cell quoted, "" inside). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"(?:,|$)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1]!.replace(/""/g, '"'));
  return out;
}

describe.skipIf(!haveCaptures)('Export Packet Dissections', () => {
  it.each(['dns-queries.pcap', 'tcp-http-curl.pcap', 'tcp-out-of-order.pcap'])('text summaries are tshark -n’s lines (%s)', async (name) => {
    const { session, out } = open(`scenarios/${name}`);
    const r = await session.exportDissections({ token: 't', ...req({ format: 'text' }) });
    expect(r.packets).toBe(session.index.packets.length);
    expect(out('t')).toBe(expected(`${name}.summary.txt`));
  });

  it('text details of the displayed packets are tshark -V’s', async () => {
    const { session, out } = open('scenarios/dns-queries.pcap');
    await session.setFilter({ expression: 'arp && eth' });
    await session.exportDissections({ token: 'v', ...req({ format: 'text', summary: false, details: true, selection: { kind: 'displayed' } }) });
    expect(out('v')).toBe(expected('dns-queries.pcap.tree-arp.txt'));
    // Summary and details: each packet's line, then its tree.
    await session.exportDissections({ token: 'both', ...req({ format: 'text', details: true, selection: { kind: 'range', first: 0, last: 0 } }) });
    const summary = expected('dns-queries.pcap.summary.txt').split('\n')[0]!;
    expect(out('both').startsWith(`${summary}\nFrame 1: `)).toBe(true);
  });

  it('CSV: a header row and every column quoted, as Wireshark writes it', async () => {
    const name = 'tcp-http-curl.pcap';
    const { session, out } = open(`scenarios/${name}`);
    session.mark({ index: 3, marked: true });
    session.mark({ index: 7, marked: true });
    await session.exportDissections({ token: 'c', ...req({ format: 'csv', selection: { kind: 'marked' } }) });
    const lines = out('c').split('\n');
    expect(lines[0]).toBe('"No.","Time","Source","Destination","Protocol","Length","Info"');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    const tsv = readFileSync(capturePath(`scenarios/${name}.tshark.tsv`), 'utf8').split('\n').slice(1).map((l) => l.split('\t'));
    const summary = expected(`${name}.summary.txt`).split('\n');
    for (const [k, i] of [[1, 3], [2, 7]] as const) {
      const cells = csvCells(lines[k]!);
      const ref = tsv[i]!;
      expect(cells[0]).toBe(ref[0]);
      expect([cells[4], cells[6]]).toEqual([ref.at(-2), ref.at(-1)]);
      // Time, source, destination and length as tshark's summary line shows them.
      expect(summary[i]).toContain(` ${cells[1]} `);
      expect(summary[i]).toContain(`${cells[2]} → ${cells[3]}`);
      expect(summary[i]).toContain(` ${cells[5]} `);
    }
  });

  it.each(['dns-queries.pcap', 'tcp-http-curl.pcap'])('JSON is tshark -T json of the columns’ fields (%s)', async (name) => {
    const { session, out } = open(`scenarios/${name}`);
    await session.exportDissections({ token: 'j', ...req({ format: 'json' }) });
    expect(out('j')).toBe(readFileSync(path.join(repoRoot, 'test/fixtures/tshark/dissections', `${name}.json`), 'utf8'));
  });

  it('leaves ignored packets out, refuses a range outside the capture', async () => {
    const { session, out } = open('scenarios/dns-queries.pcap');
    session.ignore({ what: 'packet', index: 0, ignored: true });
    const r = await session.exportDissections({ token: 'i', ...req({ format: 'text', selection: { kind: 'range', first: 0, last: 2 } }) });
    expect(r.packets).toBe(2);
    expect(out('i')).toBe(expected('dns-queries.pcap.summary.txt').split('\n').slice(1, 3).join('\n') + '\n');
    await expect(session.exportDissections({ token: 'x', ...req({ format: 'csv', selection: { kind: 'range', first: 5, last: 500 } }) })).rejects.toThrow(/outside the capture/);
  });
});
