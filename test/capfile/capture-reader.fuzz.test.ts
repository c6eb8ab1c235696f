// Hostile input: random bytes, random bytes behind valid headers, valid files with bytes
// changed, and every truncation of small valid files. The reader must always return (no
// exception, no 'internal' error), never deliver a packet beyond the bytes it was given, and
// a truncated file must give a prefix of the packets of the whole file.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCaptureReader, readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../electron/capfile/packet-record.js';
import { PcapWriter } from '../../electron/capfile/pcap-writer.js';
import { PcapngWriter } from '../../electron/capfile/pcapng-writer.js';
import type { PacketRecord } from '../../electron/capfile/types.js';
import { haveCorpus, loadCapture } from './corpus.js';
import { concatBytes } from '../../electron/engine/bytes/concat-bytes.js';

interface Outcome {
  packets: PacketRecord[];
  error: string | null;
  kind: string | null;
  consumed: number;
}

function readSafely(bytes: Uint8Array, chunk?: number): Outcome {
  const packets: PacketRecord[] = [];
  const sink = {
    onPacket: (rec: PacketRecord, data: Uint8Array) => {
      // The delivered bytes lie inside the input and have the announced length.
      expect(data.length).toBe(rec.caplen);
      expect(rec.dataOffset + (rec.fileCaplen ?? rec.caplen)).toBeLessThanOrEqual(bytes.length);
      packets.push(copyPacketRecord(rec));
    },
    onInterface: () => {},
    onStatistics: () => {},
    onNames: () => {},
    onOtherBlock: () => {},
  };
  let reader;
  if (chunk) {
    reader = createCaptureReader(sink);
    for (let p = 0; p < bytes.length; p += chunk) reader.push(bytes.subarray(p, p + chunk));
    reader.end();
  } else {
    reader = readCaptureBytes(bytes, sink);
  }
  expect(reader.ended).toBe(true);
  expect(reader.error?.kind).not.toBe('internal');
  return { packets, error: reader.error?.message ?? null, kind: reader.error?.kind ?? null, consumed: reader.bytesConsumed };
}

const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

const pcapHeader = (le: boolean, nano: boolean): Uint8Array =>
  new PcapWriter({ linktype: 1, bigEndian: !le, nanoseconds: nano }).header();

function pcapngHead(le: boolean): Uint8Array {
  const w = new PcapngWriter({ bigEndian: !le });
  return concat(w.sectionHeader(), w.addInterface({ linktype: 1, tsresol: 9 }).block);
}

describe('the reader survives hostile input', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        readSafely(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes after a valid pcap or pcapng header, read whole and in chunks alike', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pcap-le', 'pcap-be', 'pcap-ns', 'pcapng-le', 'pcapng-be'),
        fc.uint8Array({ maxLength: 3000 }),
        fc.integer({ min: 1, max: 97 }),
        (kind, tail, chunk) => {
          const head = kind.startsWith('pcapng') ? pcapngHead(kind === 'pcapng-le') : pcapHeader(kind !== 'pcap-be', kind === 'pcap-ns');
          const bytes = concat(head, tail);
          const whole = readSafely(bytes);
          expect(readSafely(bytes, chunk)).toEqual(whole);
          expect(whole.consumed).toBeLessThanOrEqual(bytes.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('small numbers in length fields (records and blocks that claim plausible sizes)', () => {
    // Random bytes rarely form a plausible length; build records from small random fields.
    const field = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(0, 12, 28, 0x7fffffff, 0xffffffff, 262145));
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), field, field), { maxLength: 30 }), (ng, recs) => {
        const parts: Uint8Array[] = [ng ? pcapngHead(true) : pcapHeader(true, false)];
        for (const [type, a, b] of recs) {
          const r = new Uint8Array(16 + (a % 64));
          const v = new DataView(r.buffer);
          if (ng) {
            v.setUint32(0, type === 7 ? 0x0a0d0d0a : type, true);
            v.setUint32(4, a >>> 0, true);
            if (r.length >= 12) v.setUint32(8, b >>> 0, true);
          } else {
            v.setUint32(8, a >>> 0, true);
            v.setUint32(12, b >>> 0, true);
          }
          parts.push(r);
        }
        readSafely(concat(...parts));
      }),
      { numRuns: 500 },
    );
  });

  describe.skipIf(!haveCorpus)('valid files', () => {
    const FILES = [
      'formats/big-endian.pcap',
      'formats/nanosecond.pcap',
      'formats/with-comments.pcapng',
      'pcapng-suite/pcapng-test-generator/le/advanced-test102.pcapng',
      'pcapng-suite/pcapng-test-generator/be/basic-test008.pcapng',
    ];

    it.each(FILES)('%s cut at every length gives a prefix of its packets', (rel) => {
      const bytes = loadCapture(rel);
      const full = readSafely(bytes);
      expect(full.packets.length).toBeGreaterThan(0);
      for (let len = 0; len <= bytes.length; len++) {
        const cut = readSafely(bytes.subarray(0, len));
        expect(cut.packets).toEqual(full.packets.slice(0, cut.packets.length));
        // Either the cut fell between two units and everything was read, or it is reported
        // (libpcap calls a pcapng file of fewer than 12 bytes "unknown file format").
        if (cut.error === null) expect(cut.consumed).toBe(len);
        else expect(['truncated', 'format']).toContain(cut.kind);
      }
    });

    it.each(FILES)('%s with random bytes changed', (rel) => {
      const bytes = loadCapture(rel);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
          const copy = bytes.slice();
          for (const [i, v] of edits) copy[i] = v;
          readSafely(copy);
        }),
        { numRuns: 300 },
      );
    });
  });
});
