// A capture on lo in a process of its own, for the binding's settings that are read from the
// environment once per process (ACKLINE_NATIVE_FORCE_COPY, ACKLINE_NATIVE_FAIL_ALLOC_AFTER).
// argv: addon path, UDP port, open() options as JSON. Prints "ready" once capturing; on
// "stop" from stdin waits for the last packets, stops, and prints one JSON line: every
// batch as it came (count, bytes in base64), how many done calls, errors and stats.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const [addonPath, port, optsJson] = process.argv.slice(2);
const m = createRequire(import.meta.url)(addonPath);
const h = m.open('lo', { snaplen: 65535, promisc: false, bufferSize: 4 << 20, ...JSON.parse(optsJson || '{}') });
m.setFilter(h, `udp dst port ${port}`);
const batches = [];
const errors = [];
let dones = 0;
let finished = () => undefined;
const done = new Promise((r) => (finished = r));
m.start(h, (buf, count, isDone, error) => {
  if (buf) batches.push({ count, b64: Buffer.from(buf).toString('base64') });
  if (error !== undefined) errors.push(error);
  if (isDone) {
    dones++;
    finished();
  }
});
console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'stop') continue;
  await new Promise((r) => setTimeout(r, 300));
  m.stop(h);
  await done;
  // A second done (or a late batch) would arrive within this wait.
  await new Promise((r) => setTimeout(r, 100));
  const stats = m.stats(h);
  m.close(h);
  console.log(JSON.stringify({ batches, dones, errors, stats }));
  break;
}
