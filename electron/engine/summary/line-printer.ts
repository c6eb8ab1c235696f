import { FrameDissector, type DissectResult } from '../dissect/dissect-frame.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../dissect/print-options.js';
import type { Registry } from '../dissect/registry.js';
import type { CaptureInterface, PacketRecord } from '../io/types.js';
import { TimestampPrinter, localOffset, type TimeFormat, type TimeZoneOffset } from './timestamp.js';

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
    let text = this.ts.next(rec.tsSec, rec.tsNsec) + result.line;
    if (this.opts.numbered) text = String(rec.number).padStart(5) + '  ' + text;
    return { text, result };
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
