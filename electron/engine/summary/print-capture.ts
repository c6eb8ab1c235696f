import { readCaptureBytes } from '../../capfile/capture-reader.js';
import type { ReadError } from '../../capfile/types.js';
import { createRegistry } from '../protocols/index.js';
import { latin1String } from './byte-format.js';
import { LineBuffer } from './line-buffer.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter, type LineOptions } from './line-printer.js';

export interface PrintedCapture {
  /** One entry per packet: tcpdump's output for it (may contain hex-dump lines after "\n"). */
  readonly lines: string[];
  readonly error: ReadError | null;
}

/**
 * Prints a whole in-memory capture the way `tcpdump -n -r` does (tests, small files, the
 * browser), every packet the reader reads: also past the place where libpcap refuses a valid
 * pcapng (`ackline read` stops there, as tcpdump does).
 */
export function printCaptureBytes(bytes: Uint8Array, opts: LineOptions = DEFAULT_LINE_OPTIONS): PrintedCapture {
  const printer = new LinePrinter(createRegistry(), opts);
  const lines: string[] = [];
  // The bytes `ackline read` writes, one packet at a time (so the golden tests check them).
  const out = new LineBuffer(null, 1 << 12);
  const res = readCaptureBytes(bytes, {
    onInterface: (iface) => printer.addInterface(iface),
    onPacket: (rec, data) => {
      out.pos = 0;
      printer.write(rec, data, out);
      lines.push(latin1String(out.buf, 0, out.pos - 1));
    },
  });
  return { lines, error: res.error };
}
