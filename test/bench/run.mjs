// `npm run bench`: Ackline's figures beside tcpdump and tshark, measured in the same run
// on the same capture (a benchmark, not a test: it prints, it does not assert).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { makeCapture } from './make-capture.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const haveTime = existsSync('/usr/bin/time');

/** Runs a shell command with stdout to /dev/null; returns wall seconds and peak RSS (KB). */
function measure(cmd) {
  const tfile = path.join(root, 'out/bench/.time');
  const wrapped = haveTime ? `/usr/bin/time -o ${tfile} -f "%e %M" sh -c '${cmd} > /dev/null 2>&1'` : `${cmd} > /dev/null 2>&1`;
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', wrapped], { stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  let rssKb = NaN;
  let secs = wall;
  if (haveTime && existsSync(tfile)) {
    const [e, m] = readFileSync(tfile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    secs = e ?? wall;
    rssKb = m ?? NaN;
    rmSync(tfile);
  }
  return { secs, rssKb, ok: r.status === 0 };
}

function best(cmd, runs = RUNS) {
  let b = null;
  for (let i = 0; i < runs; i++) {
    const m = measure(cmd);
    if (!b || m.secs < b.secs) b = m;
  }
  return b;
}

const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const rate = (packets, secs) => `${fmt(packets / secs / 1e6, 2)} Mpkt/s`;

async function main() {
  console.log('Ackline benchmark — builds the bench entries, makes the capture, measures.');
  await build({
    entryPoints: [path.join(root, 'test/bench/index-bench.ts')],
    outfile: path.join(root, 'out/bench/index-bench.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [path.join(root, 'electron/capture/spawn-capture.ts')],
    outfile: path.join(root, 'out/bench/spawn-capture.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [path.join(root, 'test/bench/live-engine.ts')],
    outfile: path.join(root, 'out/bench/live-engine.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const cli = path.join(root, 'electron/cli/ackline.mjs');
  if (!existsSync(path.join(root, 'out/cli/ackline.mjs'))) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const file = process.env.BENCH_CAPTURE ?? makeCapture();
  const sizeMb = (await import('node:fs')).statSync(file).size / 1e6;

  // 1. Index: our engine in its own process, memory per packet from the engine's own accounting.
  const runIndex = (mode) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync('node', ['--expose-gc', path.join(root, 'out/bench/index-bench.mjs'), file, mode], { encoding: 'utf8' });
      runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
    }
    return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  };
  const idx = runIndex('index');
  const open = runIndex('open');
  const packets = idx.packets;
  console.log(`\ncapture: ${file} — ${packets} packets, ${fmt(sizeMb, 1)} MB`);
  const idxRss = measure(`node --expose-gc ${path.join(root, 'out/bench/index-bench.mjs')} ${file} index`).rssKb;

  console.log('\n== Index a file (timestamps, lengths, link/network/transport fields, flow key per packet)');
  console.log(`ackline   ${fmt(idx.ms / 1000, 3)} s  ${rate(packets, idx.ms / 1000)}  engine memory ${fmt(idx.bytesPerPacket, 1)} B/packet  peak RSS ${fmt(idxRss / 1024, 0)} MB   (target ≤ 0.4 s, ≤ 64 B/packet)`);
  if (have('tshark')) {
    const fields = '-e frame.number -e frame.time_epoch -e frame.len -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport';
    const t = best(`tshark -n -r ${file} -T fields ${fields}`, 1);
    console.log(`tshark    ${fmt(t.secs, 3)} s  ${rate(packets, t.secs)}  peak RSS ${fmt(t.rssKb / 1024, 0)} MB (${fmt((t.rssKb * 1024) / packets, 0)} B/packet)`);
  } else console.log('tshark    not installed');

  console.log('\n== Render every tcpdump line (stdout to /dev/null)');
  const ours = best(`node ${cli} read ${file}`);
  console.log(`ackline   ${fmt(ours.secs, 3)} s  ${rate(packets, ours.secs)}  peak RSS ${fmt(ours.rssKb / 1024, 0)} MB`);
  if (have('tcpdump')) {
    const td = best(`tcpdump -n -r ${file}`);
    console.log(`tcpdump   ${fmt(td.secs, 3)} s  ${rate(packets, td.secs)}  peak RSS ${fmt(td.rssKb / 1024, 0)} MB`);
    console.log(`speed-up  ${fmt(td.secs / ours.secs, 2)}× tcpdump   (target ≥ 1.5×)`);
  } else console.log('tcpdump   not installed');

  console.log('\n== Full open: index + flows + TCP analysis');
  console.log(`ackline   ${fmt(open.ms / 1000, 3)} s  ${rate(packets, open.ms / 1000)}  ${open.flows} flows  engine memory ${fmt(open.bytesPerPacket, 1)} B/packet   (target ≤ 0.6 s, ≤ 64 B/packet + bounded per flow)`);
  if (have('tshark')) {
    const t = best(`tshark -n -r ${file} -q -z conv,tcp`, 1);
    console.log(`tshark    ${fmt(t.secs, 3)} s  (-q -z conv,tcp)  peak RSS ${fmt(t.rssKb / 1024, 0)} MB`);
  }

  const { filterBench } = await import('./filter-run.mjs');
  await filterBench(root, file, packets);

  const { rendererBench } = await import('./renderer-bench.mjs');
  await rendererBench(root, { file1m: file, packets1m: packets });
}

await main();
const { fuzzBench } = await import('./fuzz-run.mjs');
await fuzzBench(root);
console.log('\n== Live capture on lo (local UDP generator)  target: ≥ 300,000 packets/s with 0 drops (native)');
const { liveBench } = await import('./live-bench.mjs');
await liveBench();
