// Every damaged file of the corpus: the reader never throws or hangs, delivers exactly the
// packets tcpdump printed before stopping, and stops with libpcap's words where tcpdump
// stopped (F.tcpdump.err), in the same phase (before the "reading from file" line or in
// pcap_loop).

import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libpcapOutcome } from '../../electron/capfile/capture-reader.js';
import { tcpdumpReadingLine } from '../../electron/capfile/linktypes.js';
import {
  capturePath,
  haveCorpus,
  listCaptures,
  loadCapture,
  readAll,
  tcpdumpErr,
  tcpdumpLines,
  tcpdumpTime,
  tsharkTsvTimes,
} from './corpus.js';
import { existsSync } from 'node:fs';

const MALFORMED = listCaptures('malformed/derived', 'malformed/libpcap', 'malformed/fuzzed');

describe.skipIf(!haveCorpus)('malformed captures stop like tcpdump', () => {
  it('finds the corpus', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(55);
  });

  describe.each(MALFORMED)('%s', (rel) => {
    const bytes = loadCapture(rel);
    const r = readAll(bytes);
    const outcome = libpcapOutcome(r.reader);
    const lines = tcpdumpLines(rel) ?? [];
    const err = tcpdumpErr(rel);

    it('ends without throwing', () => {
      expect(r.reader.ended).toBe(true);
      expect(r.reader.error?.kind).not.toBe('internal');
      expect(r.reader.bytesConsumed).toBeLessThanOrEqual(bytes.length);
    });

    it('delivers the packets tcpdump printed, with their times', () => {
      expect(outcome.packets).toBe(lines.length);
      // When the reader itself stops, it has delivered nothing more than tcpdump printed.
      if (r.reader.error) expect(r.packets.length).toBe(lines.length);
      lines.forEach((line, i) => {
        const p = r.packets[i];
        if (!p) throw new Error(`no packet ${i + 1}`);
        // tcpdump prints this instead of the time and summary (caplen-gt-origlen.pcap).
        if (line.startsWith('[Invalid header:')) expect(line).toBe(`[Invalid header: len(${p.wirelen}) < caplen(${p.caplen})]`);
        else expect(line.startsWith(tcpdumpTime(p.tsSec, p.tsNsec) + ' '), line).toBe(true);
      });
    });

    it('stops with tcpdump’s message, in the same phase', () => {
      expect(err, 'reference').toBeDefined();
      if (!err) return;
      expect(outcome.stop?.message ?? null).toBe(err.message);
      if (!err.message) return;
      const phase = outcome.stop?.phase;
      if (err.viaLoop) expect(phase).toBe('loop');
      else if (err.readingLine) expect(phase).toBe('filter');
      else expect(phase).toBe('open');
      const first = r.interfaces[0];
      if (err.readingLine) {
        expect(first).toBeDefined();
        if (first) expect(tcpdumpReadingLine(basename(rel), first.linktype, first.snaplen)).toBe(err.readingLine);
      }
    });

    it('reads no more packets than tshark where the reader stops on damage', () => {
      const rows = existsSync(capturePath(rel) + '.tshark.tsv') ? tsharkTsvTimes(rel) : undefined;
      // tshark is laxer (it reads pcap version 9.9) or guesses another variant of a damaged
      // pcap (caplen-huge.pcap): it can only list at least the packets before the damage.
      if (rows && rows.length > 0 && r.reader.error) expect(rows.length).toBeGreaterThanOrEqual(r.packets.length);
    });
  });
});
