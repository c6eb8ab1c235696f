// Test helper: runs a display filter over a capture file the way the engine does (index
// every packet, dissect with a tree only when the index cannot decide) and returns the
// matching frame numbers, plus how many packets needed the tree.
import { readFileSync } from 'node:fs';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { createCaptureReader } from '../../../electron/capfile/capture-reader.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { LinePrinter } from '../../../electron/engine/summary/line-printer.js';
import { compileFilter, type CompiledFilter } from '../../../electron/engine/filter/compile-filter.js';
import { matchPacket } from '../../../electron/engine/filter/match-packet.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';

export interface LoadedCapture {
  readonly index: CaptureIndex;
  /** Packet bytes by row. */
  readonly data: Uint8Array[];
  /** Detail trees by row, dissected in file order once. */
  readonly trees: FieldNode[][];
}

/** Reads and dissects a capture (the first `limit` packets when given). */
export function loadCapture(file: string, limit = Infinity): LoadedCapture {
  const index = new CaptureIndex();
  const printer = new LinePrinter(createRegistry());
  const data: Uint8Array[] = [];
  const trees: FieldNode[][] = [];
  const reader = createCaptureReader({
    onInterface: (iface) => {
      index.addInterface(iface);
      printer.addInterface(iface);
    },
    onPacket: (rec, bytes) => {
      if (data.length >= limit) return;
      const copy = bytes.slice();
      index.add(rec, copy);
      data.push(copy);
      trees.push(printer.dissect(rec, copy, true).tree ?? []);
    },
  });
  reader.push(new Uint8Array(readFileSync(file)));
  reader.end();
  return { index, data, trees };
}

export interface FilterRun {
  readonly frames: number[];
  /** Packets neither the index nor the bytes could decide (dissected with a tree). */
  readonly slow: number;
  /** Packets where index or bytes and tree disagree (they must never be wrong when they answer). */
  readonly inconsistent: number[];
}

export function runFilter(cap: LoadedCapture, filter: CompiledFilter | string): FilterRun {
  let f: CompiledFilter;
  if (typeof filter === 'string') {
    const c = compileFilter(filter);
    if (!c.ok) throw new Error(`${filter}: ${c.error.message} at ${c.error.position}`);
    f = c.filter;
  } else f = filter;
  const frames: number[] = [];
  const inconsistent: number[] = [];
  let slow = 0;
  for (let i = 0; i < cap.index.packets.length; i++) {
    // The index first, then the packet's bytes (frame contains, frame[…]), then the tree.
    const fast = f.matchIndex(cap.index, i) ?? f.matchBytes(cap.index, i, cap.data[i]!);
    const viaTree = f.matchTree(cap.trees[i]!, { index: cap.index, i, data: cap.data[i]! });
    if (fast === undefined) slow++;
    else if (fast !== viaTree) inconsistent.push(i + 1);
    const m = matchPacket(f, cap.index, i, () => ({ tree: cap.trees[i]!, data: cap.data[i]! }));
    if (m) frames.push(i + 1);
  }
  return { frames, slow, inconsistent };
}
