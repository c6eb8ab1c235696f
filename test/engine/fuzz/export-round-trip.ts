// Reading a capture's packets (bytes copied), and exporting from a session with each written
// file read back: the selected packets, bytes and lengths unchanged, times as far as the
// format holds them.

import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import type { PacketRecord } from '../../../electron/capfile/types.js';
import type { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import type { ByteSink } from '../../../electron/engine/workspace/exporter.js';
import { check, FuzzViolation } from './violation.js';

/** One packet as a reader delivered it. */
export interface SeenPacket {
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly caplen: number;
  readonly wirelen: number;
  readonly data: Uint8Array;
}

/** A plain one-line Error is a refusal the user can read; anything else is a bug. */
const clearRefusal = (e: unknown): e is Error =>
  e instanceof Error && e.constructor === Error && e.message.length > 0 && !e.message.includes('\n');

export function memorySink(): { sink: ByteSink; bytes: () => Uint8Array } {
  const parts: Uint8Array[] = [];
  let aborted = false;
  return {
    sink: {
      write: async (c) => void parts.push(c.slice()),
      close: async () => {},
      abort: async () => void (aborted = true),
    },
    bytes: () => (aborted ? new Uint8Array(0) : new Uint8Array(Buffer.concat(parts))),
  };
}

export function readAllPackets(bytes: Uint8Array, where: string): { packets: SeenPacket[]; error: string | null } {
  const packets: SeenPacket[] = [];
  const reader = readCaptureBytes(bytes, {
    onPacket: (rec: PacketRecord, data: Uint8Array) => {
      check(data.length === rec.caplen, where, `packet ${rec.number}: ${data.length} bytes delivered for caplen ${rec.caplen}`);
      packets.push({ tsSec: rec.tsSec, tsNsec: rec.tsNsec, caplen: rec.caplen, wirelen: rec.wirelen, data: data.slice() });
    },
  });
  check(reader.ended, where, 'the reader did not end');
  check(reader.error?.kind !== 'internal', where, `internal reader error: ${reader.error?.message ?? ''}`);
  check(reader.bytesConsumed <= bytes.length, where, `consumed ${reader.bytesConsumed} of ${bytes.length} bytes`);
  return { packets, error: reader.error?.message ?? null };
}

/** Exports `selection` in `format`; returns the file written, or null for a clear refusal. */
export async function exportTo(session: EngineSession, sinks: Map<string, ReturnType<typeof memorySink>>, token: string,
  selection: Parameters<EngineSession['exportTo']>[0]['selection'], format: 'pcap' | 'pcapng'): Promise<{ bytes: Uint8Array; packets: number } | null> {
  try {
    const r = await session.exportTo({ token, selection, format });
    const m = sinks.get(token);
    if (!m) throw new FuzzViolation('export', 'no sink was opened');
    const bytes = m.bytes();
    check(r.bytes === bytes.length, 'export', `reported ${r.bytes} bytes, wrote ${bytes.length}`);
    return { bytes, packets: r.packets };
  } catch (e) {
    if (e instanceof FuzzViolation) throw e;
    if (clearRefusal(e)) return null;
    throw new FuzzViolation(`export ${selection.kind} as ${format}`, e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack ?? ''}` : String(e));
  }
}

/**
 * An exported file read back holds exactly the selected packets, bytes and lengths unchanged,
 * at the same time as far as the format can hold it. `sourceError` is the source's own read
 * error: a pcap header libpcap refuses (reserved link-type bits) is re-written as it was, so
 * the copy is refused the same way.
 */
export function checkRoundTrip(file: Uint8Array, want: readonly number[], all: readonly SeenPacket[], format: 'pcap' | 'pcapng', where: string, sourceError: string | null): void {
  const back = readAllPackets(file, where);
  check(back.error === null || (back.error === sourceError && want.length === 0), where, `the written file does not read back: ${back.error ?? ''}`);
  check(back.packets.length === want.length, where, `${back.packets.length} packets read back, ${want.length} written`);
  want.forEach((i, k) => {
    const a = all[i];
    const b = back.packets[k];
    if (!a || !b) throw new FuzzViolation(where, `packet ${i + 1} missing`);
    check(a.wirelen === b.wirelen && Buffer.compare(a.data, b.data) === 0, where, `packet ${i + 1} changed (${a.caplen}/${a.wirelen} -> ${b.caplen}/${b.wirelen})`);
    // pcap holds the raw 32-bit seconds and fraction fields; pcapng one 64-bit count, so a
    // fraction of a second or more (a broken µs field) carries into the seconds there.
    const sec = format === 'pcap' ? ((a.tsSec % 2 ** 32) + 2 ** 32) % 2 ** 32 : a.tsSec + Math.floor(a.tsNsec / 1e9);
    check(b.tsSec === sec, where, `packet ${i + 1}: time ${a.tsSec}.${a.tsNsec} read back as ${b.tsSec}.${b.tsNsec}`);
  });
}
