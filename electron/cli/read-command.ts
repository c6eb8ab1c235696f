// `ackline read FILE`: every packet as `tcpdump -n -r FILE` prints it, or --jsonl.
import { compileFilter, type CompiledFilter } from '../engine/filter/compile-filter.js';
import { caretLine } from '../engine/filter/filter-error.js';
import { analysisFieldNames } from '../engine/flows/analysis-flags.js';
import { CaptureIndex } from '../engine/flows/capture-index.js';
import { tcpdumpReadingLine } from '../capfile/linktypes.js';
import type { PacketRecord } from '../capfile/types.js';
import { createRegistry } from '../engine/protocols/index.js';
import { latin1String } from '../engine/summary/byte-format.js';
import { LineBuffer } from '../engine/summary/line-buffer.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter } from '../engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../engine/summary/tcpdump-flags.js';
import { packetJson } from './packet-json.js';
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
  const filter = a.filter === undefined ? null : readFilter(a.filter);
  const printer = new LinePrinter(createRegistry(), opts);
  let announced = false;
  // --jsonl: each packet is indexed as it is printed, for its flow id and tcp.analysis.* names;
  // -Y: the filter reads the index first and the detail tree only when the index cannot tell.
  const index = a.jsonl || filter ? new CaptureIndex() : null;
  // Plain lines are written as bytes (LinePrinter.write); a host without byte output gets them as text.
  const stdout = io.stdout ?? new LineBuffer((b, n) => io.out(latin1String(b, 0, n)));
  const { damage } = await readCapture(io, a.file, {
    onInterface: (iface) => {
      printer.addInterface(iface);
      index?.addInterface(iface);
      if (!announced && !a.jsonl) {
        announced = true;
        io.err(tcpdumpReadingLine(a.file.split('/').pop() ?? a.file, iface.linktype, iface.snaplen) + '\n');
      }
    },
    // Plain lines: the packet is read in place in the chunk (no view per packet).
    ...(index ? {} : { onPacketAt: (rec: PacketRecord, buf: Uint8Array, start: number) => printer.writeAt(rec, buf, start, stdout) }),
    onPacket: (rec, data) => {
      if (!index) {
        printer.write(rec, data, stdout);
        return;
      }
      const i = index.add(rec, data);
      const fast = filter ? filter.matchIndex(index, i) : true;
      // Every packet is dissected, matching or not: tcpdump's relative sequence numbers need them all.
      const { text, result } = printer.line(rec, data, a.jsonl || fast === undefined);
      if (filter && !(fast ?? filter.matchTree(result.tree ?? [], { index, i, data }))) return;
      if (!a.jsonl) {
        io.out(text + '\n');
        return;
      }
      const j = packetJson(rec, text, result);
      j.flow = index.packets.flow.get(i);
      j.analysis = analysisFieldNames(index.packets.analysis.get(i));
      io.out(JSON.stringify(j) + '\n');
    },
  }, { stopWhereLibpcapStops: true }); // tcpdump's verdict, even on valid files libpcap refuses
  stdout.flush();
  if (damage) throw new CliError(damage);
  return 0;
}

/** Compiles -Y's filter or fails the command with tshark's caret under the problem. */
function readFilter(text: string): CompiledFilter {
  const c = compileFilter(text);
  if (c.ok) return c.filter;
  throw new CliError(`read: invalid display filter: ${c.error.message}\n${caretLine(text, c.error.position, c.error.length)}`, 2);
}
