// `ackline read FILE`: every packet as `tcpdump -n -r FILE` prints it, or --jsonl.
//
// Plain lines need only the printers: -Y and --jsonl (the filter compiler, the capture index,
// JSON) live in read-indexed.ts, loaded only for them, so that `read` starts by loading and
// compiling as little as it can (startup is a visible share of reading a capture).
import { tcpdumpReadingLine } from '../capfile/linktypes.js';
import type { PacketRecord } from '../capfile/types.js';
import { createRegistry } from '../engine/protocols/index.js';
import { latin1String } from '../engine/summary/byte-format.js';
import { LineBuffer } from '../engine/summary/line-buffer.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter } from '../engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../engine/summary/tcpdump-flags.js';
import { CliError, type CliIo } from './cli-io.js';
import { readCapture } from './read-capture.js';

export interface ReadArgs {
  file: string;
  jsonl: boolean;
  flags: string[];
  /** -Y: a Wireshark display filter; only matching packets are printed. */
  filter?: string;
}

function parseReadArgs(args: readonly string[]): ReadArgs {
  let file: string | undefined;
  let jsonl = false;
  let filter: string | undefined;
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--jsonl') jsonl = true;
    else if (a === '-r') file = args[++i];
    else if (a === '-Y' || a === '--display-filter') {
      const f = args[++i];
      if (f === undefined) throw new CliError(`read: ${a} needs a display filter`, 2);
      filter = f;
    }
    else if (a.startsWith('-') && a.length > 1) flags.push(a);
    else if (file === undefined) file = a;
    else throw new CliError(`unexpected argument '${a}'`, 2);
  }
  if (!file) throw new CliError('read: no capture file given (usage: ackline read FILE)', 2);
  return { file, jsonl, flags, ...(filter !== undefined ? { filter } : {}) };
}

export async function runRead(args: readonly string[], io: CliIo): Promise<number> {
  const a = parseReadArgs(args);
  const { opts, unknown } = parseTcpdumpFlags(a.flags, { ...DEFAULT_LINE_OPTIONS, tz: (s) => io.tzOffset(s) });
  if (unknown.length) throw new CliError(`read: unsupported option ${unknown.join(' ')}`, 2);
  if (a.jsonl || a.filter !== undefined) return (await import('./read-indexed.js')).runIndexedRead(a, opts, io);
  const printer = new LinePrinter(createRegistry(), opts);
  let announced = false;
  // Lines are written as bytes (LinePrinter.write); a host without byte output gets them as text.
  const stdout = io.stdout ?? new LineBuffer((b, n) => io.out(latin1String(b, 0, n)));
  const { damage } = await readCapture(io, a.file, {
    onInterface: (iface) => {
      printer.addInterface(iface);
      if (!announced) {
        announced = true;
        io.err(tcpdumpReadingLine(a.file.split('/').pop() ?? a.file, iface.linktype, iface.snaplen) + '\n');
      }
    },
    // The packet is read in place in the chunk (no view per packet).
    onPacketAt: (rec: PacketRecord, buf: Uint8Array, start: number) => printer.writeAt(rec, buf, start, stdout),
    onPacket: (rec, data) => printer.write(rec, data, stdout),
  }, { stopWhereLibpcapStops: true }); // tcpdump's verdict, even on valid files libpcap refuses
  stdout.flush();
  if (damage) throw new CliError(damage);
  return 0;
}
