// Live capture figure for `npm run bench`: packets/s captured on lo from a local UDP
// generator (test/bench/udpgen.c, 127.0.0.1 only) at increasing rates, kernel drops from
// pcap_stats, and batches per second handed on, for each capture backend. Needs root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function liveBench({ rates = [100_000, 200_000, 300_000, 400_000, 500_000], seconds = 2 } = {}) {
  if (process.getuid?.() !== 0) return console.log('live      skipped (needs root for capture on lo)');
  const gen = path.join(root, 'out/bench/udpgen');
  if (spawnSync('cc', ['-O2', '-o', gen, path.join(root, 'test/bench/udpgen.c')]).status !== 0) return console.log('live      skipped (no C compiler for the traffic generator)');
  const { spawnCapture } = await import(pathToFileURL(path.join(root, 'out/bench/spawn-capture.mjs')).href);
  const { followFile } = await import(pathToFileURL(path.join(root, 'out/bench/live-engine.mjs')).href);
  const dir = mkdtempSync(path.join(tmpdir(), 'ackline-live-'));
  try {
    for (const backend of ['native', 'cap']) {
      for (const pps of rates) {
        const port = 47555;
        const file = path.join(dir, `${backend}-${pps}.pcapng`);
        const proc = spawnCapture({ interface: 'lo', filter: `udp dst port ${port}`, snaplen: 262144, promiscuous: false, bufferSize: 64 << 20, count: 0, file, backend });
        let flushes = 0;
        let result = null;
        let error = null;
        const started = new Promise((resolve) =>
          proc.onMessage((m) => {
            if (m.type === 'started') resolve(true);
            if (m.type === 'flushed') flushes++;
            if (m.type === 'error') (error = m.message), resolve(false);
            if (m.type === 'stopped') result = m;
          }),
        );
        const exited = new Promise((r) => proc.onExit(() => r()));
        if (!(await started)) {
          console.log(`live      ${backend.padEnd(6)} unavailable: ${error}`);
          proc.kill();
          break;
        }
        // The engine host follows the file as the app's does and batches updates for the UI.
        const follower = await followFile(root, file);
        const t0 = performance.now();
        const g = spawnSync(gen, [String(port), String(pps), String(seconds), '64', 'raw'], { encoding: 'utf8' });
        await new Promise((r) => setTimeout(r, 300));
        proc.stop();
        await exited;
        await new Promise((r) => setTimeout(r, 300));
        const ui = await follower.stop();
        const secs = (performance.now() - t0) / 1000;
        const [sentStr, genSecs] = g.stdout.trim().split(' ');
        const sent = Number(sentStr);
        const achieved = sent / Number(genSecs || seconds);
        const got = result?.packets ?? 0;
        const drops = result?.stats.droppedByKernel ?? 0;
        console.log(
          `live      ${backend.padEnd(6)} offered ${String(pps).padStart(7)}/s  generated ${Math.round(achieved).toLocaleString('en-US').padStart(7)}/s  sent ${sent}  captured ${got} (${((got / Math.max(1, sent)) * 100).toFixed(1)}%)  kernel drops ${backend === 'cap' ? 'n/a (cap has no pcap_stats)' : drops}  file flushes ${(flushes / secs).toFixed(1)}/s  UI batches ${(ui.updates / ui.seconds).toFixed(1)}/s (engine saw ${ui.packets})`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
