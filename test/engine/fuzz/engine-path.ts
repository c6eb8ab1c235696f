// One input through the whole engine path, the way the CLI and the app use it:
//   1. `ackline read`'s path: the reader stopping where libpcap stops and the tcpdump line
//      printer (a dissector's exception, which the driver turns into "dissector error", fails);
//   2. the app's path: an EngineSession fed in chunks (reader -> index -> flows and TCP
//      analysis), every row, every packet's detail, the flows table, every ladder, display
//      filters (set, cleared, find), marks, and export of everything / the displayed / the
//      marked packets as pcap and pcapng, each export read back.
// Everything that crosses a process boundary is checked against the contract's schemas (the
// renderer drops an update that does not validate). Whatever escapes, or breaks a rule, is
// thrown as a FuzzViolation naming the stage; a plain one-line Error from an export (pcap
// cannot hold several link types...) is the clear refusal the user sees, not a violation.

import { createHash } from 'node:crypto';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter } from '../../../electron/engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';
import { EngineMethods } from '../../../electron/shared/contract.js';
import { UpdateDto, type UpdateDto as Update } from '../../../electron/shared/dto.js';
import { ManualClock, MemorySource } from '../workspace/session-support.js';
import { checkRoundTrip, exportTo, memorySink, readAllPackets, type SeenPacket } from './export-round-trip.js';
import { check, FuzzViolation, stage, validate } from './violation.js';

export interface PathOutcome {
  /** Hash of everything the path produced: equal inputs must give equal digests. */
  readonly digest: string;
  /** The tcpdump printer's output, one entry per packet. */
  readonly lines: readonly string[];
  /** The packets the session indexed (the reader that reads on where libpcap refuses). */
  readonly packets: readonly SeenPacket[];
  /** The app's Info column, one per indexed packet. */
  readonly rowInfos: readonly string[];
  /** Whether a read stopped on damage (a clear error, not a violation). */
  readonly damaged: boolean;
}

export interface PathOptions {
  /** tcpdump flags for the printer (e.g. ['-v', '-e']). */
  readonly flags: readonly string[];
  /** Chunk size the session is fed with. */
  readonly chunk: number;
  /** Display filters to set, in order (each also cleared). */
  readonly filters: readonly string[];
  /**
   * Validate every row, detail and ladder against the contract (slower: a sample of inputs).
   * Otherwise the first row and detail, the flows and the updates are.
   */
  readonly thorough: boolean;
  /**
   * Hash the detail trees, flows and ladders into the digest too (for the determinism
   * re-runs); otherwise it covers lines, rows, filters and exports.
   */
  readonly fullDigest: boolean;
}

const registry = createRegistry();
const rowsSchema = EngineMethods.rows[1];
const packetSchema = EngineMethods.packet[1];
const flowsSchema = EngineMethods.flows[1];
const ladderSchema = EngineMethods.ladder[1];

/** 1. `ackline read`: the reader stopping where libpcap stops, tcpdump lines. */
function printerPath(bytes: Uint8Array, flags: readonly string[], hash: (s: string) => void): { lines: string[]; damaged: boolean } {
  const { opts } = parseTcpdumpFlags(flags, { ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
  const printer = new LinePrinter(registry, opts);
  const lines: string[] = [];
  const reader = readCaptureBytes(
    bytes,
    {
      onInterface: (iface) => printer.addInterface(iface),
      onPacket: (rec, data) => {
        // As `ackline read` prints (the detail tree is the session's, below). The driver
        // turns an exception inside a dissector into a "dissector error" on the frame: a bug.
        const { text, result } = printer.line(rec, data);
        const bug = result.experts.find((e) => e.message.includes('] dissector error: '));
        if (bug) throw new FuzzViolation('printer', `packet ${rec.number}: ${bug.message}`);
        lines.push(text);
        hash(text);
      },
    },
    { stopWhereLibpcapStops: true },
  );
  check(reader.error?.kind !== 'internal', 'printer', `internal error: ${reader.error?.message ?? ''}`);
  hash(`printer error: ${reader.error?.message ?? ''}`);
  return { lines, damaged: reader.error !== null };
}

/** 2. The app: session, rows, details, flows, ladders, filters, marks, exports. */
async function sessionPath(bytes: Uint8Array, o: PathOptions, hash: (s: string) => void): Promise<{ packets: SeenPacket[]; rowInfos: string[]; damaged: boolean }> {
  const sinks = new Map<string, ReturnType<typeof memorySink>>();
  const updates: Update[] = [];
  const clock = new ManualClock();
  const session = new EngineSession({
    source: new MemorySource(bytes),
    onUpdate: (u) => updates.push(u),
    clock,
    openExport: async (token) => {
      const m = memorySink();
      sinks.set(token, m);
      return m.sink;
    },
  });
  try {
    await stage('load', () => {
      session.setTotal(bytes.length);
      for (let p = 0; p < bytes.length; p += o.chunk) session.push(bytes.subarray(p, p + o.chunk));
      session.end();
    });
    check(session.readError?.kind !== 'internal', 'load', `internal error: ${session.readError?.message ?? ''}`);
    hash(`session error: ${session.error ?? ''}`);
    const n = session.index.packets.length;

    const rowInfos: string[] = [];
    await stage('rows', async () => {
      for (let start = 0; start < n || start === 0; start += 5000) {
        const r = await session.rows({ start, count: Math.min(5000, Math.max(0, n - start)) });
        if (o.thorough || start === 0) validate(rowsSchema, r, 'rows');
        for (const row of r.rows) {
          rowInfos.push(row.info);
          hash(`${row.number} ${row.time.sec}.${row.time.nsec} ${row.src} ${row.dst} ${row.protocol} ${row.length} ${row.info} ${row.colorRule} ${row.analysis.join(',')} ${row.malformed}`);
        }
        if (n === 0) break;
      }
    });
    check(rowInfos.length === n, 'rows', `${rowInfos.length} rows for ${n} packets`);

    await stage('detail', async () => {
      for (let i = 0; i < n; i++) {
        const d = await session.packet({ index: i });
        check(d.index === i && d.tree.length > 0, 'detail', `packet ${i + 1}: no detail tree`);
        if (o.thorough || i === 0) validate(packetSchema, d, 'detail');
        hash(d.line);
        if (o.fullDigest || o.thorough) {
          const json = JSON.stringify(d.tree);
          check(!json.includes('] dissector error: '), 'detail', `packet ${i + 1}: a dissector failed while building the tree`);
          if (o.fullDigest) hash(json);
        }
      }
    });

    const flows = await stage('flows', () => session.flows());
    validate(flowsSchema, flows, 'flows');
    if (o.fullDigest) hash(JSON.stringify(flows));
    await stage('ladders', () => {
      for (const f of flows.flows) {
        const l = session.ladder({ flow: f.id });
        check(l.flow.id === f.id && l.events.length <= l.total, 'ladders', `flow ${f.id}: a ladder of another flow or with more events than its total`);
        if (o.thorough) validate(ladderSchema, l, 'ladder');
        hash(o.fullDigest ? JSON.stringify(l) : `${f.id} ${l.total}`);
      }
    });

    await stage('filters', async () => {
      for (const expression of o.filters) {
        const r = await session.setFilter({ expression });
        check(r.ok, 'filters', `${expression}: ${r.error?.message ?? 'refused'}`);
        const shown = await session.rows({ start: 0, count: Math.min(5000, r.displayed) });
        hash(`${expression} -> ${r.displayed}: ${shown.rows.map((x) => x.index).join(',')}`);
        const found = await session.find({ from: -1, text: 'length', mode: 'string', backwards: false });
        hash(`find ${found.displayIndex}`);
      }
    });

    // Marks every third packet, then exports: all (pcap, pcapng), the displayed ones under the
    // last filter, the marked ones.
    for (let i = 0; i < n; i += 3) session.mark({ index: i, marked: true });
    const { packets, error: sourceError } = readAllPackets(bytes, 'reader');
    check(packets.length === n, 'load', `the session indexed ${n} packets, the reader delivers ${packets.length}`);
    const everything = [...Array(n).keys()];
    for (const format of ['pcap', 'pcapng'] as const) {
      const out = await exportTo(session, sinks, `all-${format}`, { kind: 'all' }, format);
      if (out) {
        hash(`export all ${format}: ${createHash('sha1').update(out.bytes).digest('hex')}`);
        checkRoundTrip(out.bytes, everything, packets, format, `export all as ${format}`, sourceError);
      } else hash(`export all ${format} refused`);
    }
    const displayed = session.display.count;
    const shown = [...Array(displayed).keys()].map((d) => session.display.at(d));
    const out = await exportTo(session, sinks, 'displayed', { kind: 'displayed' }, 'pcapng');
    if (out) checkRoundTrip(out.bytes, shown, packets, 'pcapng', 'export displayed as pcapng', sourceError);
    const marked = everything.filter((i) => i % 3 === 0);
    const m = await exportTo(session, sinks, 'marked', { kind: 'marked' }, 'pcapng');
    if (m) checkRoundTrip(m.bytes, marked, packets, 'pcapng', 'export marked as pcapng', sourceError);
    await stage('clear filter', () => session.setFilter({ expression: '' }));

    // Flush the batched update the renderer would get, and check it as the renderer does.
    clock.advance(1000);
    check(updates.length > 0, 'updates', 'no update was sent');
    for (const u of updates) validate(UpdateDto, u, 'update');
    const last = updates[updates.length - 1];
    check(last?.progress?.done === true && last.packets === n, 'updates', `the last update does not say the load is done with ${n} packets`);
    return { packets, rowInfos, damaged: session.readError !== null };
  } finally {
    session.dispose();
  }
}

export async function runEnginePath(bytes: Uint8Array, o: PathOptions): Promise<PathOutcome> {
  const h = createHash('sha1');
  const hash = (s: string): void => void h.update(s).update('\n');
  const printed = await stage('printer', () => printerPath(bytes, o.flags, hash));
  const app = await sessionPath(bytes, o, hash);
  return { digest: h.digest('hex'), lines: printed.lines, packets: app.packets, rowInfos: app.rowInfos, damaged: printed.damaged || app.damaged };
}
