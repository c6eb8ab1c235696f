// `ackline read -Y FILTER` and `ackline read --jsonl`: the packets go through the capture
// index as they are printed (the flow id and tcp.analysis.* names of --jsonl; the index half
// of the filter), and through the detail tree where the index cannot decide. Loaded by
// read-command.ts only for these options.
import { tcpdumpReadingLine } from '../capfile/linktypes.js';
import { compileFilter, type CompiledFilter } from '../engine/filter/compile-filter.js';
import { caretLine } from '../engine/filter/filter-error.js';
import { filterNeedsAnalysis } from '../engine/filter/needs-analysis.js';
import { analysisFieldNames } from '../engine/flows/analysis-flags.js';
import { CaptureIndex } from '../engine/flows/capture-index.js';
import { createRegistry } from '../engine/protocols/index.js';
import { LinePrinter, type LineOptions } from '../engine/summary/line-printer.js';
import { CliError, type CliIo } from './cli-io.js';
import { packetJson } from './packet-json.js';
import { readCapture } from './read-capture.js';
import type { ReadArgs } from './read-command.js';

export async function runIndexedRead(a: ReadArgs, opts: LineOptions, io: CliIo): Promise<number> {
  const filter = a.filter === undefined ? null : readFilter(a.filter);
  const printer = new LinePrinter(createRegistry(), opts);
  let announced = false;
  // --jsonl: each packet is indexed as it is printed, for its flow id and tcp.analysis.* names;
  // -Y: the filter reads the index first and the detail tree only when the index cannot tell.
  // The TCP analysis (a third of the index's work) only when --jsonl prints its names or the
  // filter reads what it computes; flow ids and the columns are kept either way.
  const index = new CaptureIndex(a.jsonl || (filter !== null && filterNeedsAnalysis(filter.fields)));
  const { damage } = await readCapture(io, a.file, {
    onInterface: (iface) => {
      printer.addInterface(iface);
      index.addInterface(iface);
      if (!announced && !a.jsonl) {
        announced = true;
        io.err(tcpdumpReadingLine(a.file.split('/').pop() ?? a.file, iface.linktype, iface.snaplen) + '\n');
      }
    },
    onPacket: (rec, data) => {
      const i = index.add(rec, data);
      // The index, then the bytes (frame contains, frame[…]); the tree only when both cannot tell.
      const fast = filter ? (filter.matchIndex(index, i) ?? filter.matchBytes(index, i, data)) : true;
      // Every packet is dissected, matching or not: tcpdump's relative sequence numbers need them all.
      const { text, result } = printer.line(rec, data, a.jsonl || fast === undefined);
      if (filter && !(fast ?? filter.matchTree(result.tree ?? [], { index, i, data }))) return;
      if (!a.jsonl) {
        io.out(text + '\n');
        return;
      }
      const j = packetJson(rec, text, result);
      j.flow = index.packets.flow.get(i)!;
      j.analysis = analysisFieldNames(index.packets.analysis.get(i)!);
      io.out(JSON.stringify(j) + '\n');
    },
  }, { stopWhereLibpcapStops: true }); // tcpdump's verdict, even on valid files libpcap refuses
  if (damage) throw new CliError(damage);
  return 0;
}

/** Compiles -Y's filter or fails the command with tshark's caret under the problem. */
function readFilter(text: string): CompiledFilter {
  const c = compileFilter(text);
  if (c.ok) return c.filter;
  throw new CliError(`read: invalid display filter: ${c.error.message}\n${caretLine(text, c.error.position, c.error.length)}`, 2);
}
