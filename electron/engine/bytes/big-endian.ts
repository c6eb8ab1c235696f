// Unchecked big-endian reads for the index mode, which checks lengths itself before reading
// (dissect mode reads through Frame, whose every read is checked). Plain functions of the
// array, small enough for V8 to inline at every call in the per-packet path.

export function be16(d: Uint8Array, o: number): number {
  return (d[o]! << 8) | d[o + 1]!;
}

export function be32(d: Uint8Array, o: number): number {
  return ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
}
