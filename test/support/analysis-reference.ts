// Compares our TCP analysis with tshark 4.0.17's `F.tshark-analysis.tsv` references
// (shared/captures/README.md): one row per frame with tcp.stream, one column per
// tcp.analysis.* flag, the duplicate-ACK number and frame, initial_rtt and tcp.completeness.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ANALYSIS_FIELDS } from '../../electron/engine/flows/analysis-flags.js';
import { CaptureIndex } from '../../electron/engine/flows/capture-index.js';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { capturePath } from './captures.js';

/** The columns compared, besides the flags: each is one row of the agreement table. */
export const EXTRA_COLUMNS = [
  'tcp.stream',
  'tcp.analysis.duplicate_ack_num',
  'tcp.analysis.duplicate_ack_frame',
  'tcp.analysis.initial_rtt',
  'tcp.completeness',
] as const;

export const COLUMNS: readonly string[] = [...ANALYSIS_FIELDS.map(([, name]) => name), ...EXTRA_COLUMNS];

/** One frame's values, as strings in tshark's -T fields form ('' = absent). */
export type Row = Map<string, string>;

/** Capture files (relative to the corpus) of a folder, sorted. */
export function capturesIn(folder: string): string[] {
  const dir = capturePath(folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .sort()
    .map((f) => `${folder}/${f}`);
}

export function referencePath(rel: string): string | undefined {
  for (const p of [`${rel}.tshark-analysis.tsv`, `${rel}.tshark-analysis.tsv.gz`]) if (existsSync(capturePath(p))) return p;
  // scenarios/X.pcapng is `editcap -F pcapng X.pcap`: X.pcap's references hold for it.
  if (rel.endsWith('.pcapng')) return referencePath(rel.replace(/\.pcapng$/, '.pcap'));
  return undefined;
}

export function readReference(refRel: string): Row[] {
  let buf = readFileSync(capturePath(refRel));
  if (refRel.endsWith('.gz')) buf = gunzipSync(buf);
  const lines = buf.toString('utf8').split('\n').filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return new Map(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** Our values for every frame of a capture, in the reference's form. */
export function analyseCapture(rel: string): Row[] {
  const idx = new CaptureIndex();
  const rows: Row[] = [];
  readCaptureBytes(new Uint8Array(readFileSync(capturePath(rel))), {
    onInterface: (i) => idx.addInterface(i),
    onPacket: (rec, data) => {
      const i = idx.add(rec, data);
      const row: Row = new Map(COLUMNS.map((c) => [c, '']));
      const flow = idx.flows.get(idx.packets.flow.get(i));
      if (flow && flow.kind === 'tcp') {
        row.set('tcp.stream', String(flow.stream));
        const bits = idx.packets.analysis.get(i);
        for (const [bit, name] of ANALYSIS_FIELDS) if (bits & bit) row.set(name, '1');
        const dup = idx.dupAcks.get(i);
        if (dup) {
          row.set('tcp.analysis.duplicate_ack_num', String(dup.num));
          row.set('tcp.analysis.duplicate_ack_frame', String(dup.frame));
        }
        const rtt = idx.tcp.shown.initialRtt;
        if (rtt !== undefined) row.set('tcp.analysis.initial_rtt', secondsText(rtt));
        row.set('tcp.completeness', String(idx.tcp.shown.completeness));
      }
      rows.push(row);
    },
  });
  return rows;
}

/** tshark's form of a relative time: seconds with 9 decimals. */
function secondsText(s: number): string {
  const ns = Math.round(s * 1e9);
  return `${Math.floor(ns / 1e9)}.${String(ns % 1e9).padStart(9, '0')}`;
}

export interface Agreement {
  agree: number;
  total: number;
}

/**
 * Adds one capture's comparison to `table` (per column: over the frames where either side
 * has a value, how many agree) and returns its disagreements ("frame N column: ours X,
 * tshark Y"). A column nobody sets counts 0/0.
 */
export function compareRows(ours: Row[], ref: Row[], table: Map<string, Agreement>): string[] {
  const diffs: string[] = [];
  const n = Math.max(ours.length, ref.length);
  for (const col of COLUMNS) {
    let a = table.get(col);
    if (!a) table.set(col, (a = { agree: 0, total: 0 }));
    for (let f = 0; f < n; f++) {
      const o = ours[f]?.get(col) ?? '';
      const r = ref[f]?.get(col) ?? '';
      if (o === '' && r === '') continue;
      a.total++;
      if (o === r) a.agree++;
      else diffs.push(`frame ${f + 1} ${col}: ours '${o}', tshark '${r}'`);
    }
  }
  return diffs;
}

export function formatTable(table: Map<string, Agreement>): string {
  const w = Math.max(...[...table.keys()].map((k) => k.length));
  return [...table.entries()].map(([k, a]) => `${k.padEnd(w)}  ${a.agree}/${a.total} agree`).join('\n');
}
