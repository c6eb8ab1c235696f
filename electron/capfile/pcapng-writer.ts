// pcapng writer, incremental: every call returns the bytes of one block, to be appended in
// order (SHB, IDBs, then packets and statistics as they come; a new SHB starts a section).
//
// It is built to re-write what the reader reported without losing anything a reader of the
// result can see: SHB and IDB options are copied raw when given (so if_tsresol, if_tsoffset,
// if_filter... survive), packets keep their comments and epb_flags, packets that came from
// SPBs are written as SPBs again (they have no timestamp), unknown blocks can be copied
// verbatim, and ISBs carry drop counts. Timestamps are converted back to each interface's
// own resolution and offset with exact 64-bit arithmetic.

import { MICRO_SCALE, secNsecToTicks, tickScaleFromTsresol, type TickHalves, type TickScale } from './timestamp.js';
import type { CaptureInterface, FileInfo, InterfaceStatistics, NameRecord, RawOption } from './types.js';

export interface PcapngSectionOptions {
  /** Default false (little-endian). */
  readonly bigEndian?: boolean;
  /** Default 0 (1.0; libpcap also reads 1.2). */
  readonly versionMinor?: number;
  readonly hardware?: string;
  readonly os?: string;
  readonly application?: string;
  readonly comments?: readonly string[];
  /**
   * Written verbatim instead of the named options above (a re-write of a read SHB). Raw
   * values are in the byte order they were read in: keep `bigEndian` as the source had it.
   */
  readonly rawOptions?: readonly RawOption[];
}

export interface PcapngInterfaceOptions {
  readonly linktype: number;
  /** Default 262144; 0 means "no limit" in pcapng. */
  readonly snaplen?: number;
  readonly name?: string;
  readonly description?: string;
  readonly comments?: readonly string[];
  /** if_tsresol byte (6 = µs, 9 = ns, 0x80|n = 2^-n); default 6, which is not written. */
  readonly tsresol?: number;
  /** if_tsoffset in seconds; default 0, not written. */
  readonly tsOffset?: number;
  /**
   * Written verbatim instead of the named options (if_tsresol/if_tsoffset are taken from
   * them); like the SHB's, in the byte order of the section they were read from.
   */
  readonly rawOptions?: readonly RawOption[];
}

/** What a packet block needs (a PacketRecord fits). */
export interface PcapngPacketFields {
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly wirelen: number;
  readonly comments?: readonly string[];
  readonly epbFlags?: number;
  /** 3 = write an SPB (only for interface 0 of the section); anything else an EPB. */
  readonly blockType?: number;
}

export type PcapngStatistics = Omit<InterfaceStatistics, 'interfaceId'>;

const utf8 = new TextEncoder();
const pad4 = (n: number): number => (n + 3) & ~3;

/** Options of a section as a reader reported them (onHeader's FileInfo). */
export function sectionOptionsFromInfo(info: FileInfo): PcapngSectionOptions {
  return { bigEndian: info.bigEndian, versionMinor: info.versionMinor, rawOptions: info.rawOptions ?? [] };
}

/** Options of an interface as a reader reported it. */
export function interfaceOptionsFrom(iface: CaptureInterface): PcapngInterfaceOptions {
  return { linktype: iface.linktype, snaplen: iface.snaplen, rawOptions: iface.rawOptions ?? [] };
}

interface WriterIface {
  readonly scale: TickScale;
  readonly tsOffset: number;
}

export class PcapngWriter {
  private le: boolean;
  private section: PcapngSectionOptions;
  private ifaces: WriterIface[] = [];
  private readonly ticks: TickHalves = { hi: 0, lo: 0 };

  constructor(section: PcapngSectionOptions = {}) {
    this.section = section;
    this.le = !section.bigEndian;
  }

  /** Interfaces defined so far in the current section; the next IDB gets this id. */
  get interfaceCount(): number {
    return this.ifaces.length;
  }

  /** The SHB of the section given to the constructor. */
  sectionHeader(): Uint8Array {
    const s = this.section;
    const opts = s.rawOptions ?? [
      ...(s.comments ?? []).map((c) => textOption(1, c)),
      ...(s.hardware !== undefined ? [textOption(2, s.hardware)] : []),
      ...(s.os !== undefined ? [textOption(3, s.os)] : []),
      ...(s.application !== undefined ? [textOption(4, s.application)] : []),
    ];
    const { out, v, pos } = this.block(0x0a0d0d0a, 16, opts);
    v.setUint32(pos, 0x1a2b3c4d, this.le);
    v.setUint16(pos + 4, 1, this.le);
    v.setUint16(pos + 6, s.versionMinor ?? 0, this.le);
    v.setInt32(pos + 8, -1, this.le); // section length: unknown (written incrementally)
    v.setInt32(pos + 12, -1, this.le);
    return out;
  }

  /** Starts a new section (its own byte order, interfaces numbered from 0 again). */
  newSection(section: PcapngSectionOptions): Uint8Array {
    this.section = section;
    this.le = !section.bigEndian;
    this.ifaces = [];
    return this.sectionHeader();
  }

  /** An IDB; packets of this section refer to it by the returned id. */
  addInterface(o: PcapngInterfaceOptions): { id: number; block: Uint8Array } {
    let tsresol = o.tsresol ?? 6;
    let tsOffset = o.tsOffset ?? 0;
    const opts = o.rawOptions ?? [
      ...(o.name !== undefined ? [textOption(2, o.name)] : []),
      ...(o.description !== undefined ? [textOption(3, o.description)] : []),
      ...(o.comments ?? []).map((c) => textOption(1, c)),
      ...(tsresol !== 6 ? [{ code: 9, value: Uint8Array.of(tsresol) }] : []),
      ...(tsOffset !== 0 ? [this.int64Option(14, tsOffset)] : []),
    ];
    if (o.rawOptions) {
      for (const opt of o.rawOptions) {
        const dv = new DataView(opt.value.buffer, opt.value.byteOffset, opt.value.byteLength);
        if (opt.code === 9 && opt.value.length === 1) tsresol = opt.value[0] ?? 6;
        if (opt.code === 14 && opt.value.length === 8) tsOffset = Number(dv.getBigInt64(0, this.le));
      }
    }
    const { out, v, pos } = this.block(1, 8, opts);
    v.setUint16(pos, o.linktype, this.le);
    v.setUint32(pos + 4, (o.snaplen ?? 262144) >>> 0, this.le);
    this.ifaces.push({ scale: tickScaleFromTsresol(tsresol) ?? MICRO_SCALE, tsOffset });
    return { id: this.ifaces.length - 1, block: out };
  }

  /** An EPB (or an SPB, see PcapngPacketFields.blockType) holding `data` (caplen = data.length). */
  packet(interfaceId: number, rec: PcapngPacketFields, data: Uint8Array): Uint8Array {
    // An SPB has no options: a packet with comments is written as an EPB to keep them.
    if (rec.blockType === 3 && interfaceId === 0 && !rec.comments?.length) {
      const { out, v, pos } = this.block(3, 4 + pad4(data.length), []);
      v.setUint32(pos, rec.wirelen >>> 0, this.le);
      out.set(data, pos + 4);
      return out;
    }
    const opts: RawOption[] = [];
    for (const c of rec.comments ?? []) opts.push(textOption(1, c));
    if (rec.epbFlags !== undefined) opts.push(this.uint32Option(2, rec.epbFlags));
    const { out, v, pos } = this.block(6, 20 + pad4(data.length), opts);
    this.timestamp(interfaceId, rec.tsSec, rec.tsNsec);
    v.setUint32(pos, interfaceId, this.le);
    v.setUint32(pos + 4, this.ticks.hi, this.le);
    v.setUint32(pos + 8, this.ticks.lo, this.le);
    v.setUint32(pos + 12, data.length, this.le);
    v.setUint32(pos + 16, rec.wirelen >>> 0, this.le);
    out.set(data, pos + 20);
    return out;
  }

  /** An ISB: isb_ifrecv (4), isb_ifdrop (5), isb_filteraccept (6), isb_osdrop (7), isb_usrdeliv (8). */
  statistics(interfaceId: number, s: PcapngStatistics): Uint8Array {
    const opts: RawOption[] = (s.comments ?? []).map((c) => textOption(1, c));
    const counters = [s.ifRecv, s.ifDrop, s.filterAccept, s.osDrop, s.usrDeliv];
    counters.forEach((n, i) => {
      if (n !== undefined) opts.push(this.uint64Option(4 + i, n));
    });
    const { out, v, pos } = this.block(5, 12, opts);
    this.timestamp(interfaceId, s.tsSec, s.tsNsec);
    v.setUint32(pos, interfaceId, this.le);
    v.setUint32(pos + 4, this.ticks.hi, this.le);
    v.setUint32(pos + 8, this.ticks.lo, this.le);
    return out;
  }

  /** An NRB: one nrb_record_ipv4/ipv6 per entry (entries whose address does not parse are left out). */
  names(records: readonly NameRecord[]): Uint8Array {
    const recs: RawOption[] = [];
    for (const r of records) {
      const addr = parseIp(r.address);
      if (!addr) continue;
      const names = r.names.map((n) => utf8.encode(n + '\0'));
      const value = new Uint8Array(addr.length + names.reduce((n, b) => n + b.length, 0));
      value.set(addr);
      let o = addr.length;
      for (const n of names) {
        value.set(n, o);
        o += n.length;
      }
      recs.push({ code: addr.length === 4 ? 1 : 2, value });
    }
    // Records have the layout of options, and nrb_record_end that of opt_endofopt.
    const { out } = this.block(4, 0, recs);
    return recs.length ? out : this.block(4, 4, []).out;
  }

  /** A block copied as read (onOtherBlock); only meaningful in a section of the same byte order. */
  rawBlock(block: Uint8Array): Uint8Array {
    return block.slice();
  }

  private timestamp(interfaceId: number, sec: number, nsec: number): void {
    const ifc = this.ifaces[interfaceId];
    secNsecToTicks(sec - (ifc?.tsOffset ?? 0), nsec, ifc?.scale ?? MICRO_SCALE, this.ticks);
  }

  /**
   * Allocates a block of `fixed` body bytes followed by `opts` (plus opt_endofopt when there
   * are any), writes type, lengths and options; returns where the fixed part starts.
   */
  private block(type: number, fixed: number, opts: readonly RawOption[]): { out: Uint8Array; v: DataView; pos: number } {
    let optLen = 0;
    for (const o of opts) optLen += 4 + pad4(o.value.length);
    if (opts.length) optLen += 4;
    const len = 12 + fixed + optLen;
    const out = new Uint8Array(len);
    const v = new DataView(out.buffer);
    v.setUint32(0, type, this.le);
    v.setUint32(4, len, this.le);
    v.setUint32(len - 4, len, this.le);
    let p = 8 + fixed;
    for (const o of opts) {
      v.setUint16(p, o.code, this.le);
      v.setUint16(p + 2, o.value.length, this.le);
      out.set(o.value, p + 4);
      p += 4 + pad4(o.value.length);
    }
    return { out, v, pos: 8 };
  }

  private uint32Option(code: number, n: number): RawOption {
    const value = new Uint8Array(4);
    new DataView(value.buffer).setUint32(0, n >>> 0, this.le);
    return { code, value };
  }

  private uint64Option(code: number, n: number): RawOption {
    const value = new Uint8Array(8);
    new DataView(value.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(Math.trunc(n))), this.le);
    return { code, value };
  }

  private int64Option(code: number, n: number): RawOption {
    const value = new Uint8Array(8);
    new DataView(value.buffer).setBigInt64(0, BigInt(Math.trunc(n)), this.le);
    return { code, value };
  }
}

function textOption(code: number, text: string): RawOption {
  return { code, value: utf8.encode(text) };
}

/** "192.0.2.1" -> 4 bytes, "2001:db8::1" or "::ffff:192.0.2.1" -> 16 bytes; null otherwise. */
function parseIp(text: string): Uint8Array | null {
  const v4 = (t: string): number[] | null => {
    const parts = t.split('.');
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return null;
    return parts.map(Number);
  };
  if (!text.includes(':')) {
    const b = v4(text);
    return b ? Uint8Array.from(b) : null;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const words = (t: string): number[] | null => {
    if (t === '') return [];
    const out: number[] = [];
    for (const g of t.split(':')) {
      if (g.includes('.')) {
        const b = v4(g);
        if (!b) return null;
        out.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const head = words(halves[0] ?? '');
  const tail = halves.length === 2 ? words(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 2 && fill < 1) || (halves.length === 1 && fill !== 0)) return null;
  const all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}
