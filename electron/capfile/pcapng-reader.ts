// pcapng parser, resumable over chunks.
//
// Two references decide what it does:
//  * libpcap 1.10.3 (sf-pcapng.c) for everything that is damage: the block framing checks
//    (length >= 12, multiple of 4, <= 16 MiB, trailer = header), the IDB option checks, the
//    "open" phase that ends at the first IDB, and the exact words of every error;
//  * tshark for valid files that libpcap refuses: interfaces with different link types or
//    snapshot lengths, sections with different byte orders, a file without any IDB. Those
//    are read to the end; where libpcap would have stopped is kept in `refusal` so that a
//    tcpdump-compatible front end can stop there too. Constructed with `stopAtRefusal`, the
//    parser itself stops there instead, with libpcap's words as its error: what `tcpdump -r`
//    prints and reports, packet for packet.
// Interface numbers in packet blocks are per section (libpcap and the spec reset them at each
// SHB); CaptureInterface.id numbers all interfaces of the file.
// Per packet: nothing allocated (without options). One PacketRecord is filled again for each
// packet, timestamps go through a reused holder, and a sink with onPacketAt gets the block's
// buffer and an offset instead of a view of the bytes.

import { ticksToSecNsec, type SecNsec, type TickScale } from './timestamp.js';
import { readError, type FormatParser } from './format-parser.js';
import { newPacketRecord, setPacketRecord } from './packet-record.js';
import { maxSnaplenForLinktype } from './linktypes.js';
import { readIdb, readIsb, readNrb, readPacketOptions, readShbOptions, type PacketOptions } from './pcapng-blocks.js';
import { LibpcapPcapngState } from './pcapng-libpcap.js';
import type { CaptureInterface, LibpcapRefusal, PacketRecord, ReadError, ReaderSink } from './types.js';

export const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 1;
const BT_PB = 2;
const BT_SPB = 3;
const BT_NRB = 4;
const BT_ISB = 5;
const BT_EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
/** libpcap's BT_SHB_INSANE_MAX, checked on the first SHB only. */
const SHB_INSANE_MAX = 1024 * 1024;

/** What packet blocks need from their interface, resolved once per IDB. */
interface Iface {
  readonly info: CaptureInterface;
  readonly scale: TickScale;
  readonly tsOffset: number;
  readonly snaplen: number;
  readonly maxCaplen: number;
}

const pad4 = (n: number): number => (n + 3) & ~3;

export class PcapngReader implements FormatParser {
  need = 12;
  error: ReadError | null = null;
  packets = 0;
  readonly interfaces: CaptureInterface[] = [];

  private le = true;
  private section = -1;
  private sectionIfaces: Iface[] = [];
  /** libpcap's view of the file: its open/loop phase, its limits, where it would stop. */
  private readonly libpcap = new LibpcapPcapngState();
  private readonly ts: SecNsec = { sec: 0, nsec: 0 };
  private readonly opts: PacketOptions = { comments: undefined, flags: undefined };
  /** The record handed to the sink for every packet (valid only during the call). */
  private readonly rec = newPacketRecord();

  constructor(
    private readonly sink: ReaderSink,
    /** End the read where libpcap would refuse the file (tcpdump's verdict), not just note it. */
    private readonly stopAtRefusal = false,
  ) {}

  get refusal(): LibpcapRefusal | null {
    return this.libpcap.refusal;
  }

  parse(buf: Uint8Array, view: DataView, pos: number, end: number, base: number): number {
    if (this.error) return pos;
    if (this.section < 0) {
      pos = this.firstShb(buf, view, pos, end, base);
      if (this.section < 0) return pos;
    }
    for (;;) {
      const avail = end - pos;
      if (avail < 8) {
        this.need = 8;
        return pos;
      }
      const type = view.getUint32(pos, this.le);
      let le = this.le;
      if (type === BT_SHB) {
        // The byte order of a new section is only known from its byte-order magic.
        if (avail < 12) {
          this.need = 12;
          return pos;
        }
        if (view.getUint32(pos + 8, le) === BYTE_ORDER_MAGIC_SWAPPED) {
          this.libpcap.byteOrderChange(view.getUint32(pos + 4, le), this.packets, base + pos);
          if (this.refused()) return pos;
          le = !le;
        }
      }
      const len = view.getUint32(pos + 4, le);
      const framing = this.libpcap.framingError(len);
      if (framing) return this.fail('malformed', framing, base + pos, pos);
      if (avail < len) {
        this.need = len;
        return pos;
      }
      if (view.getUint32(pos + len - 4, le) !== len) {
        return this.fail('malformed', "block total length in header and trailer don't match", base + pos, pos);
      }
      this.block(type, le, buf, view, pos, pos + len - 4, base);
      if (this.error) return pos;
      pos += len;
    }
  }

  finish(_buf: Uint8Array, view: DataView, pos: number, end: number, base: number): void {
    if (this.error) return;
    const left = end - pos;
    if (this.section < 0) {
      if (left < 12) {
        // libpcap could not even read the byte-order magic: "not pcapng", hence not any format.
        this.fail('format', 'unknown file format', base + pos, pos);
      } else {
        const len = view.getUint32(pos + 4, this.le);
        this.fail('truncated', `truncated pcapng dump file; tried to read ${len - 12} bytes, only got ${left - 12}`, base + pos, pos);
      }
      return;
    }
    if (left === 0) {
      if (!this.libpcap.opened) this.libpcap.refuse('the capture file has no Interface Description Blocks', 0, base + pos);
      this.refused();
      return;
    }
    if (left < 8) {
      this.fail('truncated', `truncated pcapng dump file; tried to read 8 bytes, only got ${left}`, base + pos, pos);
      return;
    }
    // libpcap reads the length in the current section's byte order.
    const len = view.getUint32(pos + 4, this.le);
    const framing = this.libpcap.framingError(len);
    if (framing) this.fail('malformed', framing, base + pos, pos);
    else this.fail('truncated', `truncated pcapng dump file; tried to read ${len - 8} bytes, only got ${left - 8}`, base + pos, pos);
  }

  /** The first SHB, checked the way pcap_ng_check_header() does (no trailer check there). */
  private firstShb(buf: Uint8Array, view: DataView, pos: number, end: number, base: number): number {
    const avail = end - pos;
    if (avail < 12) {
      this.need = 12;
      return pos;
    }
    if (view.getUint32(pos + 8, true) === BYTE_ORDER_MAGIC) this.le = true;
    else if (view.getUint32(pos + 8, false) === BYTE_ORDER_MAGIC) this.le = false;
    else return this.fail('format', 'unknown file format', base + pos, pos);
    const le = this.le;
    const len = view.getUint32(pos + 4, le);
    if (len < 28 || len > SHB_INSANE_MAX) {
      const msg = `Section Header Block in pcapng dump file has invalid length 28 < _${len}_ < ${SHB_INSANE_MAX} (BT_SHB_INSANE_MAX)`;
      return this.fail('malformed', msg, base + pos, pos);
    }
    if (avail < len) {
      this.need = len;
      return pos;
    }
    const major = view.getUint16(pos + 12, le);
    const minor = view.getUint16(pos + 14, le);
    if (!(major === 1 && (minor === 0 || minor === 2))) {
      return this.fail('format', `unsupported pcapng savefile version ${major}.${minor}`, base + pos, pos);
    }
    this.startSection(buf, view, pos + 8, pos + len - 4, le);
    return pos + len;
  }

  private startSection(buf: Uint8Array, view: DataView, body: number, bodyEnd: number, le: boolean): void {
    this.le = le;
    this.section++;
    this.sectionIfaces = [];
    const opts = readShbOptions(buf, view, body + 16, bodyEnd, le);
    this.sink.onHeader?.('pcapng', {
      format: 'pcapng',
      bigEndian: !le,
      versionMajor: view.getUint16(body + 4, le),
      versionMinor: view.getUint16(body + 6, le),
      section: this.section,
      ...opts,
    });
  }

  private block(type: number, le: boolean, buf: Uint8Array, view: DataView, pos: number, bodyEnd: number, base: number): void {
    const body = pos + 8;
    switch (type) {
      case BT_EPB:
        if (bodyEnd - body < 20) return this.tooShort(type, base + pos);
        return this.packet(type, view.getUint32(body, le), view.getUint32(body + 4, le), view.getUint32(body + 8, le),
          view.getUint32(body + 12, le), view.getUint32(body + 16, le), body + 20, buf, view, bodyEnd, pos, base);
      case BT_PB:
        if (bodyEnd - body < 20) return this.tooShort(type, base + pos);
        return this.packet(type, view.getUint16(body, le), view.getUint32(body + 4, le), view.getUint32(body + 8, le),
          view.getUint32(body + 12, le), view.getUint32(body + 16, le), body + 20, buf, view, bodyEnd, pos, base);
      case BT_SPB:
        return this.simplePacket(buf, view, body, bodyEnd, pos, base);
      case BT_IDB:
        return this.interfaceBlock(buf, view, body, bodyEnd, base + pos);
      case BT_SHB: {
        if (bodyEnd - body < 16) return this.tooShort(type, base + pos);
        if (view.getUint32(body, le) !== BYTE_ORDER_MAGIC) {
          return void this.fail('malformed', 'the file has a section with a bad byte order magic field', base + pos, pos);
        }
        const major = view.getUint16(body + 4, le);
        if (major !== 1) {
          return void this.fail('format', `unknown pcapng savefile major version number ${major}`, base + pos, pos);
        }
        return this.startSection(buf, view, body, bodyEnd, le);
      }
      case BT_ISB: {
        const isb = readIsb(buf, view, body, bodyEnd, le);
        const ifc = isb && this.sectionIfaces[isb.localInterfaceId];
        if (!isb || !ifc || !this.sink.onStatistics) return;
        ticksToSecNsec(isb.tsHi, isb.tsLo, ifc.scale, this.ts);
        return this.sink.onStatistics({ interfaceId: ifc.info.id, tsSec: this.ts.sec + ifc.tsOffset, tsNsec: this.ts.nsec, ...isb.stats });
      }
      case BT_NRB:
        return this.sink.onNames?.(readNrb(buf, view, body, bodyEnd, le));
      default:
        return this.sink.onOtherBlock?.(type, buf.subarray(pos, bodyEnd + 4), base + pos);
    }
  }

  private interfaceBlock(buf: Uint8Array, view: DataView, body: number, bodyEnd: number, offset: number): void {
    if (bodyEnd - body < 8) return this.tooShort(BT_IDB, offset);
    const le = this.le;
    const linktype = view.getUint16(body, le);
    const snaplen = view.getUint32(body + 4, le);
    // Errors in this IDB's options belong to libpcap's open phase if it is the first IDB.
    const phase = this.libpcap.phase;
    // libpcap 1.10 reads one link type and snapshot length per file and quits at the first
    // IDB that differs; tshark reads such (valid) files, and so do we.
    this.libpcap.interfaceBlock(linktype, snaplen, this.packets, offset);
    if (this.refused()) return;
    const idb = readIdb(buf, view, body, bodyEnd, le);
    if (typeof idb === 'string') {
      this.error = readError('malformed', idb, offset, phase);
      this.need = 0;
      return;
    }
    const info: CaptureInterface = {
      id: this.interfaces.length,
      section: this.section,
      localId: this.sectionIfaces.length,
      linktype,
      snaplen,
      tsUnitsPerSecond: idb.scale.perSecond,
      nanoPrecision: idb.scale.perSecond >= 1e9,
      tsOffset: idb.tsOffset,
      ...(idb.name !== undefined ? { name: idb.name } : {}),
      ...(idb.description !== undefined ? { description: idb.description } : {}),
      ...(idb.comments ? { comments: idb.comments } : {}),
      ...(idb.fcsLength !== undefined ? { fcsLength: idb.fcsLength } : {}),
      rawOptions: idb.rawOptions,
    };
    this.interfaces.push(info);
    this.sectionIfaces.push({ info, scale: idb.scale, tsOffset: idb.tsOffset, snaplen, maxCaplen: maxSnaplenForLinktype(linktype) });
    this.sink.onInterface?.(info);
  }

  /** EPB and obsolete PB: fixed fields already read; data starts at `data`. */
  private packet(type: number, localId: number, tsHi: number, tsLo: number, caplen: number, wirelen: number,
    data: number, buf: Uint8Array, view: DataView, bodyEnd: number, pos: number, base: number): void {
    const ifc = this.packetInterface(localId, base + pos);
    if (!ifc) return;
    const snapshot = this.libpcap.snapshot;
    if (caplen > snapshot) {
      const msg = `invalid packet capture length ${caplen}, bigger than snaplen of ${snapshot}`;
      if (caplen > ifc.maxCaplen) return void this.fail('malformed', msg, base + pos, pos);
      this.libpcap.refuse(msg, this.packets, base + pos);
      if (this.refused()) return;
    }
    if (caplen > bodyEnd - data) return this.tooShort(type, base + pos);
    const ts = this.ts;
    ticksToSecNsec(tsHi, tsLo, ifc.scale, ts);
    // Options follow the padded data; most files have none, so nothing is allocated then.
    const opts = this.opts;
    readPacketOptions(buf, view, data + pad4(caplen), bodyEnd, this.le, opts);
    const rec = setPacketRecord(this.rec, ++this.packets, ifc.info.id, ts.sec + ifc.tsOffset, ts.nsec, caplen, wirelen,
      base + data, base + pos, type, opts.comments, opts.flags, undefined);
    this.deliver(rec, buf, data);
  }

  /** SPB: no timestamp, interface 0 of the section, caplen = min(len, snaplen, room in block). */
  private simplePacket(buf: Uint8Array, view: DataView, body: number, bodyEnd: number, pos: number, base: number): void {
    if (bodyEnd - body < 4) return this.tooShort(BT_SPB, base + pos);
    const ifc = this.packetInterface(0, base + pos);
    if (!ifc) return;
    const wirelen = view.getUint32(body, this.le);
    const room = bodyEnd - body - 4;
    if (Math.min(wirelen, this.libpcap.snapshot) > room) {
      this.libpcap.refuse(`block of type ${BT_SPB} in pcapng dump file is too short`, this.packets, base + pos);
      if (this.refused()) return;
    }
    let caplen = ifc.snaplen !== 0 && wirelen > ifc.snaplen ? ifc.snaplen : wirelen;
    if (caplen > room) caplen = room;
    const rec = setPacketRecord(this.rec, ++this.packets, ifc.info.id, 0, 0, caplen, wirelen, base + body + 4, base + pos, BT_SPB,
      undefined, undefined, undefined);
    this.deliver(rec, buf, body + 4);
  }

  /** Hands a packet to the sink: buf and offset when it takes them, else a view of its bytes. */
  private deliver(rec: PacketRecord, buf: Uint8Array, data: number): void {
    const sink = this.sink;
    if (sink.onPacketAt) sink.onPacketAt(rec, buf, data);
    else sink.onPacket(rec, buf.subarray(data, data + rec.caplen));
  }

  private packetInterface(localId: number, offset: number): Iface | undefined {
    if (!this.libpcap.opened) {
      this.fail('malformed', 'the capture file has a packet block before any Interface Description Blocks', offset, -1);
      return undefined;
    }
    const ifc = this.sectionIfaces[localId];
    if (!ifc) {
      this.fail('malformed', `a packet arrived on interface ${localId}, but there's no Interface Description Block for that interface`, offset, -1);
    }
    return ifc;
  }

  /**
   * With `stopAtRefusal`, turns libpcap's refusal (if there is one by now) into the error that
   * ends the read, where libpcap ends it; true when it did.
   */
  private refused(): boolean {
    const r = this.libpcap.refusal;
    if (!this.stopAtRefusal || !r || this.error) return false;
    this.error = readError('format', r.message, r.offset, r.phase);
    this.need = 0;
    return true;
  }

  private tooShort(type: number, offset: number): void {
    this.fail('malformed', `block of type ${type} in pcapng dump file is too short`, offset, -1);
  }

  /** Records the error (phase from libpcap's open/loop state) and returns `pos` for parse(). */
  private fail(kind: ReadError['kind'], message: string, offset: number, pos: number): number {
    this.error = readError(kind, message, offset, this.libpcap.phase);
    this.need = 0;
    return pos;
  }
}
