// Indexes a capture the way the engine host opens a file (chunks → reader → CaptureIndex)
// and prints timings and memory as JSON. Run by test/bench/run.mjs in its own process.
import { openSync, readSync, closeSync } from 'node:fs';
import { createCaptureReader } from '../../electron/capfile/capture-reader.js';
import { CaptureIndex } from '../../electron/engine/flows/capture-index.js';

const file = process.argv[2]!;
// 'index': columns + flow keys; 'open': index + flows + TCP analysis (what opening a file does); 'read': the reader alone.
const mode = process.argv[3] ?? 'index';
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const idx = new CaptureIndex(mode !== 'index');
idx.expectedBytes = (await import('node:fs')).statSync(file).size;
let packets = 0;
const reader = createCaptureReader({
  onInterface: (i) => idx.addInterface(i),
  onPacket: (rec, data) => {
    packets++;
    if (mode !== 'read') idx.add(rec, data);
  },
});
const fd = openSync(file, 'r');
const chunk = new Uint8Array(1 << 20);
for (;;) {
  const n = readSync(fd, chunk, 0, chunk.length, null);
  if (n <= 0) break;
  reader.push(chunk.subarray(0, n));
}
closeSync(fd);
reader.end();
idx.packets.trim();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
gc?.();
const heap1 = process.memoryUsage().heapUsed;
const ab = process.memoryUsage().arrayBuffers;
console.log(
  JSON.stringify({
    mode,
    packets,
    ms,
    cpuMs,
    flows: idx.flows.size,
    tableBytes: idx.packets.byteSize,
    heapBytes: heap1 - heap0,
    arrayBuffers: ab,
    bytesPerPacket: (heap1 - heap0 + idx.packets.byteSize) / Math.max(1, packets),
    error: reader.error?.message ?? null,
  }),
);
