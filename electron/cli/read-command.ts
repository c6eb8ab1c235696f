// `ackline read FILE`: every packet as `tcpdump -n -r FILE` prints it, or --jsonl.
import { analysisFieldNames } from '../engine/flows/analysis-flags.js';
import { CaptureIndex } from '../engine/flows/capture-index.js';
import { createCaptureReader } from '../engine/io/capture-reader.js';
import { tcpdumpReadingLine } from '../engine/io/linktypes.js';
import { createRegistry } from '../engine/protocols/index.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter } from '../engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../engine/summary/tcpdump-flags.js';
import { packetJson } from './packet-json.js';
import { CliError, type CliIo } from './cli-io.js';

export interface ReadArgs {
  file: string;
  jsonl: boolean;
  flags: string[];
}

export function parseReadArgs(args: readonly string[]): ReadArgs {
  let file: string | undefined;
  let jsonl = false;
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--jsonl') jsonl = true;
    else if (a === '-r') file = args[++i];
    else if (a.startsWith('-') && a.length > 1) flags.push(a);
    else if (file === undefined) file = a;
    else throw new CliError(`unexpected argument '${a}'`, 2);
  }
  if (!file) throw new CliError('read: no capture file given (usage: ackline read FILE)', 2);
  return { file, jsonl, flags };
}

export async function runRead(args: readonly string[], io: CliIo): Promise<number> {
  const a = parseReadArgs(args);
  const { opts, unknown } = parseTcpdumpFlags(a.flags, { ...DEFAULT_LINE_OPTIONS, tz: (s) => io.tzOffset(s) });
  if (unknown.length) throw new CliError(`read: unsupported option ${unknown.join(' ')}`, 2);
  const printer = new LinePrinter(createRegistry(), opts);
  let announced = false;
  // --jsonl: each packet is indexed as it is printed, for its flow id and tcp.analysis.* names.
  const index = a.jsonl ? new CaptureIndex() : null;
  const reader = createCaptureReader({
    onInterface: (iface) => {
      printer.addInterface(iface);
      index?.addInterface(iface);
      if (!announced && !a.jsonl) {
        announced = true;
        io.err(tcpdumpReadingLine(a.file.split('/').pop() ?? a.file, iface.linktype, iface.snaplen) + '\n');
      }
    },
    onPacket: (rec, data) => {
      const { text, result } = printer.line(rec, data, a.jsonl);
      if (!index) {
        io.out(text + '\n');
        return;
      }
      const j = packetJson(rec, text, result);
      const i = index.add(rec, data);
      j.flow = index.packets.flow[i]!;
      j.analysis = analysisFieldNames(index.packets.analysis[i]!);
      io.out(JSON.stringify(j) + '\n');
    },
  });
  await io.readChunks(a.file, (chunk) => reader.push(chunk));
  reader.end();
  if (reader.error) {
    const e = reader.error;
    throw new CliError(`${a.file}: ${e.message} (at byte offset ${e.offset})`);
  }
  return 0;
}
