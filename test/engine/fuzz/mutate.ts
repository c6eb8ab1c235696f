// Mutations of a real capture: bit flips, byte sets, runs of 00/ff, length-field corruption
// (the file's and the packets' own), splices from any seed (inserted or written over),
// duplicated records or blocks, truncation. Each input is made from its own PRNG stream, so
// input N of seed S is the same whatever ran before it.
//
// `damage` is the lowest file offset a mutation touched: every byte before it is the seed's,
// so every packet whose record ends there must come out exactly as from the seed.

import type { Prng } from './prng.js';
import type { LengthField, Seed } from './seeds.js';

export interface Mutant {
  readonly bytes: Uint8Array;
  readonly damage: number;
  /** What was done, to reproduce and to read in a failure report. */
  readonly ops: readonly string[];
}

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x40, 0x3f];

function interestingValue(rng: Prng, orig: number, size: 1 | 2 | 4): number {
  const max = size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
  const choices = [0, 1, 2, 3, 4, 7, 8, 12, 16, 20, 28, orig - 1, orig + 1, orig - 4, orig + 4, orig * 2, orig >>> 1, max, max - 1, max >>> 1, (max >>> 1) + 1, rng.u32()];
  return (rng.pick(choices) >>> 0) & max;
}

function readField(b: Uint8Array, f: LengthField): number {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return f.size === 1 ? v.getUint8(f.offset) : f.size === 2 ? v.getUint16(f.offset, f.le) : v.getUint32(f.offset, f.le);
}

function writeField(b: Uint8Array, f: LengthField, value: number): void {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (f.size === 1) v.setUint8(f.offset, value);
  else if (f.size === 2) v.setUint16(f.offset, value, f.le);
  else v.setUint32(f.offset, value, f.le);
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/** One to three in-place mutations, then at most one that changes the size. */
export function mutate(seed: Seed, seeds: readonly Seed[], rng: Prng): Mutant {
  const b = seed.bytes.slice();
  const ops: string[] = [];
  let damage = b.length;
  const touch = (at: number): void => {
    damage = Math.min(damage, at);
  };
  const inPlace = rng.chance(0.15) ? 0 : rng.range(1, 3);
  for (let k = 0; k < inPlace && b.length > 0; k++) {
    const kind = rng.int(10);
    if (kind < 3) {
      const at = rng.int(b.length);
      const bit = rng.int(8);
      b[at]! ^= 1 << bit;
      ops.push(`flip bit ${bit} at ${at}`);
      touch(at);
    } else if (kind < 5) {
      const at = rng.int(b.length);
      const value = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256);
      b[at] = value;
      ops.push(`set ${at} to ${hex(value)}`);
      touch(at);
    } else if (kind < 6) {
      const at = rng.int(b.length);
      const n = Math.min(rng.range(2, 16), b.length - at);
      const value = rng.chance(0.5) ? 0 : 0xff;
      b.fill(value, at, at + n);
      ops.push(`fill ${n} bytes at ${at} with ${hex(value)}`);
      touch(at);
    } else {
      const fields = seed.lengthFields;
      if (fields.length === 0) continue;
      const f = rng.pick(fields);
      const orig = readField(b, f);
      const value = interestingValue(rng, orig, f.size);
      writeField(b, f, value);
      ops.push(`length field of ${f.size} bytes at ${f.offset}: ${orig} -> ${value}`);
      touch(f.offset);
    }
  }
  let out = b;
  const resize = rng.int(10);
  if (resize < 2 || (inPlace === 0 && resize < 5)) {
    // Splice: bytes of any seed, inserted or written over.
    const from = rng.pick(seeds);
    const len = Math.min(rng.range(1, 512), from.bytes.length);
    const src = rng.int(Math.max(1, from.bytes.length - len + 1));
    const piece = from.bytes.subarray(src, src + len);
    const at = rng.int(b.length + 1);
    if (rng.chance(0.5)) {
      out = new Uint8Array(b.length + piece.length);
      out.set(b.subarray(0, at));
      out.set(piece, at);
      out.set(b.subarray(at), at + piece.length);
      ops.push(`insert ${len} bytes of ${from.name}@${src} at ${at}`);
    } else {
      out = b.slice();
      out.set(piece.subarray(0, Math.min(piece.length, out.length - at)), at);
      ops.push(`overwrite with ${len} bytes of ${from.name}@${src} at ${at}`);
    }
    touch(at);
  } else if (resize < 4 && seed.units.length > 0) {
    // A record or block repeated somewhere at a unit boundary.
    const [s, e] = rng.pick(seed.units);
    const [at] = rng.pick(seed.units);
    out = new Uint8Array(b.length + (e - s));
    out.set(b.subarray(0, at));
    out.set(seed.bytes.subarray(s, e), at);
    out.set(b.subarray(at), at + (e - s));
    ops.push(`duplicate unit ${s}..${e} at ${at}`);
    touch(at);
  } else if (resize < 6 || inPlace === 0) {
    const at = rng.int(b.length + 1);
    out = b.slice(0, at);
    ops.push(`truncate at ${at}`);
    touch(at);
  }
  return { bytes: out, damage, ops };
}
