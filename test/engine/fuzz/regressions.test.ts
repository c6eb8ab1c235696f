// Inputs the engine fuzzer found (or that it could not reach on its own), kept forever as
// regression cases: each goes through the whole engine path (engine-path.ts) with every
// check on, and what went wrong is checked by name.
//  - pcapng-time-past-2106.pcapng: a flipped bit in an EPB's high timestamp word (year 20300);
//    the index kept only the low 32 bits of the seconds, so rows, ladders, filters and
//    exports showed and wrote another time.
//  - pcap-usec-field-over-4294s.pcap: broken µs fields (2147483648 and 4294967295 µs, as in
//    tcpdump's timestamp_invalid_micro test; the fuzzer met them there): x1000 they no longer
//    fit the index's 32-bit nanosecond column.
//  - pcapng-time-before-1970.pcapng: a negative if_tsoffset puts a packet 5 s before 1970:
//    negative seconds wrapped in the index, and the contract's TimeDto refused them, so the
//    renderer dropped every update (the load never ended on screen).
//  - pcapng-snaplen-below-packets.pcapng: an IDB says snaplen 7 for 48-byte packets; exported
//    as pcap with snaplen 7, libpcap (and our reader) cut every packet to 7 bytes.
//  - pcap-version-2.0-lengths-swapped.pcap: a header zeroed to version 2.0 (len before caplen
//    in each record); the export re-wrote that header over records in the 2.4 order, so a
//    packet with caplen 0 and len 66 read back as 66 bytes that were not there.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import { ManualClock, MemorySource } from '../workspace/session-support.js';
import { runEnginePath } from './engine-path.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'regressions');
const FILES = readdirSync(DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(DIR, name)));

function times(bytes: Uint8Array): { sec: number; nsec: number }[] {
  const out: { sec: number; nsec: number }[] = [];
  readCaptureBytes(bytes, { onPacket: (r) => void out.push({ sec: r.tsSec, nsec: r.tsNsec }) });
  return out;
}

async function session(bytes: Uint8Array): Promise<EngineSession> {
  const s = new EngineSession({ source: new MemorySource(bytes), onUpdate: () => {}, clock: new ManualClock() });
  s.push(bytes);
  s.end();
  return s;
}

describe('engine fuzzer regressions', () => {
  it('keeps every reproducer', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(FILES)('%s goes through the whole engine path', async (name) => {
    for (const chunk of [1 << 20, 7]) {
      await runEnginePath(load(name), { flags: ['-v', '-e'], chunk, filters: ['frame.time_relative >= 0', 'tcp || udp'], thorough: true, fullDigest: true });
    }
  });

  it.each(['pcapng-time-past-2106.pcapng', 'pcap-usec-field-over-4294s.pcap', 'pcapng-time-before-1970.pcapng'])(
    '%s: the rows show the times the file holds',
    async (name) => {
      const bytes = load(name);
      const s = await session(bytes);
      const { rows } = await s.rows({ start: 0, count: 5000 });
      expect(rows.map((r) => r.time)).toEqual(times(bytes));
      s.dispose();
    },
  );
});
