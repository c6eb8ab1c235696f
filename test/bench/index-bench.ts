// Indexes a capture the way the engine host opens a file (chunks → reader → CaptureIndex)
// and prints timings and memory as JSON. Run by test/bench/run.mjs in its own process.
// Modes: 'read' the reader alone; 'index' columns + flow keys; 'open' index + flows + TCP
// analysis (what opening a file does); 'ladder' an open, then the ladder window around the
// middle packet of the biggest flow, as the engine answers a `ladder` request (cold cache).
import { openSync, readSync, closeSync } from 'node:fs';
import { createCaptureReader } from '../../electron/capfile/capture-reader.js';
import { CaptureIndex } from '../../electron/engine/flows/capture-index.js';
import { CHECKPOINT_EVERY } from '../../electron/engine/flows/tcp-ladder-checkpoints.js';
import { LadderCache, ladderWindow } from '../../electron/engine/workspace/ladder-cache.js';
import { tcpLadderWindow } from '../../electron/engine/flows/tcp-ladder-window.js';
import { ladderDto, ladderWindowDto } from '../../electron/engine/workspace/flow-dto.js';
import { LADDER_WINDOW } from '../../electron/shared/ladder-window.js';

const file = process.argv[2]!;
const mode = process.argv[3] ?? 'index';
const gc = (globalThis as { gc?: () => void }).gc;
const chunk = new Uint8Array(1 << 20);
gc?.();
const heap0 = process.memoryUsage().heapUsed;
const ab0 = process.memoryUsage().arrayBuffers;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
// EVERY=n: ladder checkpoints every n packets of a flow (a huge n: none, to see what they cost).
const idx = new CaptureIndex(mode !== "index", Number(process.env.EVERY ?? CHECKPOINT_EVERY));
let packets = 0;
const reader = createCaptureReader({
  onInterface: (i) => idx.addInterface(i),
  onPacket: (rec, data) => {
    packets++;
    if (mode !== 'read') idx.add(rec, data);
  },
  // As the engine session opens a file: the reader's chunk and an offset, no view per packet.
  onPacketAt: (rec, buf, start) => {
    packets++;
    if (mode !== 'read') idx.addAt(rec, buf, start);
  },
});
const fd = openSync(file, 'r');
for (;;) {
  const n = readSync(fd, chunk, 0, chunk.length, null);
  if (n <= 0) break;
  reader.push(chunk.subarray(0, n));
}
closeSync(fd);
reader.end();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;

let ladder: { flow: number; flowPackets: number; around: number; ms: number; cpuMs: number; events: number; total: number; fullMs: number; fullCpuMs: number; listBytes: number; checkpointBytes: number } | null = null;
if (mode === 'ladder') {
  let big = idx.flows.flows[0];
  for (const f of idx.flows.flows) if (f.packets[0] + f.packets[1] > (big ? big.packets[0] + big.packets[1] : 0)) big = f;
  if (big) {
    // The middle packet of the flow: found by a walk here, outside the timed part.
    const want = Math.floor((big.packets[0] + big.packets[1]) / 2);
    let around = big.firstIndex;
    for (let i = big.firstIndex, k = 0; i >= 0; i = idx.flowPackets.next(i), k++) if (k === want) around = i;
    // As the engine answers a `ladder` request now: from the nearest checkpoint.
    const l0 = performance.now();
    const c0 = process.cpuUsage();
    const w = tcpLadderWindow(idx, big, { around }, LADDER_WINDOW, true)!;
    const dto = ladderWindowDto(idx, w, 0)!;
    const c1 = process.cpuUsage(c0);
    const ms = performance.now() - l0;
    // Before: the whole flow's ladder built, then the window cut from it.
    const f0 = performance.now();
    const fc0 = process.cpuUsage();
    const l = new LadderCache(idx).get(big.id)!;
    const fw = ladderWindow(l, { around }, LADDER_WINDOW);
    ladderDto(idx, l, 0, fw.from, fw.count);
    const fc1 = process.cpuUsage(fc0);
    const fullMs = performance.now() - f0;
    const fullCpuMs = (fc1.user + fc1.system) / 1000;
    ladder = {
      flow: big.id, flowPackets: big.packets[0] + big.packets[1], around, ms, cpuMs: (c1.user + c1.system) / 1000, events: dto.events.length, total: dto.total, fullMs, fullCpuMs,
      listBytes: idx.flowPackets.byteSize, checkpointBytes: idx.ladderCheckpoints.approxBytes,
    };
  }
}
// Twice: the first collection may leave freed ArrayBuffers (the reader's) counted a moment longer.
gc?.();
gc?.();
const heap1 = process.memoryUsage().heapUsed;
// Typed columns live outside the JS heap: the table, and the pooled per-flow state.
const external = process.memoryUsage().arrayBuffers - ab0;
console.log(
  JSON.stringify({
    mode,
    packets,
    ms,
    cpuMs,
    flows: idx.flows.size,
    tableBytes: idx.packets.byteSize,
    heapBytes: heap1 - heap0,
    externalBytes: external,
    /** Everything the index holds: JS heap + typed columns (the table among them). */
    bytesPerPacket: (heap1 - heap0 + external) / Math.max(1, packets),
    ladder,
    error: reader.error?.message ?? null,
  }),
);
