// Runs the engine's tshark views (electron/engine/tshark/, the taps behind `ackline tshark
// -z`) over an open capture for the app's statistics windows: the packets are read back
// through PacketBytes in file order, dissected the way tshark does by one TsharkPass, and
// handed to the taps, only those `counted` (the displayed ones when a window is limited to
// the display filter: the pass itself sees every packet given, for its TCP analysis).
import type { PacketRecord } from '../../capfile/types.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { Tap } from '../tshark/tap.js';
import { TsharkPass } from '../tshark/tshark-pass.js';
import type { PacketBytes } from './packet-bytes.js';
import type { PacketExtras } from './packet-extras.js';

const CHUNK = 2048;
const yieldNow = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export interface TapSource {
  readonly index: CaptureIndex;
  readonly extras: PacketExtras;
  readonly bytes: PacketBytes;
  /** Packets the user ignores: the statistics leave them out. */
  readonly ignored?: ReadonlySet<number>;
}

/** The record the reader made of packet `i`, rebuilt from the index (what the pass needs of it). */
export function packetRecord(src: TapSource, i: number): PacketRecord {
  const t = src.index.packets;
  const flags = src.extras.epbFlags(i);
  const comments = src.extras.comments.get(i);
  return {
    number: i + 1,
    interfaceId: t.iface.get(i),
    tsSec: t.sec(i),
    tsNsec: t.nsec(i),
    caplen: t.caplen.get(i),
    wirelen: t.wirelen.get(i),
    dataOffset: t.dataOffset.get(i),
    recordOffset: 0,
    blockType: 0,
    ...(flags !== undefined ? { epbFlags: flags } : {}),
    ...(comments ? { comments } : {}),
  };
}

/**
 * Feeds packets `indices` (ascending) through one TsharkPass to `taps`; packets for which
 * `counted` is false are dissected (they shape the TCP analysis) but not tapped. Yields
 * between chunks, telling `progress` how far it got; stops early when `signal` aborts
 * (returns false then).
 */
export async function runTaps(
  src: TapSource,
  indices: PacketSeq,
  taps: readonly Tap[],
  counted: (i: number) => boolean,
  signal: AbortSignal,
  /** Compute Wireshark's Protocol and Info columns (summary lines, CSV). */
  withColumns = false,
  progress?: (done: number, total: number) => void,
): Promise<boolean> {
  const pass = new TsharkPass([], withColumns);
  src.index.interfaces.forEach((iface) => iface && pass.addInterface(iface));
  for (let k = 0; k < indices.length; k += CHUNK) {
    if (signal.aborted) return false;
    const batch: number[] = [];
    for (let j = k; j < Math.min(indices.length, k + CHUNK); j++) batch.push(indices.at(j));
    const datas = await src.bytes.readMany(batch);
    batch.forEach((i, b) => {
      const p = pass.add(packetRecord(src, i), datas[b]!);
      if (counted(i)) for (const t of taps) t.packet(p);
    });
    progress?.(Math.min(indices.length, k + CHUNK), indices.length);
    if (k + CHUNK < indices.length) await yieldNow();
  }
  return !signal.aborted;
}

/** Packet indices in ascending order, however they are stored. */
export interface PacketSeq {
  readonly length: number;
  at(k: number): number;
}

/** Packets 0..n-1. */
export const allPackets = (n: number): PacketSeq => ({ length: n, at: (k) => k });

/** The packets of a list (ascending). */
export const packetList = (list: ArrayLike<number>, n = list.length): PacketSeq => ({ length: n, at: (k) => list[k]! });
