// The reader is resumable: however a file is cut into chunks, it reports exactly the same
// things, and it holds back no more than the one unit a chunk ends in.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../electron/capfile/capture-reader.js';
import { collectingSink, emptyResult, haveCorpus, loadCapture, readChunked, type ReadResult } from './corpus.js';

const FILES = [
  'scenarios/tcp-http-curl.pcap',
  'scenarios/dns-queries.pcapng',
  'formats/big-endian.pcap',
  'formats/nanosecond-big-endian.pcap',
  'formats/with-comments.pcapng',
  'formats/multi-interface-linktypes.pcapng',
  'pcapng-suite/pcapng-test-generator/le/difficult-test202.pcapng',
  'pcapng-suite/pcapng-test-generator/be/basic-test008.pcapng',
  'pcapng-suite/pcapng-test-generator/le/advanced-test102.pcapng',
  'malformed/derived/caplen-gt-snaplen.pcap',
  'malformed/derived/pcap-trailing-garbage.pcap',
  'malformed/derived/truncated-record-data.pcap',
  'malformed/derived/pcapng-truncated-block.pcapng',
  'malformed/derived/pcapng-trailer-len-mismatch.pcapng',
  'malformed/derived/pcapng-truncated-shb.pcapng',
  'malformed/libpcap/pcapng-idb-tsresol-badlen.pcapng',
  'malformed/libpcap/pcap-truncated-hdr-23.pcap',
  'malformed/derived/text-file.pcap',
];

/** Everything observable, in a form toEqual can compare. */
function snapshot(r: ReadResult) {
  return {
    headers: r.headers,
    interfaces: r.interfaces,
    packets: r.packets,
    data: r.data,
    stats: r.stats,
    names: r.names,
    otherBlocks: r.otherBlocks,
    error: r.reader.error,
    refusal: r.reader.libpcapRefusal,
    bytesConsumed: r.reader.bytesConsumed,
    packetCount: r.reader.packetCount,
  };
}

function read(bytes: Uint8Array, sizes: readonly number[]): ReturnType<typeof snapshot> {
  const out = emptyResult();
  const reader = readChunked(bytes, sizes, collectingSink(out));
  return snapshot({ ...out, reader });
}

describe.skipIf(!haveCorpus)('chunking does not change what is read', () => {
  describe.each(FILES)('%s', (rel) => {
    const bytes = loadCapture(rel);
    const whole = read(bytes, [bytes.length || 1]);

    it.each([1, 7, 4096])('in chunks of %i bytes', (size) => {
      expect(read(bytes, [size])).toEqual(whole);
    });

    it('at random chunk boundaries (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 12 }), (sizes) => {
          expect(read(bytes, sizes)).toEqual(whole);
        }),
        { numRuns: 25 },
      );
    });
  });

  it('holds back only the incomplete tail of each chunk', () => {
    const bytes = loadCapture('scenarios/tcp-packet-loss.pcap');
    const reader = createCaptureReader({ onPacket: () => {} });
    let maxHeld = 0;
    for (let pos = 0; pos < bytes.length; pos += 65536) {
      reader.push(bytes.subarray(pos, pos + 65536));
      maxHeld = Math.max(maxHeld, reader.buffered);
      expect(reader.bytesConsumed + reader.buffered).toBe(Math.min(bytes.length, pos + 65536));
    }
    reader.end();
    // One record at most (this capture's largest is 16 + 1514 bytes).
    expect(maxHeld).toBeLessThanOrEqual(16 + 1514);
    expect(reader.error).toBeNull();
    expect(reader.bytesConsumed).toBe(bytes.length);
  });
});
