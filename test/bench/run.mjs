// `npm run bench`: Ackline's figures beside tcpdump and tshark, measured in the same run
// on the same captures (a benchmark, not a test: it prints, it does not assert). The real-
// traffic capture (perf-captures.mjs) comes first; the synthetic one is a second line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { makeCapture } from './make-capture.mjs';
import { perfCaptures } from './perf-captures.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const haveCmd = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const haveTime = existsSync('/usr/bin/time');
/** BENCH_SKIP=filter,renderer,fuzz,live leaves those sections out (a quicker run). */
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

// Every tool runs with TZ=UTC: without it glibc stats /etc/localtime once per packet in
// tcpdump's localtime() (3.5x slower than a user with TZ set sees), which flattered us.
const ENV = { ...process.env, TZ: 'UTC' };

/** Runs a shell command, stdout kept in `stdout` or sent to /dev/null; wall seconds, CPU seconds (user + system) and peak RSS (KB). */
function measure(cmd, keepStdout = false) {
  const tfile = path.join(root, 'out/bench/.time');
  const sink = keepStdout ? '' : ' > /dev/null';
  const wrapped = haveTime ? `/usr/bin/time -o ${tfile} -f "%e %M %U %S" sh -c '${cmd}${sink} 2>/dev/null'` : `${cmd}${sink} 2>/dev/null`;
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', wrapped], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  let rssKb = NaN;
  let secs = wall;
  let cpu = NaN;
  if (haveTime && existsSync(tfile)) {
    const [e, m, u, sys] = readFileSync(tfile, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
    secs = e ?? wall;
    rssKb = m ?? NaN;
    cpu = (u ?? NaN) + (sys ?? NaN);
    rmSync(tfile);
  }
  return { secs, cpu, rssKb, ok: r.status === 0, stdout: r.stdout };
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
const mb = (kb) => `${fmt(kb / 1024, 0)} MB`;
const n = (v) => v.toLocaleString('en-US');

/** The engine alone (index-bench.ts) in its own process: best of `runs` by wall time, with its peak RSS. */
function engine(file, mode, runs = RUNS) {
  let b = null;
  for (let i = 0; i < runs; i++) {
    const m = measure(`node --expose-gc ${path.join(root, 'out/bench/index-bench.mjs')} ${file} ${mode}`, true);
    const j = JSON.parse(m.stdout.trim().split('\n').pop());
    j.rssKb = m.rssKb;
    if (!b || j.ms < b.ms) b = j;
  }
  return b;
}

async function bundle(entry, out) {
  await build({ entryPoints: [path.join(root, entry)], outfile: path.join(root, out), bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
}

async function main() {
  console.log('Ackline benchmark — builds the bench entries, finds or makes the captures, measures. Every tool runs with TZ=UTC.');
  await bundle('test/bench/index-bench.ts', 'out/bench/index-bench.mjs');
  await bundle('electron/capture/spawn-capture.ts', 'out/bench/spawn-capture.mjs');
  await bundle('test/bench/live-engine.ts', 'out/bench/live-engine.mjs');
  const cli = path.join(root, 'electron/cli/ackline.mjs');
  if (!existsSync(path.join(root, 'out/cli/ackline.mjs'))) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const perf = perfCaptures(root);
  const synthetic = process.env.BENCH_CAPTURE ?? makeCapture();
  const captures = [];
  if (perf.real) captures.push({ name: 'real', file: perf.real });
  else console.log(`\nreal-traffic capture: ${perf.missing} — only the synthetic capture is measured`);
  captures.push({ name: 'synthetic', file: synthetic });
  const have = { tshark: haveCmd('tshark'), tcpdump: haveCmd('tcpdump') };

  console.log('\n== Captures');
  for (const c of captures) {
    c.packets = engine(c.file, 'read', 1).packets;
    c.mb = statSync(c.file).size / 1e6;
    const what = c.name === 'real' ? 'real traffic (make-perf-captures.sh)' : 'synthetic: 9 copies of one bulk HTTP download';
    console.log(`${c.name.padEnd(9)} ${c.file} — ${n(c.packets)} packets, ${fmt(c.mb, 1)} MB, ${what}`);
  }
  if (perf.big) console.log(`big       ${perf.big} — ${fmt(statSync(perf.big).size / 1e6, 0)} MB, 6 time-shifted copies of the real capture`);

  console.log('\n== Index a file (timestamps, lengths, link/network/transport fields, flow key per packet)   target ≤ 0.4 s, ≤ 64 B/packet');
  for (const c of captures) {
    const idx = engine(c.file, 'index');
    console.log(`${c.name.padEnd(9)} ackline ${fmt(idx.ms / 1000, 3)} s (cpu ${fmt(idx.cpuMs / 1000, 3)} s)  ${rate(c.packets, idx.ms / 1000)}  engine memory ${fmt(idx.bytesPerPacket, 1)} B/packet  peak RSS ${mb(idx.rssKb)}`);
    if (have.tshark) {
      const fields = '-e frame.number -e frame.time_epoch -e frame.len -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport';
      const t = best(`tshark -n -r ${c.file} -T fields ${fields}`, 1);
      console.log(`${''.padEnd(9)} tshark  ${fmt(t.secs, 3)} s  ${rate(c.packets, t.secs)}  peak RSS ${mb(t.rssKb)} (${fmt((t.rssKb * 1024) / c.packets, 0)} B/packet)  → ackline ${fmt(t.secs / (idx.ms / 1000), 1)}× tshark`);
    }
  }

  console.log('\n== Render every tcpdump line (ackline read F / tcpdump -n -r F, stdout to /dev/null)   target ≥ 1.5× tcpdump');
  for (const c of captures) {
    const ours = best(`node ${cli} read ${c.file}`);
    let line = `${c.name.padEnd(9)} ackline ${fmt(ours.secs, 3)} s  ${rate(c.packets, ours.secs)}  peak RSS ${mb(ours.rssKb)}`;
    if (have.tcpdump) {
      const td = best(`tcpdump -n -r ${c.file}`);
      line += `   tcpdump ${fmt(td.secs, 3)} s  ${rate(c.packets, td.secs)}  peak RSS ${mb(td.rssKb)}   → ${fmt(td.secs / ours.secs, 2)}× tcpdump's speed`;
    } else line += '   tcpdump not installed';
    console.log(line);
  }

  console.log('\n== Open + flows + TCP analysis (ackline flows F; the engine alone; tshark -q -z conv,tcp)   target ≤ 0.6 s, ≤ 64 B/packet + bounded per flow');
  const opened = {};
  for (const c of captures) {
    const cmd = best(`node ${cli} flows ${c.file}`);
    const open = engine(c.file, 'open');
    opened[c.name] = open;
    const perFlow = ((open.heapBytes + open.externalBytes - open.tableBytes) / Math.max(1, open.flows)) | 0;
    console.log(`${c.name.padEnd(9)} ackline flows ${fmt(cmd.secs, 3)} s (cpu ${fmt(cmd.cpu, 2)} s)  peak RSS ${mb(cmd.rssKb)}   engine ${fmt(open.ms / 1000, 3)} s (cpu ${fmt(open.cpuMs / 1000, 3)} s)  ${rate(c.packets, open.ms / 1000)}  ${n(open.flows)} flows`);
    console.log(
      `${''.padEnd(9)} engine memory ${fmt(open.bytesPerPacket, 1)} B/packet = packet table ${fmt(open.tableBytes / c.packets, 1)} + flows and TCP state ${fmt((open.heapBytes + open.externalBytes - open.tableBytes) / c.packets, 1)} (${n(perFlow)} B per flow: JS heap ${fmt(open.heapBytes / 1048576, 1)} MB, other typed columns ${fmt((open.externalBytes - open.tableBytes) / 1048576, 1)} MB)`,
    );
    if (have.tshark) {
      const t = best(`tshark -n -r ${c.file} -q -z conv,tcp`, 1);
      console.log(`${''.padEnd(9)} tshark -q -z conv,tcp ${fmt(t.secs, 3)} s (cpu ${fmt(t.cpu, 2)} s)  peak RSS ${mb(t.rssKb)}   → ackline flows ${fmt(t.secs / cmd.secs, 1)}× tshark (cpu ${fmt(t.cpu / cmd.cpu, 1)}×)`);
    }
    // The goals side by side with what was measured (CPU time: wall time on a shared machine is noise).
    const goal = (ok) => (ok ? 'met' : 'NOT met');
    console.log(`${''.padEnd(9)} goals: ackline flows ≤ 0.6 s: ${fmt(cmd.cpu, 2)} s cpu, ${goal(cmd.cpu <= 0.6)}; engine memory ≤ 64 B/packet: ${fmt(open.bytesPerPacket, 1)}, ${goal(open.bytesPerPacket <= 64)}`);
  }

  console.log('\n== Ladder window around a packet (the engine answering a `ladder` request, cold: the middle packet of the biggest flow)   target < 200 ms');
  for (const c of captures) {
    const lj = engine(c.file, 'ladder', 1);
    const l = lj.ladder;
    if (l) {
      console.log(`${c.name.padEnd(9)} flow ${l.flow} (${n(l.flowPackets)} packets, ${n(l.total)} events), around packet ${n(l.around + 1)}: ${l.events} events in ${fmt(l.ms, 0)} ms (cpu ${fmt(l.cpuMs, 0)} ms)   (target < 200 ms)`);
      console.log(`${''.padEnd(9)} the whole flow's ladder built, as before: ${fmt(l.fullMs, 0)} ms (cpu ${fmt(l.fullCpuMs, 0)} ms); per-flow packet list ${fmt(l.listBytes / lj.packets, 1)} B/packet, checkpoints ~${fmt(l.checkpointBytes / 1048576, 1)} MB`);
    }
  }

  if (perf.big && opened.real) {
    console.log('\n== Growth: perf-big.pcap (6 copies of the real capture) beside perf-1m.pcap   target: time and memory linear in packets');
    const big = engine(perf.big, 'open', 1);
    const cmd = measure(`node ${cli} flows ${perf.big}`);
    const r = opened.real;
    console.log(`big       ${n(big.packets)} packets  ackline flows ${fmt(cmd.secs, 2)} s  peak RSS ${mb(cmd.rssKb)}   engine ${fmt(big.ms / 1000, 2)} s (cpu ${fmt(big.cpuMs / 1000, 2)} s)  ${n(big.flows)} flows  engine memory ${fmt(big.bytesPerPacket, 1)} B/packet (table ${fmt(big.tableBytes / big.packets, 1)})`);
    const memRatio = big.bytesPerPacket / r.bytesPerPacket;
    console.log(`          per packet vs perf-1m: time ${fmt(big.ms / big.packets / (r.ms / r.packets), 2)}× (cpu ${fmt(big.cpuMs / big.packets / (r.cpuMs / r.packets), 2)}×), memory ${fmt(memRatio, 2)}×   (1.00× = linear; goal: memory linear, ${memRatio <= 1.05 ? 'met' : 'NOT met'})`);
    if (have.tshark) {
      const t = measure(`tshark -n -r ${perf.big} -q -z conv,tcp`);
      console.log(`          tshark -q -z conv,tcp ${fmt(t.secs, 2)} s  peak RSS ${mb(t.rssKb)}   → ackline flows ${fmt(t.secs / cmd.secs, 1)}× tshark`);
    }
  }

  const { filterBench } = await import('./filter-run.mjs');
  // On the real capture (the synthetic one too with BENCH_FILTER_ALL=1): each filter runs
  // tshark -Y once more, a minute or two on a busy machine.
  if (!skip.has('filter')) for (const c of process.env.BENCH_FILTER_ALL === '1' ? captures : captures.slice(0, 1)) await filterBench(root, c.file, c.packets, c.name);

  const { rendererBench } = await import('./renderer-bench.mjs');
  if (!skip.has('renderer')) await rendererBench(root, { file1m: captures[0].file, packets1m: captures[0].packets, fileBig: perf.big ?? undefined });
}

await main();
if (!skip.has('fuzz')) {
  const { fuzzBench } = await import('./fuzz-run.mjs');
  await fuzzBench(root);
}
if (!skip.has('live')) {
  console.log('\n== Live capture on lo (local UDP generator)  target: ≥ 300,000 packets/s with 0 drops (native)');
  const { liveBench } = await import('./live-bench.mjs');
  await liveBench();
}
