// Our TCP analysis against tshark 4.0.17, packet by packet: every capture of the corpus that
// has an `F.tshark-analysis.tsv` reference (scenarios, .pcap and .pcapng, including the
// 112k-packet bulk transfer; the tcpdump test suite), every tcp.analysis.* flag, the
// duplicate-ACK number and frame, tcp.analysis.initial_rtt, tcp.completeness and the
// tcp.stream number. Prints the agreement per column; asserts 100%.
//
// The fuzzed captures (malformed/fuzzed) have no such reference: they are only run for
// robustness here (the fast-check test covers random segments).
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import {
  analyseCapture,
  capturesIn,
  compareRows,
  formatTable,
  readReference,
  referencePath,
  type Agreement,
} from '../../support/analysis-reference.js';
import { haveCaptures, readCapture } from '../../support/captures.js';

const WITH_REFERENCE = [...capturesIn('scenarios'), ...capturesIn('tcpdump-suite')].filter((rel) => referencePath(rel) !== undefined);
const FUZZED = capturesIn('malformed/fuzzed');

describe.skipIf(!haveCaptures)('TCP analysis agrees with tshark 4.0.17', () => {
  const table = new Map<string, Agreement>();
  let frames = 0;

  afterAll(() => {
    if (frames === 0) return;
    console.log(`TCP analysis vs tshark 4.0.17: ${WITH_REFERENCE.length} captures, ${frames} frames\n${formatTable(table)}`);
  });

  it('finds the references', () => {
    expect(WITH_REFERENCE.filter((r) => r.startsWith('scenarios/')).length).toBe(56);
    expect(WITH_REFERENCE.filter((r) => r.startsWith('tcpdump-suite/')).length).toBeGreaterThanOrEqual(45);
  });

  it.each(WITH_REFERENCE)('%s', (rel) => {
    const ref = readReference(referencePath(rel) ?? '');
    const ours = analyseCapture(rel);
    expect(ours.length).toBe(ref.length);
    frames += ref.length;
    const diffs = compareRows(ours, ref, table);
    expect(diffs.slice(0, 20)).toEqual([]);
  }, 30_000);

  it('every column agreed everywhere', () => {
    for (const [col, a] of table) expect(`${col} ${a.agree}/${a.total}`).toBe(`${col} ${a.total}/${a.total}`);
    // Every flag the corpus exercises is compared, not just absent on both sides.
    const exercised = [...table].filter(([, a]) => a.total > 0).map(([c]) => c);
    expect(exercised).toEqual(expect.arrayContaining(['tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.spurious_retransmission', 'tcp.analysis.duplicate_ack', 'tcp.analysis.out_of_order', 'tcp.analysis.lost_segment', 'tcp.analysis.window_full', 'tcp.analysis.window_update', 'tcp.analysis.zero_window', 'tcp.analysis.keep_alive', 'tcp.analysis.keep_alive_ack']));
  });

  it.each(FUZZED)('%s (no reference) is analysed without an exception', (rel) => {
    const idx = new CaptureIndex();
    const reader = readCaptureBytes(readCapture(rel), { onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void idx.add(rec, data) });
    // The reader reports a sink exception as an internal error instead of throwing.
    expect(reader.error?.kind === 'internal' ? reader.error.message : null).toBeNull();
    expect(idx.packets.length).toBe(reader.packetCount);
  });
});
