// Display-filter throughput as the engine host runs it: open (index) the capture once, then
// run each filter over every packet — the index decides most, the rest are read back by
// their file offset and dissected with a tree. Prints one JSON line per filter.
// Usage: node out/bench/filter-bench.mjs FILE FILTER...
import { closeSync, openSync, readSync } from 'node:fs';
import { FrameDissector } from '../../electron/engine/dissect/dissect-frame.js';
import { compileFilter } from '../../electron/engine/filter/compile-filter.js';
import { matchPacket } from '../../electron/engine/filter/match-packet.js';
import { CaptureIndex } from '../../electron/engine/flows/capture-index.js';
import { createCaptureReader } from '../../electron/capfile/capture-reader.js';
import { createRegistry } from '../../electron/engine/protocols/index.js';

const [file, ...filters] = process.argv.slice(2) as [string, ...string[]];
const t0 = performance.now();
const idx = new CaptureIndex();
const reader = createCaptureReader({ onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void idx.add(rec, data) });
const fd = openSync(file, 'r');
const chunk = new Uint8Array(1 << 20);
for (;;) {
  const n = readSync(fd, chunk, 0, chunk.length, null);
  if (n <= 0) break;
  reader.push(chunk.subarray(0, n));
}
reader.end();
const indexMs = performance.now() - t0;
console.log(JSON.stringify({ kind: 'index', packets: idx.packets.length, ms: indexMs }));

const dissector = new FrameDissector(createRegistry());
const buf = new Uint8Array(262144);
const t = idx.packets;
for (const text of filters) {
  const c = compileFilter(text);
  if (!c.ok) {
    console.log(JSON.stringify({ kind: 'filter', filter: text, error: c.error.message }));
    continue;
  }
  let slow = 0;
  let matched = 0;
  const f0 = performance.now();
  for (let i = 0; i < t.length; i++) {
    const m = matchPacket(c.filter, idx, i, () => {
      slow++;
      const n = t.caplen.get(i);
      readSync(fd, buf, 0, n, t.dataOffset.get(i));
      const data = buf.subarray(0, n);
      const linktype = idx.interfaces[t.iface.get(i)]?.linktype ?? -1;
      return { tree: dissector.dissect(data, t.wirelen.get(i), { number: i + 1, linktype }, true).tree, data };
    });
    if (m) matched++;
  }
  const ms = performance.now() - f0;
  console.log(JSON.stringify({ kind: 'filter', filter: text, ms, matched, slow, needsTree: c.filter.needsTree }));
}
closeSync(fd);
