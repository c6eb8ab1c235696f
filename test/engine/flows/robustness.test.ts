// Damaged input never throws out of the index, the flows table or a ladder: every file of
// malformed/ (derived, libpcap, fuzzed) and random bytes (fast-check), bare and behind a
// valid pcap header so they reach the packet paths.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowTable } from '../../../electron/engine/flows/flow-summary.js';
import { buildLadder } from '../../../electron/engine/flows/ladder.js';
import { capturePath, haveCaptures, readCapture } from '../../support/captures.js';
import { indexBytes } from './index-capture.js';

function everything(bytes: Uint8Array): number {
  const idx = indexBytes(bytes);
  const rows = flowTable(idx);
  for (const f of idx.flows.flows) buildLadder(idx, f.id);
  return rows.length;
}

const files = haveCaptures
  ? ['malformed/derived', 'malformed/libpcap', 'malformed/fuzzed'].flatMap((d) =>
      readdirSync(capturePath(d)).filter((f) => /\.(pcap|pcapng)$/.test(f)).map((f) => `${d}/${f}`),
    )
  : [];

describe.skipIf(!haveCaptures)('malformed captures', () => {
  it.each(files)('%s', (f) => {
    expect(() => everything(readCapture(f))).not.toThrow();
  });
  it('every cut of a scenario capture', () => {
    const b = readCapture('scenarios/tcp-simultaneous-close.pcap');
    for (let n = 0; n <= b.length; n += 7) expect(() => everything(b.subarray(0, n))).not.toThrow();
  });
});

/** A pcap header (Ethernet) followed by records holding the given frames. */
function pcapOf(frames: Uint8Array[]): Uint8Array {
  const parts: number[] = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0];
  frames.forEach((fr, k) => {
    const le = (v: number): number[] => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
    parts.push(...le(1000 + k), ...le(k * 1000), ...le(fr.length), ...le(fr.length), ...fr);
  });
  return new Uint8Array(parts);
}

// Frames that start as real IPv4/IPv6 TCP, UDP 53/67, ARP and VXLAN and then turn random.
const heads = [
  [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0x08, 0x00, 0x45, 0, 0, 60, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2],
  [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0x08, 0x00, 0x45, 0, 1, 60, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, 68, 0, 67],
  [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0x08, 0x00, 0x45, 0, 0, 80, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, 53, 0x90, 0],
  [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0x86, 0xdd, 0x60, 0, 0, 0, 0, 40, 6, 64],
  [255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 2, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1],
  // VXLAN (UDP 4789, VNI 42): the random bytes become the tunnelled frame.
  [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0x08, 0x00, 0x45, 0, 0, 80, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0x9c, 0x40, 0x12, 0xb5, 0, 60, 0, 0, 0x08, 0, 0, 0, 0, 0, 42, 0],
];

describe('random bytes through the whole index', () => {
  it('bare random files', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => void everything(b)), { numRuns: 300 });
  });
  it('random frames behind valid headers', () => {
    const frame = fc.tuple(fc.integer({ min: 0, max: heads.length - 1 }), fc.uint8Array({ maxLength: 300 })).map(([h, tail]) => new Uint8Array([...heads[h]!, ...tail]));
    fc.assert(fc.property(fc.array(frame, { maxLength: 40 }), (frames) => void everything(pcapOf(frames))), { numRuns: 300 });
  });
});
