// The whole-engine fuzz test (CI, every change): 10,000 mutations of real captures from the
// shared corpus, with a fixed seed, each through reader -> index -> dissection of every
// packet -> tcpdump line printer -> detail tree -> flows and TCP analysis -> ladders ->
// display filters -> export and read-back (see engine-path.ts and fuzz-run.ts for what is
// asserted). It runs as a child process watched from here, so a hang is a failure that names
// its input, not a stuck test run. `npm run bench` runs the same fuzzer much longer.
//
// To reproduce input N of a failure:
//   node <bundle> --captures ../shared/captures --seed SEED --dump N --out input.bin
// (the bundle path is printed with the failure), then keep the file in regressions/.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturesDir, haveCaptures, repoRoot } from '../../support/captures.js';
import type { FuzzReport } from './fuzz-run.js';

/** Fixed, so every run makes the same inputs; ACKLINE_FUZZ_SEED explores others. */
const SEED = Number(process.env.ACKLINE_FUZZ_SEED ?? 20251206);
const COUNT = 10_000;
/** No new input started for this long: the one that started last hangs. */
const WATCHDOG_MS = 60_000;

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-fuzz-'));
const bundle = path.join(dir, 'fuzz-main.mjs');

beforeAll(async () => {
  await build({
    entryPoints: [path.join(repoRoot, 'test/engine/fuzz/fuzz-main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly report: FuzzReport | null;
  /** The input that started last when the watchdog fired (or the process died). */
  readonly stuckAt: number | null;
  readonly stderr: string;
}

function runFuzzer(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, '--captures', capturesDir, '--seed', String(SEED), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // A minute of CPU beside the other test files: at a lower priority, so that their timing
    // (renderer tests wait on short timers) does not suffer. Inputs are bounded by CPU time.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // Not allowed here: run at the normal priority.
      }
    }
    let report: FuzzReport | null = null;
    let last = -1;
    let stderr = '';
    let timer = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('start ')) {
        last = Number(line.slice(6));
        clearTimeout(timer);
        timer = setTimeout(() => child.kill('SIGKILL'), WATCHDOG_MS);
      } else if (line.startsWith('report ')) report = JSON.parse(line.slice(7)) as FuzzReport;
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ report, stuckAt: report ? null : last, stderr });
    });
  });
}

function describeFailures(r: FuzzReport): string {
  return r.failures
    .map((f) => `input ${f.input} (${f.seed}: ${f.ops.join('; ')})\n  ${f.message.split('\n').slice(0, 4).join('\n  ')}\n  reproduce: node ${bundle} --captures ${capturesDir} --seed ${r.runSeed} --dump ${f.input}`)
    .join('\n');
}

describe.skipIf(!haveCaptures)('engine fuzz (fixed seed)', () => {
  it(`${COUNT} mutated captures through the whole engine path: nothing escapes or hangs, packets before the damage are kept, output is deterministic`, async () => {
    const [run, short] = await Promise.all([runFuzzer(['--count', String(COUNT), '--checkpoint', '200']), runFuzzer(['--count', '200'])]);
    expect(run.stuckAt, `the fuzzer stopped without a report during input ${run.stuckAt} (seed ${SEED}): ${run.stderr}`).toBeNull();
    const r = run.report;
    if (!r) return;
    expect(describeFailures(r)).toBe('');
    expect(r.inputs).toBe(COUNT);
    // The mutations reach both paths: damage that stops a reader, and reads that go through.
    expect(r.damaged).toBeGreaterThan(COUNT / 10);
    expect(r.damaged).toBeLessThan(COUNT);
    expect(r.packets).toBeGreaterThan(COUNT * 3);
    // Another process making the first 200 inputs again gets the same outputs.
    expect(short.report?.digest).toBe(r.checkpointDigest);
    console.log(`engine fuzz: seed ${SEED}, ${r.inputs} inputs, ${r.packets} packets, ${r.damaged} stopped on damage, ${(r.ms / 1000).toFixed(1)} s, slowest input ${r.slowest.input} (${r.slowest.ms.toFixed(0)} ms CPU)`);
  }, 600_000);
});
