// File › Export Packet Dissections: the selected packets as tshark prints them, through the
// engine's tshark views over one pass in file order (the TCP analysis and reassembly see every
// packet before the selection, as tshark's do):
// - text: the summary line (`tshark -n`), the detail tree (`tshark -n -V`), or both;
// - csv: Wireshark's CSV of the packet list's columns (every cell quoted, a header row);
// - json: tshark's `-T json` array of the columns' fields (`-e frame.number -e … -e _ws.col.Info`).
import type { CaptureInterface } from '../../capfile/types.js';
import type { Tap, TapPacket } from '../tshark/tap.js';
import { JsonPrinter } from '../tshark/tshark-json.js';
import { UTC_ZONE, type LocalZone } from '../tshark/tshark-fields.js';
import { packetEnds, relativeSeconds, summaryLine, timeDigits } from '../tshark/ws-summary.js';
import { TreeTextPrinter } from '../tshark/ws-tree-text.js';
import type { ByteSink, Selection } from './exporter.js';
import { runTaps, type TapSource } from './tap-pass.js';

export type DissectionFormat = 'text' | 'csv' | 'json';

export interface DissectionOptions {
  readonly format: DissectionFormat;
  /** text: each packet's summary line. */
  readonly summary: boolean;
  /** text: each packet's detail tree. */
  readonly details: boolean;
}

/** The packet list's columns as Wireshark's CSV export heads them. */
export const CSV_HEADER = ['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Info'];
/** The fields of those columns, for JSON. */
export const JSON_FIELDS = ['frame.number', 'frame.time_relative', 'ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'eth.src', 'eth.dst', '_ws.col.Protocol', 'frame.len', '_ws.col.Info'];

const csvCell = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Writes what `o` asks for of the selected packets to `sink`; answers how many and how many bytes. */
export async function exportDissections(
  src: TapSource & { readonly interfaces: (id: number) => CaptureInterface | undefined },
  sel: Selection,
  o: DissectionOptions,
  sink: ByteSink,
  signal: AbortSignal,
  zone: LocalZone = UTC_ZONE,
): Promise<{ packets: number; bytes: number }> {
  const chosen = new Set<number>();
  let last = -1;
  for (let k = 0; k < sel.count; k++) {
    const i = sel.at(k);
    chosen.add(i);
    if (i > last) last = i;
  }
  const encoder = new TextEncoder();
  let text = '';
  let bytes = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = (): void => {
    if (!text) return;
    const b = encoder.encode(text);
    text = '';
    bytes += b.length;
    writing = writing.then(() => sink.write(b));
  };
  const put = (s: string): void => {
    text += s;
    if (text.length > 1 << 20) flush();
  };
  const line = printer(o, src, zone);
  if (o.format === 'csv') put(CSV_HEADER.map(csvCell).join(',') + '\n');
  const tap: Tap = { packet: (p) => put(line.packet(p)), draw: () => undefined };
  try {
    const ok = await runTaps(src, { length: last + 1, at: (k) => k }, [tap], (i) => chosen.has(i), signal, true);
    if (!ok) throw new Error('the export was cancelled');
    put(line.end());
    flush();
    await writing;
    await sink.close();
  } catch (e) {
    await writing.catch(() => undefined);
    await sink.abort().catch(() => undefined);
    throw e;
  }
  return { packets: chosen.size, bytes };
}

interface LinePrinter {
  packet(p: TapPacket): string;
  end(): string;
}

function printer(o: DissectionOptions, src: { readonly interfaces: (id: number) => CaptureInterface | undefined }, zone: LocalZone): LinePrinter {
  const digits = (p: TapPacket): number => timeDigits(src.interfaces(p.rec.interfaceId)?.tsUnitsPerSecond ?? 1e6);
  if (o.format === 'json') {
    const json = new JsonPrinter(JSON_FIELDS, zone);
    return { packet: (p) => json.packet(p), end: () => json.end() };
  }
  if (o.format === 'csv') {
    return {
      packet: (p) => {
        const [s, d] = packetEnds(p.ws.tree);
        return [String(p.rec.number), relativeSeconds(p.rel, digits(p)), s, d, p.cols?.protocol ?? '', String(p.rec.wirelen), p.cols?.info ?? ''].map(csvCell).join(',') + '\n';
      },
      end: () => '',
    };
  }
  const tree = o.details ? new TreeTextPrinter(zone, src.interfaces) : null;
  return {
    packet: (p) => (o.summary || !tree ? summaryLine(p, digits(p)) : '') + (tree ? tree.packet(p) : ''),
    end: () => '',
  };
}
