// `npm run bench` section: the engine fuzzer's long run (test/engine/fuzz), beyond the 10,000
// inputs CI runs on every change. A new seed each time unless BENCH_FUZZ_SEED is set; the
// seed is printed so any failure can be made again:
//   node out/bench/fuzz-main.mjs --captures DIR --seed SEED --dump N --out input.bin
// BENCH_FUZZ_COUNT (default 200000) and BENCH_FUZZ_SECONDS (default 600) bound the run,
// whichever comes first. A watchdog names the input that hangs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

const WATCHDOG_MS = 60_000;

export async function fuzzBench(root) {
  const captures = process.env.ACKLINE_CAPTURES ?? path.resolve(root, '../shared/captures');
  console.log('\n== Engine fuzz, long run (mutated real captures through the whole engine path)');
  if (!existsSync(captures)) {
    console.log(`skipped: no capture corpus at ${captures}`);
    return;
  }
  const entry = path.join(root, 'out/bench/fuzz-main.mjs');
  await build({ entryPoints: [path.join(root, 'test/engine/fuzz/fuzz-main.ts')], outfile: entry, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  const seed = Number(process.env.BENCH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const count = Number(process.env.BENCH_FUZZ_COUNT ?? 200_000);
  const seconds = Number(process.env.BENCH_FUZZ_SECONDS ?? 600);
  console.log(`seed ${seed}, up to ${count} inputs or ${seconds} s`);
  const args = [entry, '--captures', captures, '--seed', String(seed), '--count', String(count), '--time-ms', String(seconds * 1000), '--max-failures', '50'];
  const { report, stuckAt } = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let report = null;
    let last = -1;
    let timer = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('start ')) {
        last = Number(line.slice(6));
        clearTimeout(timer);
        timer = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
      } else if (line.startsWith('report ')) report = JSON.parse(line.slice(7));
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ report, stuckAt: report ? null : last });
    });
  });
  if (!report) {
    console.log(`HANG or crash: no report; input ${stuckAt} had started (seed ${seed}): reproduce with --dump ${stuckAt}`);
    return;
  }
  const rate = report.inputs / (report.ms / 1000);
  console.log(`${report.inputs} inputs in ${(report.ms / 1000).toFixed(0)} s (${rate.toFixed(0)}/s), ${report.packets} packets, ${report.damaged} stopped on damage, slowest input ${report.slowest.input} (${report.slowest.ms.toFixed(0)} ms CPU)`);
  if (report.failures.length === 0) {
    console.log('failures: none');
    return;
  }
  console.log(`FAILURES: ${report.failures.length}${report.failures.length >= 50 ? ' (stopped at 50)' : ''}`);
  for (const f of report.failures) {
    console.log(`input ${f.input} (${f.seed}: ${f.ops.join('; ')})\n  ${f.message.split('\n')[0]}\n  reproduce: node ${entry} --captures ${captures} --seed ${seed} --dump ${f.input}`);
  }
}
