// What copying batches into JS-owned ArrayBuffers costs against external ones, on lo, as the
// capture process runs it (not immediate, 64 MiB ring, every batch split into packets as
// electron/capture/native-backend.ts does). Root only; 127.0.0.1 only (test/bench/udpgen.c, raw).
// Usage: node test/native/copy-bench.mjs [pps=300000] [seconds=3] [rounds=3] [udp payload bytes=64]
// Prints, per path and round: packets captured, kernel drops, CPU seconds of the capturing
// process (all its threads) and CPU microseconds per 1000 packets.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const addonPath = path.join(root, 'native/build/Release/ackline_pcap.node');

if (process.argv[2] === 'child') {
  // The capturing process: capture until stdin says stop, then print one JSON line (CPU counted from "ready").
  const port = Number(process.argv[3]);
  const m = createRequire(import.meta.url)(addonPath);
  const h = m.open('lo', { snaplen: 262144, promisc: false, immediate: false, bufferSize: 64 << 20 });
  m.setFilter(h, `udp dst port ${port}`);
  let packets = 0;
  let batches = 0;
  let bytes = 0;
  let finished;
  const done = new Promise((r) => (finished = r));
  m.start(h, (buf, count, isDone) => {
    if (buf) {
      // The work native-backend's parseBatch does per packet: read the header, take a view.
      const dv = new DataView(buf);
      const u8 = new Uint8Array(buf);
      let p = 0;
      for (let i = 0; i < count; i++) {
        const caplen = dv.getUint32(p + 12, true);
        bytes += u8.subarray(p + 20, p + 20 + caplen).length;
        p += 20 + ((caplen + 3) & ~3);
      }
      packets += count;
      batches++;
    }
    if (isDone) finished();
  });
  const c0 = process.cpuUsage();
  const cpu0 = c0.user + c0.system;
  process.stdin.once('data', async () => {
    m.stop(h);
    await done;
    const s = m.stats(h);
    m.close(h);
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ packets, batches, bytes, drops: s.droppedByKernel, copied: s.batchesCopied, cpu: (cpu.user + cpu.system - cpu0) / 1e6, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  });
  console.log('ready');
} else {
  if (process.getuid?.() !== 0) {
    console.log('copy-bench: needs root (capture on lo)');
    process.exit(0);
  }
  const [pps = '300000', seconds = '3', rounds = '3', size = '64'] = process.argv.slice(2);
  const gen = '/tmp/ackline-udpgen';
  if (spawnSync('cc', ['-O2', '-o', gen, path.join(root, 'test/bench/udpgen.c')], { stdio: 'inherit' }).status !== 0) process.exit(1);
  for (let r = 0; r < Number(rounds); r++) {
    for (const mode of ['external', 'copy']) {
      const port = 47600 + r;
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'child', String(port)], {
        env: { ...process.env, ACKLINE_NATIVE_FORCE_COPY: mode === 'copy' ? '1' : '' },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      await new Promise((res) => child.stdout.once('data', res));
      const g = spawnSync(gen, [String(port), pps, seconds, size, 'raw'], { encoding: 'utf8' });
      await new Promise((res) => setTimeout(res, 300));
      child.stdin.end('stop\n');
      await new Promise((res) => child.on('exit', res));
      const res = JSON.parse(out.trim().split('\n').pop());
      const [sent, secs] = g.stdout.trim().split(' ').map(Number);
      console.log(
        `${mode.padEnd(8)} offered ${Math.round(sent / secs)}/s  captured ${res.packets}/${sent}  kernel drops ${res.drops}  batches ${res.batches} (copied ${res.copied})  peak RSS ${res.maxRssMb} MB  cpu ${res.cpu.toFixed(2)} s  ${((res.cpu * 1e6) / Math.max(1, res.packets) * 1000).toFixed(0)} µs/1000 pkts`,
      );
    }
  }
}
