// Export of a selection of packets as pcap or pcapng through the io writers, reading the
// bytes back from the source in large coalesced chunks and writing large chunks to a sink.
// pcap from pcap re-creates the input's header and records exactly (exporting everything
// gives back the same bytes); pcapng keeps every interface (IDB options), packet comments,
// epb_flags and SPB origin, and ends with statistics blocks when the counts are known.
import type { CaptureStatsDto } from '../../shared/dto.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { pcapWriterOptionsFromInfo, PcapWriter, type PcapWriterOptions } from '../../capfile/pcap-writer.js';
import { interfaceOptionsFrom, PcapngWriter, sectionOptionsFromInfo, type PcapngInterfaceOptions } from '../../capfile/pcapng-writer.js';
import type { CaptureInterface, FileFormat, FileInfo, InterfaceStatistics } from '../../capfile/types.js';
import type { PacketBytes } from './packet-bytes.js';
import type { PacketExtras } from './packet-extras.js';
import type { ExportSelection } from '../../shared/contract.js';
import type { DisplayList } from './display-list.js';
import { flowPacketIndices } from './flow-dto.js';
import { concatBytes } from '../bytes/concat-bytes.js';

/** Where an export goes: a file the host opened for a token it issued. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Removes what was written (a cancelled or failed export leaves no half file). */
  abort(): Promise<void>;
}

/** Packets to export, in capture order, by position. */
export interface Selection {
  readonly count: number;
  at(k: number): number;
}

export interface ExportSource {
  readonly index: CaptureIndex;
  readonly extras: PacketExtras;
  readonly bytes: PacketBytes;
  readonly format: FileFormat | null;
  /** FileInfo of each section as the reader reported it (pcap: one). */
  readonly sections: readonly FileInfo[];
  /** ISBs read from the file. */
  readonly statistics: readonly InterfaceStatistics[];
  /** Live capture counters, when capturing. */
  readonly stats: CaptureStatsDto | null;
}

export interface ExportResult {
  packets: number;
  bytes: number;
  /** Packets whose comments the format could not keep (pcap has no place for them); absent when none. */
  commentsLost?: number;
}

const CHUNK_PACKETS = 4096;

export async function exportPackets(src: ExportSource, sel: Selection, format: FileFormat, sink: ByteSink, signal: AbortSignal, everything: boolean): Promise<ExportResult> {
  let written = 0;
  const put = async (b: Uint8Array): Promise<void> => {
    if (b.length === 0) return;
    await sink.write(b);
    written += b.length;
  };
  try {
    const t = src.index.packets;
    if (format === 'pcap') {
      const opts = pcapOptions(src, sel);
      const w = new PcapWriter(opts);
      await put(w.header());
      const fromPcap = src.format === 'pcap';
      // A record longer than the snapshot length is written whole, as it was read.
      const len = (i: number): number => (fromPcap ? src.extras.fileCaplen.get(i) ?? t.caplen.get(i) : t.caplen.get(i));
      await chunks(src, sel, signal, len, async (idx, datas) => {
        await put(w.packets(idx.map((i) => ({ tsSec: t.sec(i), tsNsec: t.nsec(i), wirelen: t.wirelen.get(i) })), datas));
      });
    } else {
      const first = src.sections[0];
      const w = new PcapngWriter(src.format === 'pcapng' && first ? sectionOptionsFromInfo(first) : { application: 'Ackline' });
      await put(w.sectionHeader());
      const bigEndian = src.format === 'pcapng' && first ? first.bigEndian : false;
      for (const iface of src.index.interfaces) {
        if (!iface) continue;
        const section = src.sections[iface.section];
        const sameOrder = src.format === 'pcapng' && section !== undefined && section.bigEndian === bigEndian;
        await put(w.addInterface(sameOrder ? interfaceOptionsFrom(iface) : namedInterfaceOptions(iface)).block);
      }
      await chunks(src, sel, signal, (i) => t.caplen.get(i), async (idx, datas) => {
        const parts: Uint8Array[] = [];
        idx.forEach((i, k) => {
          const comments = src.extras.comments.get(i);
          const flags = src.extras.epbFlags(i);
          const rec = {
            tsSec: t.sec(i),
            tsNsec: t.nsec(i),
            wirelen: t.wirelen.get(i),
            ...(comments ? { comments } : {}),
            ...(flags !== undefined ? { epbFlags: flags } : {}),
            blockType: src.extras.simple.has(i) ? 3 : 6,
          };
          parts.push(w.packet(t.iface.get(i), rec, datas[k]!));
        });
        await put(concatBytes(parts));
      });
      if (everything) for (const s of src.statistics) await put(w.statistics(s.interfaceId, s));
      if (src.stats) {
        const last = t.length ? t.length - 1 : -1;
        const s = src.stats;
        await put(
          w.statistics(0, {
            tsSec: last >= 0 ? t.sec(last) : 0,
            tsNsec: last >= 0 ? t.nsec(last) : 0,
            ifRecv: s.received,
            // pcap_stats: ps_drop = dropped because the application was too slow (the OS),
            // ps_ifdrop = dropped by the interface.
            osDrop: s.droppedByKernel,
            ifDrop: s.droppedByInterface,
            usrDeliv: t.length,
          }),
        );
      }
    }
    await sink.close();
    const lost = format === 'pcap' ? commentedIn(src.extras, sel) : 0;
    return lost ? { packets: sel.count, bytes: written, commentsLost: lost } : { packets: sel.count, bytes: written };
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw e;
  }
}

async function chunks(
  src: ExportSource,
  sel: Selection,
  signal: AbortSignal,
  len: (i: number) => number,
  each: (indices: number[], datas: Uint8Array[]) => Promise<void>,
): Promise<void> {
  for (let k = 0; k < sel.count; k += CHUNK_PACKETS) {
    if (signal.aborted) throw new Error('export cancelled');
    const idx: number[] = [];
    for (let m = k; m < Math.min(sel.count, k + CHUNK_PACKETS); m++) idx.push(sel.at(m));
    const datas = await src.bytes.readMany(idx, len);
    datas.forEach((d, m) => {
      const i = idx[m]!;
      if (d.length < len(i)) throw new Error(`packet ${i + 1}: the capture file is shorter than when it was opened (${d.length} of ${len(i)} bytes)`);
    });
    await each(idx, datas);
  }
}

function pcapOptions(src: ExportSource, sel: Selection): PcapWriterOptions {
  const first = src.sections[0];
  if (src.format === 'pcap' && first) {
    const o = pcapWriterOptionsFromInfo(first);
    if (o) return o;
  }
  const t = src.index.packets;
  const used = new Set<number>();
  for (let k = 0; k < sel.count; k++) used.add(t.iface.get(sel.at(k)));
  const ifaces = [...used].map((id) => src.index.interfaces[id]).filter((x): x is CaptureInterface => x !== undefined);
  if (!ifaces.length) ifaces.push(...src.index.interfaces.filter((x): x is CaptureInterface => x !== undefined).slice(0, 1));
  const types = new Set(ifaces.map((i) => i.linktype));
  if (types.size > 1) {
    throw new Error(`pcap cannot hold packets of several link types (${[...types].join(', ')}); export as pcapng instead`);
  }
  // At least the longest record written: libpcap clips a record longer than the file's
  // snapshot length (a pcapng interface may have held longer packets than its if_snaplen).
  let longest = 0;
  for (let k = 0; k < sel.count; k++) longest = Math.max(longest, t.caplen.get(sel.at(k)));
  const snaplen = Math.max(longest, ...ifaces.map((i) => i.snaplen));
  return {
    linktype: ifaces[0]?.linktype ?? 1,
    snaplen: snaplen > 0 ? snaplen : 262144,
    nanoseconds: ifaces.some((i) => i.nanoPrecision),
  };
}

/** IDB options written from the interface's fields (a pcap source, or a section of another byte order). */
function namedInterfaceOptions(iface: CaptureInterface): PcapngInterfaceOptions {
  return {
    linktype: iface.linktype,
    snaplen: iface.snaplen,
    ...(iface.name !== undefined ? { name: iface.name } : {}),
    ...(iface.description !== undefined ? { description: iface.description } : {}),
    ...(iface.comments ? { comments: iface.comments } : {}),
    tsresol: tsresolOf(iface.tsUnitsPerSecond),
    ...(iface.tsOffset ? { tsOffset: iface.tsOffset } : {}),
  };
}

function tsresolOf(units: number): number {
  for (let n = 0; n <= 19; n++) if (10 ** n === units) return n;
  for (let n = 0; n <= 63; n++) if (2 ** n === units) return 0x80 | n;
  return 9;
}

/** The packets an export selection names, in file order. */
/** The packets of `s`, in capture order, without the ignored ones (Wireshark drops them on export). */
export function exportSelection(index: CaptureIndex, display: DisplayList, marked: ReadonlySet<number>, s: ExportSelection, ignored: ReadonlySet<number> = new Set()): Selection {
  const sel = selected(index, display, marked, s);
  if (!ignored.size) return sel;
  const kept: number[] = [];
  for (let k = 0; k < sel.count; k++) if (!ignored.has(sel.at(k))) kept.push(sel.at(k));
  return { count: kept.length, at: (k) => kept[k]! };
}

function selected(index: CaptureIndex, display: DisplayList, marked: ReadonlySet<number>, s: ExportSelection): Selection {
  const n = index.packets.length;
  switch (s.kind) {
    case 'all':
      return { count: n, at: (k) => k };
    case 'displayed':
      return { count: display.count, at: (k) => display.at(k) };
    case 'marked': {
      const list = [...marked].sort((a, b) => a - b);
      return { count: list.length, at: (k) => list[k]! };
    }
    case 'range': {
      if (s.first > s.last || s.last >= n) throw new Error(`range ${s.first + 1}-${s.last + 1} is outside the capture (1-${n})`);
      return { count: s.last - s.first + 1, at: (k) => s.first + k };
    }
    case 'flow': {
      if (!index.flows.get(s.flow)) throw new Error(`there is no flow ${s.flow}`);
      const list = flowPacketIndices(index, s.flow);
      return { count: list.length, at: (k) => list[k]! };
    }
  }
}

/** How many packets of the selection carry comments. */
function commentedIn(extras: PacketExtras, sel: Selection): number {
  if (!extras.comments.size) return 0;
  let n = 0;
  for (let k = 0; k < sel.count; k++) if (extras.comments.has(sel.at(k))) n++;
  return n;
}
