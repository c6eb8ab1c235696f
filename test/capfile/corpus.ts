// Access to the shared capture corpus (/work/shared/captures, see its README) and its
// reference outputs, for the io tests. Not a test file itself.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createCaptureReader, readCaptureBytes, type CaptureReader } from '../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../electron/capfile/packet-record.js';
import type {
  CaptureInterface,
  FileInfo,
  InterfaceStatistics,
  NameRecord,
  PacketRecord,
  ReaderSink,
} from '../../electron/capfile/types.js';

export const CAPTURES = process.env.ACKLINE_CAPTURES ?? '/work/shared/captures';
export const haveCorpus = existsSync(join(CAPTURES, 'README.md'));

const CAPTURE_EXT = /\.(pcap|pcapng|bin)$/;

/** Capture files (paths relative to CAPTURES) of the given folders, sorted. */
export function listCaptures(...folders: string[]): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    const dir = join(CAPTURES, folder);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (CAPTURE_EXT.test(f)) out.push(`${folder}/${f}`);
  }
  return out;
}

/**
 * Every capture of the corpus that libpcap reads without error, but the 112k-packet bulk
 * transfer (file-source.test.ts reads that one, streamed).
 */
export function validCaptures(): string[] {
  const folders = ['scenarios', 'formats', 'pcapng-suite/libpcap', 'pcapng-suite/pcapng-test-generator/le', 'pcapng-suite/pcapng-test-generator/be', 'tcpdump-suite'];
  return listCaptures(...folders).filter((f) => !f.includes('tcp-bulk-http'));
}

export const capturePath = (rel: string): string => join(CAPTURES, rel);
export const loadCapture = (rel: string): Uint8Array => new Uint8Array(readFileSync(capturePath(rel)));

/** Everything a reader reported, in order, with packet bytes copied. */
export interface ReadResult {
  readonly headers: FileInfo[];
  readonly interfaces: CaptureInterface[];
  readonly packets: PacketRecord[];
  readonly data: Uint8Array[];
  readonly stats: InterfaceStatistics[];
  readonly names: NameRecord[][];
  readonly otherBlocks: { type: number; offset: number; bytes: Uint8Array }[];
  reader: CaptureReader;
}

export function collectingSink(out: Omit<ReadResult, 'reader'>): ReaderSink {
  return {
    onHeader: (_f: unknown, info: FileInfo) => void out.headers.push(info),
    onInterface: (i: CaptureInterface) => void out.interfaces.push(i),
    onPacket: (rec: PacketRecord, d: Uint8Array) => {
      out.packets.push(copyPacketRecord(rec));
      out.data.push(new Uint8Array(d)); // a copy, even when `d` is a Buffer (whose slice() is a view)
    },
    onStatistics: (s: InterfaceStatistics) => void out.stats.push(s),
    onNames: (n: readonly NameRecord[]) => void out.names.push([...n]),
    onOtherBlock: (type: number, bytes: Uint8Array, offset: number) =>
      void out.otherBlocks.push({ type, offset, bytes: new Uint8Array(bytes) }),
  };
}

export function emptyResult(): Omit<ReadResult, 'reader'> {
  return { headers: [], interfaces: [], packets: [], data: [], stats: [], names: [], otherBlocks: [] };
}

/** Reads bytes in chunks of `chunk` bytes (whole when omitted). */
export function readAll(bytes: Uint8Array, chunk?: number): ReadResult {
  const out = emptyResult();
  if (!chunk) return { ...out, reader: readCaptureBytes(bytes, collectingSink(out)) };
  const reader = readChunked(bytes, [chunk], collectingSink(out));
  return { ...out, reader };
}

/** Pushes `bytes` cut at the given chunk sizes (cycled), then ends. */
export function readChunked(bytes: Uint8Array, sizes: readonly number[], sink: ReaderSink): CaptureReader {
  const r = createCaptureReader(sink);
  let pos = 0;
  let i = 0;
  while (pos < bytes.length) {
    const n = Math.max(1, sizes[i++ % sizes.length] ?? 1);
    r.push(bytes.subarray(pos, pos + n));
    pos += n;
  }
  r.end();
  return r;
}

/** A TSV reference (header row, tab-separated), as rows of strings. */
export function readTsv(path: string): string[][] {
  const text = path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

/** One frame as tshark lists it (from F.tshark.tsv and the lengths fixture). */
export interface TsharkFrame {
  readonly number: number;
  /** frame.time_epoch with 9 decimals; '' for an SPB (no timestamp). */
  readonly time: string;
  readonly len: number;
  readonly caplen: number;
  readonly interfaceId: number;
  /** 'PCAPNG' for custom blocks, which Wireshark lists as frames. */
  readonly protocol: string;
  /** frame.comment (several joined with ','). */
  readonly comment: string;
  /** The fixture line without its file column, as `tshark -T fields` printed it. */
  readonly line: string;
}

let fixture: Map<string, TsharkFrame[]> | undefined;

/** tshark's frames of a valid capture (test/capfile/fixtures/make-tshark-frames.sh). */
export function tsharkFrames(rel: string): TsharkFrame[] | undefined {
  if (!fixture) {
    fixture = new Map();
    for (const [file, number, time, len, caplen, ifid, protocol, comment] of readTsv(fileURLToPath(new URL('./fixtures/tshark-frames.tsv.gz', import.meta.url)))) {
      if (!file) continue;
      const list = fixture.get(file) ?? [];
      list.push({
        number: Number(number),
        time: time ?? '',
        len: Number(len),
        caplen: Number(caplen),
        interfaceId: ifid ? Number(ifid) : -1,
        protocol: protocol ?? '',
        comment: comment ?? '',
        line: [number, time, len, caplen, ifid, protocol, comment].join('\t'),
      });
      fixture.set(file, list);
    }
  }
  return fixture.get(rel);
}

/** The fields of the fixture, for running tshark the same way on another file. */
export const TSHARK_FRAME_FIELDS = [
  'frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.interface_id', '_ws.col.Protocol', 'frame.comment',
];

/** Packet rows of F.tshark.tsv (frame.number, frame.time_epoch), custom-block rows dropped. */
export function tsharkTsvTimes(rel: string): { number: number; time: string }[] | undefined {
  const path = capturePath(rel) + '.tshark.tsv';
  if (!existsSync(path)) return undefined;
  const rows = readTsv(path).slice(1);
  return rows.filter((r) => r[13] !== 'PCAPNG').map((r) => ({ number: Number(r[0]), time: r[1] ?? '' }));
}

/** tcpdump -n -r lines (F.tcpdump.txt), hex-dump continuation lines (starting with a tab) dropped. */
export function tcpdumpLines(rel: string): string[] | undefined {
  const path = capturePath(rel) + '.tcpdump.txt';
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('\t'));
}

/** tcpdump's stderr (F.tcpdump.err), parsed. */
export interface TcpdumpErr {
  readonly readingLine: string | null;
  /** The message after "tcpdump: " or "tcpdump: pcap_loop: ". */
  readonly message: string | null;
  readonly viaLoop: boolean;
  readonly exitStatus: number;
}

export function tcpdumpErr(rel: string): TcpdumpErr | undefined {
  const path = capturePath(rel) + '.tcpdump.err';
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n');
  const err = lines.find((l) => l.startsWith('tcpdump: '));
  return {
    readingLine: lines.find((l) => l.startsWith('reading from file ')) ?? null,
    message: err ? err.replace(/^tcpdump: (pcap_loop: )?/, '') : null,
    viaLoop: err?.startsWith('tcpdump: pcap_loop: ') ?? false,
    exitStatus: Number(/exit status: (\d+)/.exec(lines.join('\n'))?.[1] ?? NaN),
  };
}

/** The parts of `capinfos F` the io tests compare. */
export interface Capinfos {
  readonly packets?: number;
  /** capinfos prints large sizes rounded down to kB/MB: compare floor(bytes / unit) with value. */
  readonly dataSize?: { value: number; unit: number };
  readonly firstTime?: string;
  readonly lastTime?: string;
  readonly interfaces: { name?: string; captureLength?: number; ticks?: number; statEntries?: number; packets?: number }[];
}

export function capinfos(path: string): Capinfos {
  const text = readFileSync(path, 'utf8');
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const str = (re: RegExp): string | undefined => re.exec(text)?.[1];
  // A multi-section file lists all interfaces once per section: keep the first list.
  const count = num(/^Number of interfaces in file: (\d+)/m) ?? 0;
  const interfaces = text
    .split(/^Interface #\d+ info:$/m)
    .slice(1, 1 + count)
    .map((part) => {
      const get = (key: string): string | undefined => new RegExp(`^ +${key} = (.*)$`, 'm').exec(part)?.[1];
      const n = (key: string): number | undefined => {
        const v = get(key);
        return v === undefined ? undefined : Number(v);
      };
      return {
        name: get('Name'),
        captureLength: n('Capture length'),
        ticks: n('Time ticks per second'),
        statEntries: n('Number of stat entries'),
        packets: n('Number of packets'),
      };
    });
  return {
    packets: num(/^Number of packets: +(\d+)/m),
    dataSize: dataSize(text),
    firstTime: str(/^First packet time: +(\d{4}-.*)$/m),
    lastTime: str(/^Last packet time: +(\d{4}-.*)$/m),
    interfaces,
  };
}

/** "Data size: 1137 bytes", or rounded down to SI units ("1673 kB"): [value, divisor]. */
function dataSize(text: string): { value: number; unit: number } | undefined {
  const m = /^Data size: +(\d+) (bytes|kB|MB|GB)$/m.exec(text);
  if (!m) return undefined;
  const unit = { bytes: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as 'bytes' | 'kB' | 'MB' | 'GB'];
  return { value: Number(m[1]), unit };
}

/** tshark's frame.time_epoch text for a record. */
export const epochText = (sec: number, nsec: number): string => `${sec}.${String(nsec).padStart(9, '0')}`;

/** tcpdump's default time column (UTC), µs cut, raw fraction printed as is. */
export function tcpdumpTime(sec: number, nsec: number): string {
  const s = ((sec % 86400) + 86400) % 86400;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}.${String(Math.floor(nsec / 1000)).padStart(6, '0')}`;
}

/** capinfos' "First packet time" text: UTC date, `digits` fraction digits. */
export function capinfosTime(sec: number, nsec: number, digits: number): string {
  const d = new Date(sec * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  return `${date}.${String(nsec).padStart(9, '0').slice(0, digits)}`;
}
