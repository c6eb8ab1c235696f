// The engine fuzzer as a process (bundled by esbuild), so that a parent can watch it: it
// writes `start N` before each input (the heartbeat: a hung input is the last one started)
// and ends with one `report {...}` JSON line. Used by engine-fuzz.test.ts (CI) and by
// `npm run bench` (the long run).
//   node fuzz-main.mjs --captures DIR [--seed N] [--count N] [--time-ms N] [--per-input-ms N] [--recheck-every N]
//     [--max-failures N] [--checkpoint N]
//   node fuzz-main.mjs --captures DIR [--seed N] --dump N [--out FILE]   (writes input N, prints how it was made)

import { writeFileSync } from 'node:fs';
import { makeInput, runFuzz } from './fuzz-run.js';
import { loadSeeds } from './seeds.js';

function arg(name: string, fallback: number): number;
function arg(name: string, fallback: string): string;
function arg(name: string, fallback: number | string): number | string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) return fallback;
  if (typeof fallback === 'string') return v;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name}: not a number: ${v}`);
  return n;
}

const captures = arg('--captures', '');
const seeds = loadSeeds(captures);
if (seeds.length === 0) {
  process.stderr.write(`fuzz: no seed captures under ${captures || '(no --captures)'}\n`);
  process.exit(2);
}
const dump = arg('--dump', -1);
if (dump >= 0) {
  // Writes input N of the run to --out, to keep it as a regression case.
  const input = makeInput(arg('--seed', 1), dump, seeds);
  writeFileSync(arg('--out', `fuzz-input-${dump}.bin`), input.mutant.bytes);
  process.stdout.write(`${JSON.stringify({ seed: input.seed.name, ops: input.mutant.ops, options: input.options })}\n`);
  process.exit(0);
}
const timeMs = arg('--time-ms', 0);
const out = (s: string): void => void process.stdout.write(s + '\n');
out(`seeds ${seeds.length}`);
const report = await runFuzz({
  runSeed: arg('--seed', 1),
  seeds,
  count: arg('--count', 10_000),
  ...(timeMs > 0 ? { timeBudgetMs: timeMs } : {}),
  perInputMs: arg('--per-input-ms', 2000),
  recheckEvery: arg('--recheck-every', 10),
  maxFailures: arg('--max-failures', 20),
  ...(arg('--checkpoint', 0) > 0 ? { checkpoint: arg('--checkpoint', 0) } : {}),
  onStart: (n) => out(`start ${n}`),
});
out(`report ${JSON.stringify(report)}`);
