// electron/engine/summary/: tcpdump's one line per packet, its flags and its hex dump.
import { FrameDissector, type DissectResult } from '../dissect/dissect-frame.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../dissect/print-options.js';
import type { Registry } from '../dissect/registry.js';
import type { CaptureInterface, PacketRecord } from '../../capfile/types.js';
import { TimestampPrinter, libpcapSeconds, localOffset, type TimeFormat, type TimeZoneOffset } from './timestamp.js';

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

/**
 * Turns the packets of one capture, in file order, into tcpdump's output lines:
 * timestamp column, the printers' text, and a newline per packet.
 */
export class LinePrinter {
  private readonly dissector: FrameDissector;
  private readonly ts: TimestampPrinter;
  private readonly interfaces = new Map<number, CaptureInterface>();

  constructor(
    registry: Registry,
    readonly opts: LineOptions = DEFAULT_LINE_OPTIONS,
  ) {
    this.dissector = new FrameDissector(registry, opts.print);
    this.ts = new TimestampPrinter(opts.time, opts.tz);
  }

  addInterface(iface: CaptureInterface): void {
    this.interfaces.set(iface.id, iface);
  }

  linktypeOf(interfaceId: number): number {
    return this.interfaces.get(interfaceId)?.linktype ?? -1;
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

  dissect(rec: PacketRecord, data: Uint8Array, wantTree = false): DissectResult {
    const meta = {
      number: rec.number,
      linktype: this.linktypeOf(rec.interfaceId),
      ...(rec.epbFlags !== undefined ? { epbFlags: rec.epbFlags } : {}),
      ...(this.opts.interfaceName ? { interfaceName: this.opts.interfaceName } : {}),
    };
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
