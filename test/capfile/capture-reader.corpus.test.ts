// Every valid capture of the shared corpus reads with the packets, lengths and timestamps
// that the references give: tshark (F.tshark.tsv and the lengths fixture), capinfos, and
// tcpdump (its printed lines, its time column and its stderr).

import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libpcapOutcome } from '../../electron/capfile/capture-reader.js';
import { tcpdumpReadingLine } from '../../electron/capfile/linktypes.js';
import type { PacketRecord } from '../../electron/capfile/types.js';
import {
  capinfos,
  capinfosTime,
  capturePath,
  epochText,
  haveCorpus,
  loadCapture,
  readAll,
  tcpdumpErr,
  tcpdumpLines,
  tcpdumpTime,
  tsharkFrames,
  tsharkTsvTimes,
  type ReadResult,
  validCaptures,
} from './corpus.js';

const VALID = validCaptures();

/** scenarios/X.pcapng is `editcap -F pcapng X.pcap`: tcpdump prints the same, so X.pcap's references hold. */
const tcpdumpRefOf = (rel: string): string =>
  rel.startsWith('scenarios/') && rel.endsWith('.pcapng') ? rel.replace(/\.pcapng$/, '.pcap') : rel;

/** The section-local interface number tshark reports as frame.interface_id. */
function localInterface(r: ReadResult, rec: PacketRecord): number {
  return r.interfaces[rec.interfaceId]?.localId ?? -1;
}

describe.skipIf(!haveCorpus)('valid captures match tshark, capinfos and tcpdump', () => {
  it('finds the corpus', () => {
    expect(VALID.length).toBeGreaterThan(120);
  });

  describe.each(VALID)('%s', (rel) => {
    const r = readAll(loadCapture(rel));

    it('reads to the end without error', () => {
      expect(r.reader.error).toBeNull();
      expect(r.reader.ended).toBe(true);
      expect(r.packets.map((p) => p.number)).toEqual(r.packets.map((_, i) => i + 1));
    });

    it('has tshark’s packets: count, lengths, timestamps, interfaces', () => {
      // No fixture rows: tshark listed no frame at all.
      const frames = (tsharkFrames(rel) ?? []).filter((f) => f.protocol !== 'PCAPNG');
      expect(r.packets.length).toBe(frames.length);
      const got = r.packets.map((p) => ({
        len: p.wirelen,
        // libpcap clips a pcap record longer than the snapshot length (fileCaplen); tshark does not.
        caplen: p.fileCaplen ?? p.caplen,
        time: p.blockType === 3 ? '' : epochText(p.tsSec, p.tsNsec),
        ifid: r.headers[0]?.format === 'pcapng' ? localInterface(r, p) : -1,
      }));
      const want = frames.map((f, i) => {
        const p = r.packets[i];
        // An out-of-range µs field (tcpdump-suite/timestamp_invalid_micro.pcap,
        // udp-length-heapoverflow.pcap) is multiplied by 1000 in 32 bits by tshark; the raw
        // field is what tcpdump prints, checked against its output below.
        const rawOutOfRange = p !== undefined && p.tsNsec >= 1e9 && f.time !== epochText(p.tsSec, p.tsNsec);
        return {
          len: f.len,
          caplen: f.caplen,
          time: rawOutOfRange ? epochText(p.tsSec, p.tsNsec) : f.time,
          ifid: f.interfaceId,
        };
      });
      expect(got).toEqual(want);
      for (const p of r.packets) if (p.blockType === 3) expect([p.tsSec, p.tsNsec]).toEqual([0, 0]);
    });

    it('has the times of F.tshark.tsv', () => {
      const rows = tsharkTsvTimes(rel);
      if (!rows) return; // tcpdump-suite has no F.tshark.tsv (the fixture covers it)
      expect(r.packets.length).toBe(rows.length);
      r.packets.forEach((p, i) => {
        if (p.tsNsec >= 1e9) return;
        expect(p.blockType === 3 ? '' : epochText(p.tsSec, p.tsNsec)).toBe(rows[i]?.time);
      });
    });

    it('agrees with capinfos', () => {
      const c = capinfos(capturePath(rel) + '.capinfos.txt');
      expect(r.packets.length).toBe(c.packets);
      const size = c.dataSize ?? { value: 0, unit: 1 };
      expect(Math.floor(r.packets.reduce((s, p) => s + p.wirelen, 0) / size.unit)).toBe(size.value);
      const timed = r.packets.filter((p) => p.blockType !== 3);
      // (capinfos prints an out-of-range fraction with more digits: compared with tcpdump instead)
      if (c.firstTime && c.lastTime && timed.length && timed.every((p) => p.tsNsec < 1e9)) {
        const key = (p: PacketRecord): number => p.tsSec * 1e9 + p.tsNsec;
        const first = timed.reduce((a, b) => (key(b) < key(a) ? b : a));
        const last = timed.reduce((a, b) => (key(b) > key(a) ? b : a));
        const digits = c.firstTime.length - c.firstTime.indexOf('.') - 1;
        expect(capinfosTime(first.tsSec, first.tsNsec, digits)).toBe(c.firstTime);
        expect(capinfosTime(last.tsSec, last.tsNsec, digits)).toBe(c.lastTime);
      }
      expect(r.interfaces.length).toBe(c.interfaces.length);
      r.interfaces.forEach((iface, i) => {
        const ci = c.interfaces[i];
        // wiretap shows a pcap snaplen of 0 as its maximum; a pcapng one as 0.
        const pcapZero = iface.snaplen === 0 && r.headers[0]?.format === 'pcap';
        expect(pcapZero ? 262144 : iface.snaplen).toBe(ci?.captureLength);
        expect(iface.tsUnitsPerSecond).toBe(ci?.ticks);
        // capinfos 4.0 files the packets and ISBs of every section under the interface whose
        // *file-wide* number is their section-local number (wiretap keeps no section offset).
        const byLocal = (id: number): number => r.interfaces[id]?.localId ?? -1;
        expect(r.packets.filter((p) => byLocal(p.interfaceId) === i).length).toBe(ci?.packets);
        expect(r.stats.filter((s) => byLocal(s.interfaceId) === i).length).toBe(ci?.statEntries);
        // capinfos prints a multi-line name as is; its first line is what can be compared.
        if (ci?.name !== undefined) expect(ci.name).toBe((iface.name ?? '').split(/\r\n|\r|\n/)[0]);
      });
    });

    it('stops where tcpdump stops, with its time column and its stderr', () => {
      const ref = tcpdumpRefOf(rel);
      const lines = tcpdumpLines(ref);
      const err = tcpdumpErr(ref);
      const outcome = libpcapOutcome(r.reader);
      if (lines) {
        expect(outcome.packets).toBe(lines.length);
        lines.forEach((line, i) => {
          const p = r.packets[i];
          expect(p && line.startsWith(tcpdumpTime(p.tsSec, p.tsNsec) + ' '), `line ${i + 1}: ${line}`).toBe(true);
        });
      }
      if (!err) {
        expect(outcome.stop).toBeNull();
        return;
      }
      expect(outcome.stop?.message ?? null).toBe(err.message);
      if (err.message) expect(outcome.stop?.phase === 'loop').toBe(err.viaLoop);
      const first = r.interfaces[0];
      if (err.readingLine && first) {
        expect(tcpdumpReadingLine(basename(ref), first.linktype, first.snaplen)).toBe(err.readingLine);
      } else {
        expect(outcome.stop?.phase).toBe('open');
      }
    });
  });
});
