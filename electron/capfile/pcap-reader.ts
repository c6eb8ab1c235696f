// Classic pcap (libpcap savefile) parser, resumable over chunks.
//
// It follows libpcap 1.10.3's sf-pcap.c to the letter, because the engine's summaries must
// match `tcpdump -r` and so must the set of packets and the error that ends them:
//  * both byte orders; µs (a1b2c3d4), ns (a1b23c4d) and Kuznetzov's patched (a1b2cd34,
//    24-byte record headers) magics;
//  * versions: major < 2 is "archaic", only 2.0-2.4 and DG/UX's 543.0 are read; before 2.3
//    caplen and len were stored the other way round, and 2.3 files may be either;
//  * the link type is the low 26 bits of the header field (the top 6 carry the FCS length);
//  * the snapshot length is adjusted like pcap_adjust_snapshot() (0 -> the maximum);
//  * a caplen above the link type's maximum (262144 for most) is damage and ends the read,
//    but a caplen above the snapshot length and within that maximum is tolerated: libpcap
//    hands out only the first `snapshot` bytes and skips the rest (see fileCaplen);
//  * the timestamp fraction is kept raw (µs field x 1000), even out of range, as tcpdump
//    prints it ("10.1000000").
// Nothing is allocated per packet: one PacketRecord is filled again for each packet, and a
// sink with onPacketAt gets the chunk and an offset instead of a view of the bytes.

import { readError, type FormatParser } from './format-parser.js';
import { newPacketRecord, setPacketRecord } from './packet-record.js';
import { libpcapSnapshot, linktypeToDlt, maxSnaplenForLinktype } from './linktypes.js';
import type { CaptureInterface, LibpcapPhase, LibpcapRefusal, ReadError, ReaderSink } from './types.js';

export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;
const PCAP_MAGIC_KUZNETZOV = 0xa1b2cd34;

/** LT_LINKTYPE(): libpcap 1.10 keeps the low 26 bits (the reserved ones included). */
const LT_LINKTYPE_MASK = 0x03ffffff;
/** Bits 16-25: reserved, must be zero. */
const LT_RESERVED_MASK = 0x03ff0000;
const LT_FCS_LENGTH_PRESENT = 0x04000000;

const isPcapMagic = (m: number): boolean =>
  m === PCAP_MAGIC_MICRO || m === PCAP_MAGIC_NANO || m === PCAP_MAGIC_KUZNETZOV;

/** True when the first 4 bytes at `pos` are a pcap magic number, in either byte order. */
export function looksLikePcap(view: DataView, pos: number): boolean {
  return isPcapMagic(view.getUint32(pos, true)) || isPcapMagic(view.getUint32(pos, false));
}

/** How caplen and len are ordered in the record header (libpcap's lengths_swapped). */
const Lengths = { NotSwapped: 0, MaybeSwapped: 1, Swapped: 2 } as const;
type Lengths = (typeof Lengths)[keyof typeof Lengths];

export class PcapReader implements FormatParser {
  need = 24;
  error: ReadError | null = null;
  readonly refusal: LibpcapRefusal | null = null;
  packets = 0;
  readonly interfaces: CaptureInterface[] = [];

  private headerDone = false;
  private le = true;
  private nano = false;
  private hdrSize = 16;
  private lengths: Lengths = Lengths.NotSwapped;
  /** libpcap's p->snapshot: the adjusted snapshot length packets are clipped to. */
  private snapshot = 0;
  /** max_snaplen_for_dlt(): larger caplens are damage. */
  private maxCaplen = 0;
  /** The record handed to the sink for every packet (valid only during the call). */
  private readonly rec = newPacketRecord();

  constructor(private readonly sink: ReaderSink) {}

  parse(buf: Uint8Array, view: DataView, pos: number, end: number, base: number): number {
    if (this.error) return pos;
    if (!this.headerDone) {
      if (end - pos < 24) {
        this.need = 24;
        return pos;
      }
      this.readFileHeader(view, pos, base);
      if (this.error) return pos;
      pos += 24;
    }
    const { sink, le, hdrSize, snapshot, maxCaplen, nano, lengths, rec } = this;
    const at = sink.onPacketAt !== undefined;
    for (;;) {
      const avail = end - pos;
      if (avail < hdrSize) {
        this.need = hdrSize;
        return pos;
      }
      const tsSec = view.getUint32(pos, le);
      const frac = view.getUint32(pos + 4, le);
      let caplen = view.getUint32(pos + 8, le);
      let wirelen = view.getUint32(pos + 12, le);
      if (lengths !== Lengths.NotSwapped && (lengths === Lengths.Swapped || caplen > wirelen)) {
        const t = caplen;
        caplen = wirelen;
        wirelen = t;
      }
      if (caplen > maxCaplen) {
        const msg =
          caplen > snapshot
            ? `invalid packet capture length ${caplen}, bigger than snaplen of ${snapshot}`
            : `invalid packet capture length ${caplen}, bigger than maximum of ${maxCaplen}`;
        this.fail('malformed', msg, base + pos, 'loop');
        return pos;
      }
      const total = hdrSize + caplen;
      if (avail < total) {
        this.need = total;
        return pos;
      }
      const clipped = caplen > snapshot;
      const deliver = clipped ? snapshot : caplen;
      const data = pos + hdrSize;
      setPacketRecord(
        rec,
        ++this.packets,
        0,
        tsSec,
        nano ? frac : frac * 1000,
        deliver,
        wirelen,
        base + data,
        base + pos,
        0,
        undefined,
        undefined,
        clipped ? caplen : undefined,
      );
      pos += total;
      if (at) sink.onPacketAt!(rec, buf, data);
      else sink.onPacket(rec, buf.subarray(data, data + deliver));
    }
  }

  finish(_buf: Uint8Array, view: DataView, pos: number, end: number, base: number): void {
    if (this.error) return;
    const left = end - pos;
    if (!this.headerDone) {
      // pcap_open_offline() read the 4 magic bytes, then tried to read the other 20.
      this.fail('truncated', `truncated dump file; tried to read 24 file header bytes, only got ${left - 4}`, base + pos, 'open');
      return;
    }
    if (left === 0) return;
    if (left < this.hdrSize) {
      this.fail('truncated', `truncated dump file; tried to read ${this.hdrSize} header bytes, only got ${left}`, base + pos, 'loop');
      return;
    }
    let caplen = view.getUint32(pos + 8, this.le);
    const wirelen = view.getUint32(pos + 12, this.le);
    if (this.lengths === Lengths.Swapped || (this.lengths === Lengths.MaybeSwapped && caplen > wirelen)) caplen = wirelen;
    const got = left - this.hdrSize;
    // A clipped record is read in two steps (snapshot bytes, then the rest to discard), and
    // libpcap names whichever step ran out.
    const tried = caplen > this.snapshot && got < this.snapshot ? this.snapshot : caplen;
    this.fail('truncated', `truncated dump file; tried to read ${tried} captured bytes, only got ${got}`, base + pos, 'loop');
  }

  private readFileHeader(view: DataView, pos: number, base: number): void {
    let magic = view.getUint32(pos, true);
    this.le = isPcapMagic(magic);
    if (!this.le) magic = view.getUint32(pos, false);
    const le = this.le;
    const versionMajor = view.getUint16(pos + 4, le);
    const versionMinor = view.getUint16(pos + 6, le);
    if (versionMajor < 2) {
      this.fail('format', 'archaic pcap savefile format', base + pos, 'open');
      return;
    }
    if (!((versionMajor === 2 && versionMinor <= 4) || (versionMajor === 543 && versionMinor === 0))) {
      this.fail('format', `unsupported pcap savefile version ${versionMajor}.${versionMinor}`, base + pos, 'open');
      return;
    }
    const thiszone = view.getInt32(pos + 8, le);
    const sigfigs = view.getUint32(pos + 12, le);
    const snaplen = view.getUint32(pos + 16, le);
    const linktypeField = view.getUint32(pos + 20, le);
    const linktype = linktypeField & LT_LINKTYPE_MASK;

    this.headerDone = true;
    this.nano = magic === PCAP_MAGIC_NANO;
    this.hdrSize = magic === PCAP_MAGIC_KUZNETZOV ? 24 : 16;
    this.lengths =
      versionMajor === 543 || versionMinor < 3
        ? Lengths.Swapped
        : versionMinor === 3
          ? Lengths.MaybeSwapped
          : Lengths.NotSwapped;
    this.snapshot = libpcapSnapshot(linktype, snaplen);
    // Kuznetzov's format may hold cooked captures with a fake 14-byte Ethernet header added.
    if (magic === PCAP_MAGIC_KUZNETZOV && linktypeToDlt(linktype) === 1) {
      this.snapshot = Math.min(this.snapshot + 14, 0x7fffffff);
    }
    this.maxCaplen = maxSnaplenForLinktype(linktype);
    this.need = this.hdrSize;

    this.sink.onHeader?.('pcap', {
      format: 'pcap',
      bigEndian: !le,
      versionMajor,
      versionMinor,
      pcapHeader: { magic, versionMajor, versionMinor, thiszone, sigfigs, snaplen, linktypeField },
    });
    const iface: CaptureInterface = {
      id: 0,
      section: 0,
      localId: 0,
      linktype,
      snaplen,
      tsUnitsPerSecond: this.nano ? 1e9 : 1e6,
      nanoPrecision: this.nano,
      tsOffset: 0,
      ...(linktypeField & LT_FCS_LENGTH_PRESENT ? { fcsLength: linktypeField >>> 28 } : {}),
    };
    this.interfaces.push(iface);
    this.sink.onInterface?.(iface);

    if (linktypeField & LT_RESERVED_MASK) {
      // libpcap 1.10.3 opens such a file (tcpdump prints its "reading from file" line), but
      // the masked value is no link type it knows and lies outside the 104..289 range its
      // filter compiler accepts, so tcpdump stops there, before any packet.
      this.fail('format', `unknown data link type ${linktype} (min 104, max 289)`, base + pos + 20, 'filter');
    }
  }

  private fail(kind: ReadError['kind'], message: string, offset: number, phase: LibpcapPhase): void {
    this.error = readError(kind, message, offset, phase);
    this.need = 0;
  }
}
