// electron/engine/summary/: tcpdump's one line per packet, its flags and its hex dump.
import { FrameDissector, type DissectResult } from '../dissect/dissect-frame.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../dissect/print-options.js';
import type { Registry } from '../dissect/registry.js';
import type { CaptureInterface, PacketRecord } from '../../capfile/types.js';
import { TCP_SEQ_STATE, TcpSeqTable } from '../protocols/tcp-seq-table.js';
import { putLatin1, putUint, putUint6 } from './byte-format.js';
import { FAST_LINE_MAX, FastLinePrinter } from './fast-line.js';
import type { LineBuffer } from './line-buffer.js';
import { TIME_ERROR, TimestampPrinter, libpcapSeconds, localOffset, usecOf, type TimeFormat, type TimeZoneOffset } from './timestamp.js';

export interface LineOptions {
  readonly print: PrintOptions;
  readonly time: TimeFormat;
  /** tcpdump -#: prefix each line with the packet number. */
  readonly numbered: boolean;
  readonly tz: TimeZoneOffset;
  /** Interface names by ifindex for SLL2 (tcpdump looks them up on the reading host). */
  readonly interfaceName?: (ifindex: number) => string;
}

export const DEFAULT_LINE_OPTIONS: LineOptions = {
  print: DEFAULT_PRINT_OPTIONS,
  time: 'time',
  numbered: false,
  tz: localOffset,
};

/** The frame's meta, one object reused for every packet (FrameDissector reads it during the call). */
interface MutableMeta {
  number: number;
  linktype: number;
  epbFlags: number | undefined;
  interfaceName: ((ifindex: number) => string) | undefined;
}

/**
 * Turns the packets of one capture, in file order, into tcpdump's output lines:
 * timestamp column, the printers' text, and a newline per packet.
 *
 * `write` is the path of `ackline read`: bytes into a reused LineBuffer, through the
 * byte-writing fast path (fast-line.ts) for the common lines and the full printers for the
 * rest. `line` gives the same text as a string with the dissection result (-Y, --jsonl).
 */
export class LinePrinter {
  private readonly dissector: FrameDissector;
  private readonly ts: TimestampPrinter;
  private readonly interfaces = new Map<number, CaptureInterface>();
  private readonly fast: FastLinePrinter | null;
  private readonly meta: MutableMeta;
  /** Link type of the last interface looked up (captures mostly have one). */
  private lastInterface = -1;
  private lastLinktype = -1;
  /** The default time column's `HH:MM:SS.` for the second `hmsSec` (empty: TIME_ERROR). */
  private hmsSec = NaN;
  private hms = new Uint8Array(0);

  constructor(
    registry: Registry,
    readonly opts: LineOptions = DEFAULT_LINE_OPTIONS,
    /** false: always the full printers (tests compare both paths). */
    fastPath = true,
  ) {
    this.dissector = new FrameDissector(registry, opts.print);
    this.ts = new TimestampPrinter(opts.time, opts.tz);
    const seq = new TcpSeqTable();
    this.dissector.setState(TCP_SEQ_STATE, seq);
    this.fast = fastPath ? FastLinePrinter.create(registry, opts.print, seq) : null;
    this.meta = { number: 0, linktype: -1, epbFlags: undefined, interfaceName: opts.interfaceName };
  }

  addInterface(iface: CaptureInterface): void {
    this.interfaces.set(iface.id, iface);
    this.lastInterface = -1;
  }

  linktypeOf(interfaceId: number): number {
    if (interfaceId !== this.lastInterface) {
      this.lastInterface = interfaceId;
      this.lastLinktype = this.interfaces.get(interfaceId)?.linktype ?? -1;
    }
    return this.lastLinktype;
  }

  /** Dissects one packet and returns its full output text (without the trailing newline). */
  line(rec: PacketRecord, data: Uint8Array, wantTree = false): { text: string; result: DissectResult } {
    const result = this.dissect(rec, data, wantTree);
    const prefix = this.opts.numbered ? String(rec.number).padStart(5) + '  ' : '';
    // tcpdump's sanity checks on the record header come before the timestamp (print.c).
    const invalid = invalidHeader(rec.caplen, rec.wirelen);
    if (invalid) return { text: prefix + invalid, result };
    // blockType 0 = a record of a classic pcap file, whose seconds libpcap reads as signed.
    const sec = libpcapSeconds(rec.tsSec, rec.blockType === 0);
    return { text: prefix + this.ts.next(sec, rec.tsNsec) + result.line, result };
  }

  /** Writes one packet's output and its newline into `out`: the same bytes as `line`'s text. */
  write(rec: PacketRecord, data: Uint8Array, out: LineBuffer): void {
    this.writeAt(rec, data, 0, out);
  }

  /**
   * `write` for the packet at `buf[start, start + rec.caplen)` (ReaderSink.onPacketAt): the
   * fast path reads it in place; only a packet the full printers take gets a view.
   */
  writeAt(rec: PacketRecord, buf: Uint8Array, start: number, out: LineBuffer): void {
    const caplen = rec.caplen;
    const len = rec.wirelen;
    if (caplen === 0 || len < caplen || len > MAXIMUM_SNAPLEN) {
      // Only here can invalidHeader() find something (caplen <= len <= the maximum otherwise).
      out.latin1(this.line(rec, buf.subarray(start, start + caplen)).text + '\n');
      return;
    }
    out.reserve(FAST_LINE_MAX + 64);
    let p = out.pos;
    const b = out.buf;
    if (this.opts.numbered) {
      // String(n).padStart(5) + two spaces.
      const start = p;
      p = putUint(b, p, rec.number);
      const pad = 5 - (p - start);
      if (pad > 0) {
        b.copyWithin(start + pad, start, p);
        b.fill(32, start, start + pad);
        p += pad;
      }
      b[p++] = 32;
      b[p++] = 32;
    }
    const sec = libpcapSeconds(rec.tsSec, rec.blockType === 0);
    p = this.opts.time === 'time' ? this.timeOfDay(b, p, sec, rec.tsNsec) : putLatin1(b, p, this.ts.next(sec, rec.tsNsec));
    const end = this.fast ? this.fast.print(buf, start, caplen, rec.wirelen, this.linktypeOf(rec.interfaceId), b, p) : -1;
    if (end >= 0) {
      b[end] = 10;
      out.pos = end + 1;
      return;
    }
    out.pos = p;
    out.latin1(this.dissect(rec, buf.subarray(start, start + caplen), false).line);
    out.reserve(1);
    out.buf[out.pos++] = 10;
  }

  /** TimestampPrinter's default column as bytes: `HH:MM:SS.uuuuuu `, made once per second. */
  private timeOfDay(b: Uint8Array, p: number, sec: number, nsec: number): number {
    if (sec !== this.hmsSec) {
      this.hmsSec = sec;
      const t = this.ts.next(sec, 0);
      const hms = t === TIME_ERROR + ' ' ? '' : t.slice(0, t.length - 7);
      this.hms = new Uint8Array(hms.length);
      putLatin1(this.hms, 0, hms);
    }
    const hms = this.hms;
    if (hms.length === 0) return putLatin1(b, p, TIME_ERROR + ' ');
    for (let i = 0; i < hms.length; i++) b[p + i] = hms[i]!;
    p = putUint6(b, p + hms.length, usecOf(nsec));
    b[p] = 32;
    return p + 1;
  }

  dissect(rec: PacketRecord, data: Uint8Array, wantTree = false): DissectResult {
    const meta = this.meta;
    meta.number = rec.number;
    meta.linktype = this.linktypeOf(rec.interfaceId);
    meta.epbFlags = rec.epbFlags;
    return this.dissector.dissect(data, rec.wirelen, meta, wantTree);
  }
}

const MAXIMUM_SNAPLEN = 262144;

/** pretty_print_packet's "[Invalid header: ...]" line, or null when the record header is sane. */
export function invalidHeader(caplen: number, len: number): string | null {
  const parts: string[] = [];
  if (caplen === 0) parts.push(' caplen==0');
  if (len === 0) parts.push(' len==0');
  else if (len < caplen) parts.push(` len(${len}) < caplen(${caplen})`);
  if (caplen > MAXIMUM_SNAPLEN) parts.push(` caplen(${caplen}) > ${MAXIMUM_SNAPLEN}`);
  if (len > MAXIMUM_SNAPLEN) parts.push(` len(${len}) > ${MAXIMUM_SNAPLEN}`);
  if (!parts.length) return null;
  return '[Invalid header:' + parts.join(',') + ']';
}
