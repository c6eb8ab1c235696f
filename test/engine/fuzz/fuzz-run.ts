// The engine fuzzer's loop: input N of a run is made from (seed, N) alone (a seed capture, a
// mutation, the printer's flags, the display filters, the chunk size the session is fed
// with), goes through the whole engine path (engine-path.ts), and must
//  - raise nothing and break no rule of the path (a clear error for damage is fine);
//  - finish within a per-input CPU-time limit (a hang is caught by the parent's watchdog,
//    which sees which input started last);
//  - keep every packet before the damage: the packets whose record ends before the first
//    touched byte come out as from the unmutated seed (bytes, lengths, times, tcpdump line,
//    Info column);
//  - be deterministic: every `recheckEvery`-th input runs again, fed in other chunks, and
//    must give the same digest of everything the path produced.

import { createHash } from 'node:crypto';
import { runEnginePath, type PathOptions, type PathOutcome } from './engine-path.js';
import { FuzzViolation } from './violation.js';
import { mutate, type Mutant } from './mutate.js';
import { Prng } from './prng.js';
import type { Seed } from './seeds.js';

const FLAG_SETS: readonly (readonly string[])[] = [[], [], ['-v'], ['-e'], ['-vv', '-e'], ['-q'], ['-tttt', '-#'], ['-ttt', '-S']];
const FILTERS = [
  'tcp',
  'udp && !dns',
  'ip.addr == 192.0.2.10',
  'tcp.analysis.flags',
  'frame.len > 100',
  'dns.qry.name contains "example"',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'icmp || icmpv6',
  'arp.opcode == 1',
  'eth.addr == ff:ff:ff:ff:ff:ff',
  'tcp.stream == 1 && tcp.len > 0',
  'ipv6.plen < 100',
  'frame contains 00:00',
  'http',
  'dhcp',
  'tcp.port in {80, 53, 47001}',
];
const CHUNKS = [3, 61, 512, 4096, 1 << 20];

export interface FuzzInput {
  readonly number: number;
  readonly seed: Seed;
  readonly mutant: Mutant;
  readonly options: PathOptions;
}

/** Input `n` of the run with PRNG seed `runSeed`. */
export function makeInput(runSeed: number, n: number, seeds: readonly Seed[]): FuzzInput {
  const rng = new Prng(runSeed, n);
  const seed = rng.pick(seeds);
  const mutant = mutate(seed, seeds, rng);
  const flags = rng.pick(FLAG_SETS);
  const filters = [rng.pick(FILTERS), rng.pick(FILTERS)];
  return { number: n, seed, mutant, options: { flags, chunk: rng.pick(CHUNKS), filters, thorough: rng.chance(0.05), fullDigest: false } };
}

export interface FuzzFailure {
  readonly input: number;
  readonly seed: string;
  readonly ops: readonly string[];
  readonly message: string;
}

export interface FuzzReport {
  readonly runSeed: number;
  readonly inputs: number;
  readonly failures: readonly FuzzFailure[];
  /** Hash of every input's digest, in order: equal for equal runs. */
  readonly digest: string;
  /** The same over the first `checkpoint` inputs (to compare a shorter run with). */
  readonly checkpointDigest?: string;
  readonly ms: number;
  /** The input that took the most CPU time. */
  readonly slowest: { readonly input: number; readonly ms: number };
  /** Inputs on which a reader stopped on damage. */
  readonly damaged: number;
  readonly packets: number;
}

export interface FuzzOptions {
  readonly runSeed: number;
  readonly seeds: readonly Seed[];
  /** Stop after this many inputs... */
  readonly count: number;
  /** ...or when this much time has passed, whichever comes first. */
  readonly timeBudgetMs?: number;
  /** An input taking more CPU time than this is a violation (bounded work per input). */
  readonly perInputMs: number;
  readonly recheckEvery: number;
  /** Stop collecting after this many failures. */
  readonly maxFailures?: number;
  /** Inputs after which `checkpointDigest` is taken. */
  readonly checkpoint?: number;
  /** Called before each input (the watchdog's heartbeat). */
  readonly onStart?: (n: number) => void;
}

/** The unmutated seeds' outcomes, per printer flags. */
class Originals {
  private readonly cache = new Map<string, PathOutcome>();
  async get(seed: Seed, flags: readonly string[]): Promise<PathOutcome> {
    const key = `${seed.name} ${flags.join(' ')}`;
    let o = this.cache.get(key);
    if (!o) {
      o = await runEnginePath(seed.bytes, { flags, chunk: 1 << 20, filters: [], thorough: true, fullDigest: false });
      this.cache.set(key, o);
    }
    return o;
  }
}

const samePacket = (a: PathOutcome['packets'][number], b: PathOutcome['packets'][number]): boolean =>
  a.tsSec === b.tsSec && a.tsNsec === b.tsNsec && a.caplen === b.caplen && a.wirelen === b.wirelen && Buffer.compare(a.data, b.data) === 0;

/** Checks that the packets before the damage are the seed's. */
function checkKept(input: FuzzInput, got: PathOutcome, orig: PathOutcome): void {
  let k = 0;
  while (k < input.seed.packetEnds.length && input.seed.packetEnds[k]! <= input.mutant.damage) k++;
  k = Math.min(k, orig.packets.length);
  if (got.packets.length < k) throw new FuzzViolation('kept', `${got.packets.length} packets read, ${k} lie before the damage at byte ${input.mutant.damage}`);
  for (let j = 0; j < k; j++) {
    if (!samePacket(got.packets[j]!, orig.packets[j]!)) throw new FuzzViolation('kept', `packet ${j + 1} (before the damage) differs from the seed's`);
    if (got.rowInfos[j] !== orig.rowInfos[j]) throw new FuzzViolation('kept', `packet ${j + 1} Info column differs: ${JSON.stringify(got.rowInfos[j])} vs the seed's ${JSON.stringify(orig.rowInfos[j])}`);
  }
  const lines = Math.min(k, orig.lines.length);
  if (got.lines.length < lines) throw new FuzzViolation('kept', `${got.lines.length} tcpdump lines printed, ${lines} lie before the damage`);
  for (let j = 0; j < lines; j++) {
    if (got.lines[j] !== orig.lines[j]) throw new FuzzViolation('kept', `tcpdump line ${j + 1} differs: ${JSON.stringify(got.lines[j])} vs the seed's ${JSON.stringify(orig.lines[j])}`);
  }
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const originals = new Originals();
  const failures: FuzzFailure[] = [];
  const all = createHash('sha1');
  const t0 = performance.now();
  let slowest = { input: -1, ms: 0 };
  let damaged = 0;
  let packets = 0;
  let n = 0;
  let checkpointDigest: string | undefined;
  const maxFailures = o.maxFailures ?? 20;
  for (; n < o.count; n++) {
    if (n === o.checkpoint) checkpointDigest = all.copy().digest('hex');
    if (o.timeBudgetMs !== undefined && performance.now() - t0 > o.timeBudgetMs) break;
    if (failures.length >= maxFailures) break;
    o.onStart?.(n);
    const input = makeInput(o.runSeed, n, o.seeds);
    try {
      const orig = await originals.get(input.seed, input.options.flags);
      // CPU time, not wall time: a busy machine slows every input, a runaway loop one.
      const cpu = process.cpuUsage();
      const recheck = n % o.recheckEvery === 0;
      const options = recheck ? { ...input.options, fullDigest: true } : input.options;
      const got = await runEnginePath(input.mutant.bytes, options);
      const used = process.cpuUsage(cpu);
      const ms = (used.user + used.system) / 1000;
      if (ms > slowest.ms) slowest = { input: n, ms };
      if (ms > o.perInputMs) throw new FuzzViolation('time', `${ms.toFixed(0)} ms of CPU for ${input.mutant.bytes.length} bytes (limit ${o.perInputMs} ms)`);
      checkKept(input, got, orig);
      if (recheck) {
        const chunk = options.chunk === 1 << 20 ? 7 : 1 << 20;
        const again = await runEnginePath(input.mutant.bytes, { ...options, chunk });
        if (again.digest !== got.digest) throw new FuzzViolation('determinism', `fed in chunks of ${chunk} instead of ${input.options.chunk}, the output differs`);
      }
      if (got.damaged) damaged++;
      packets += got.packets.length;
      all.update(got.digest);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      failures.push({ input: n, seed: input.seed.name, ops: input.mutant.ops, message });
      all.update(`failed ${n}`);
    }
  }
  const digest = all.digest('hex');
  if (n === o.checkpoint) checkpointDigest = digest;
  return { runSeed: o.runSeed, inputs: n, failures, digest, ...(checkpointDigest ? { checkpointDigest } : {}), ms: performance.now() - t0, slowest, damaged, packets };
}
