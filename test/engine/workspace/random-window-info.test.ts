// The Info column of any window equals `tcpdump -n` for that packet, however the list is
// scrolled: windows in random order and of random sizes, from the middle of every scenario
// capture, against tcpdump's own output (TZ=UTC references); and for every other capture of
// the corpus, against our own sequential printing (the random-access path must never differ).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { printCaptureBytes } from '../../../electron/engine/summary/print-capture.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';
import { DEFAULT_LINE_OPTIONS } from '../../../electron/engine/summary/line-printer.js';
import type { EngineSession } from '../../../electron/engine/workspace/engine-session.js';
import { capturePath, haveCaptures, readCapture } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

/** tcpdump's output split into packets; the leading "HH:MM:SS.ffffff " removed. */
function referenceInfo(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^\d\d:\d\d:\d\d\.\d+ /.exec(line);
    if (m) out.push(line.slice(m[0].length));
    else if (line.startsWith('[Invalid header')) out.push(line);
    else if (out.length) out[out.length - 1] += '\n' + line;
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every packet's Info, fetched through random windows in random order. */
async function infoByWindows(session: EngineSession, n: number, seed: number): Promise<string[]> {
  const got = new Array<string>(n);
  const r = rng(seed);
  const starts: { start: number; count: number }[] = [];
  for (let s = 0; s < n; ) {
    const count = 1 + Math.floor(r() * 40);
    starts.push({ start: s, count });
    s += count;
  }
  // Shuffle: the list is scrolled anywhere, backwards, by jumps.
  for (let k = starts.length - 1; k > 0; k--) {
    const j = Math.floor(r() * (k + 1));
    [starts[k], starts[j]] = [starts[j]!, starts[k]!];
  }
  for (const w of starts) {
    const { rows } = await session.rows(w);
    rows.forEach((row, k) => (got[w.start + k] = row.info));
  }
  return got;
}

const scenarioDir = 'scenarios';
// The bulk capture's pcapng twin adds seconds and nothing new (same packets, same oracle).
const scenarios = haveCaptures ? readdirSync(capturePath(scenarioDir)).filter((f) => /\.pcap(ng)?$/.test(f) && f !== 'tcp-bulk-http.pcapng') : [];

describe.skipIf(!haveCaptures)('random-window Info equals tcpdump -n (scenarios)', () => {
  for (const f of scenarios) {
    it(f, async () => {
      const refName = f.replace(/\.pcapng$/, '.pcap');
      const plain = capturePath(`${scenarioDir}/${refName}.tcpdump.txt`);
      const text = existsSync(plain) ? readFileSync(plain, 'latin1') : gunzipSync(readFileSync(plain + '.gz')).toString('latin1');
      const expected = referenceInfo(text);
      const { session } = openBytes(readCapture(`${scenarioDir}/${f}`), 1 << 20, { clock: new ManualClock() });
      const n = session.index.packets.length;
      expect(n).toBe(expected.length);
      const got = await infoByWindows(session, n, f.length * 7919);
      const firstBad = got.findIndex((g, i) => g !== expected[i]);
      expect(firstBad < 0 ? null : { packet: firstBad + 1, got: got[firstBad], want: expected[firstBad] }).toBeNull();
      session.dispose();
    });
  }
});

const others = haveCaptures
  ? ['tcpdump-suite', 'formats', 'pcapng-suite'].flatMap((d) =>
      existsSync(capturePath(d)) ? readdirSync(capturePath(d)).filter((f) => /\.(pcap|pcapng|cap)$/.test(f)).map((f) => `${d}/${f}`) : [],
    )
  : [];

describe.skipIf(!haveCaptures)('random-window Info equals sequential printing (corpus)', () => {
  it(`${others.length} captures`, async () => {
    const bad: string[] = [];
    for (const rel of others) {
      const bytes = readCapture(rel);
      const seq = printCaptureBytes(bytes, { ...DEFAULT_LINE_OPTIONS, tz: utcOffset }).lines.map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d+ /, ''));
      const { session } = openBytes(bytes, 4096, { clock: new ManualClock() });
      const got = await infoByWindows(session, session.index.packets.length, rel.length);
      const k = got.findIndex((g, i) => g !== seq[i]);
      if (k >= 0) bad.push(`${rel} #${k + 1}\n  seq:    ${seq[k]}\n  window: ${got[k]}`);
      session.dispose();
    }
    expect(bad).toEqual([]);
  });
});
