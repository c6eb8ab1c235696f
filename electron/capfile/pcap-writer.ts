// Classic pcap writer, incremental: header() once, then one chunk per packet (or a batch),
// which a host appends to a file or a stream as packets arrive.
//
// Given the header fields a reader reported (FileInfo.pcapHeader) and the records as read,
// it writes a file back byte for byte: same byte order, magic, version, thiszone, sigfigs,
// snaplen, full link-type field (FCS bits included), raw seconds and raw fraction (an
// out-of-range µs field read as tsNsec = field x 1000 is written back as the same field).
// Kuznetzov's patched format (24-byte record headers) is read but not written: such files
// are re-written as standard µs pcap. Versions before 2.3 (and DG/UX's 543.0) store caplen
// and len the other way round, and are written so (libpcap reads them so).

import { PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO } from './pcap-reader.js';
import type { FileInfo, PcapFileHeader } from './types.js';

export interface PcapWriterOptions {
  /** LINKTYPE_* value, or the whole 32-bit field (FCS-length bits included). */
  readonly linktype: number;
  /** Default 262144. */
  readonly snaplen?: number;
  /** Nanosecond timestamps (magic a1b23c4d); default microseconds. */
  readonly nanoseconds?: boolean;
  /** Default false: little-endian, as libpcap writes on x86 and ARM. */
  readonly bigEndian?: boolean;
  /** Default 2.4. */
  readonly versionMajor?: number;
  readonly versionMinor?: number;
  /** Default 0 (always 0 in practice). */
  readonly thiszone?: number;
  readonly sigfigs?: number;
}

/** The timing and length fields a record needs (a PacketRecord fits). */
export interface PcapRecordFields {
  readonly tsSec: number;
  /** Nanoseconds; written as µs (truncated) in a µs file. */
  readonly tsNsec: number;
  readonly wirelen: number;
}

/** Options that re-create a header exactly as a reader reported it. */
function pcapWriterOptionsFromHeader(h: PcapFileHeader, bigEndian: boolean): PcapWriterOptions {
  return {
    linktype: h.linktypeField,
    snaplen: h.snaplen,
    nanoseconds: h.magic === PCAP_MAGIC_NANO,
    bigEndian,
    versionMajor: h.versionMajor,
    versionMinor: h.versionMinor,
    thiszone: h.thiszone,
    sigfigs: h.sigfigs,
  };
}

/** Same, from the FileInfo a pcap reader passed to onHeader (null for pcapng). */
export function pcapWriterOptionsFromInfo(info: FileInfo): PcapWriterOptions | null {
  return info.pcapHeader ? pcapWriterOptionsFromHeader(info.pcapHeader, info.bigEndian) : null;
}

export class PcapWriter {
  private readonly le: boolean;
  private readonly nano: boolean;
  /** The record header holds len before caplen (sf-pcap.c's lengths_swapped = SWAPPED). */
  private readonly swapped: boolean;

  constructor(private readonly opts: PcapWriterOptions) {
    this.le = !opts.bigEndian;
    this.nano = opts.nanoseconds === true;
    const major = opts.versionMajor ?? 2;
    const minor = opts.versionMinor ?? 4;
    this.swapped = major === 543 || (major === 2 && minor < 3);
  }

  /** The 24-byte global header. */
  header(): Uint8Array {
    const o = this.opts;
    const out = new Uint8Array(24);
    const v = new DataView(out.buffer);
    const le = this.le;
    v.setUint32(0, this.nano ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, le);
    v.setUint16(4, o.versionMajor ?? 2, le);
    v.setUint16(6, o.versionMinor ?? 4, le);
    v.setInt32(8, o.thiszone ?? 0, le);
    v.setUint32(12, (o.sigfigs ?? 0) >>> 0, le);
    v.setUint32(16, (o.snaplen ?? 262144) >>> 0, le);
    v.setUint32(20, o.linktype >>> 0, le);
    return out;
  }

  /** One record: 16-byte header then `data` (caplen = data.length). */
  packet(rec: PcapRecordFields, data: Uint8Array): Uint8Array {
    const out = new Uint8Array(16 + data.length);
    this.writeRecord(new DataView(out.buffer), 0, rec, data.length);
    out.set(data, 16);
    return out;
  }

  /** Several records in one chunk (fewer, larger writes for a host). */
  packets(recs: readonly PcapRecordFields[], datas: readonly Uint8Array[]): Uint8Array {
    let size = 0;
    const n = Math.min(recs.length, datas.length);
    for (let i = 0; i < n; i++) size += 16 + (datas[i]?.length ?? 0);
    const out = new Uint8Array(size);
    const v = new DataView(out.buffer);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const rec = recs[i];
      const data = datas[i];
      if (!rec || !data) continue;
      this.writeRecord(v, pos, rec, data.length);
      out.set(data, pos + 16);
      pos += 16 + data.length;
    }
    return out;
  }

  private writeRecord(v: DataView, pos: number, rec: PcapRecordFields, caplen: number): void {
    const le = this.le;
    // Fields are 32-bit: times outside 1970..2106 wrap, as a C writer's cast would.
    v.setUint32(pos, rec.tsSec >>> 0, le);
    v.setUint32(pos + 4, (this.nano ? rec.tsNsec : Math.floor(rec.tsNsec / 1000)) >>> 0, le);
    v.setUint32(pos + (this.swapped ? 12 : 8), caplen, le);
    v.setUint32(pos + (this.swapped ? 8 : 12), rec.wirelen >>> 0, le);
  }
}
