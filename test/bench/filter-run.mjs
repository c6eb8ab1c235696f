// `npm run bench` section: display-filter throughput on the bench capture beside `tshark -Y`.
// Ours in two forms: the engine host's pass over an opened capture (filter-bench.ts), and the
// CLI end to end (`ackline read FILE -Y FILTER`: read + index + dissect + print matches).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

export const BENCH_FILTERS = [
  'tcp.port == 80',
  'ip.addr == 192.0.2.10 && tcp.flags.syn == 1',
  'tcp.analysis.retransmission',
  'frame.len > 1000',
  'tcp.stream == 3 && tcp.len > 0',
  'http contains "nginx"',
];

function wall(cmd) {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', `${cmd} > /dev/null 2>&1`], { env: { ...process.env, TZ: 'UTC' } });
  return { secs: (performance.now() - t0) / 1000, ok: r.status === 0 };
}

const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/** The filters for a capture: the address filter names the capture's client (the real capture's is 203.0.113.10). */
export function benchFilters(name) {
  return name === 'real' ? BENCH_FILTERS.map((f) => f.replace('192.0.2.10', '203.0.113.10')) : BENCH_FILTERS;
}

export async function filterBench(root, file, packets, name = 'synthetic') {
  const entry = path.join(root, 'out/bench/filter-bench.mjs');
  await build({ entryPoints: [path.join(root, 'test/bench/filter-bench.ts')], outfile: entry, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const r = spawnSync('node', [entry, file, ...benchFilters(name)], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, TZ: 'UTC' } });
  const rows = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const index = rows.find((x) => x.kind === 'index');
  const haveTshark = spawnSync('sh', ['-c', 'command -v tshark']).status === 0;
  const cli = path.join(root, 'electron/cli/ackline.mjs');
  console.log(`\n== Display filter, ${name} capture, ${packets} packets (open = index ${fmt(index.ms / 1000, 3)} s once; filter pass = the engine re-filtering an open capture)`);
  console.log('filter                                         matched  via tree   filter pass   open+filter   ackline read -Y   tshark -Y   tshark ÷ (pass / open+filter / read -Y)');
  for (const row of rows.filter((x) => x.kind === 'filter')) {
    if (row.error) {
      console.log(`${row.filter.padEnd(46)} error: ${row.error}`);
      continue;
    }
    const ours = wall(`node ${cli} read ${file} -Y ${q(row.filter)}`);
    const ts = haveTshark ? wall(`tshark -n -r ${file} -Y ${q(row.filter)}`) : null;
    const open = (index.ms + row.ms) / 1000;
    const speed = ts ? `${fmt(ts.secs / (row.ms / 1000), 0)}× / ${fmt(ts.secs / open, 1)}× / ${fmt(ts.secs / ours.secs, 1)}×` : 'tshark not installed';
    console.log(
      `${row.filter.padEnd(46)} ${String(row.matched).padStart(7)}  ${String(row.slow).padStart(8)}   ${fmt(row.ms / 1000, 3).padStart(9)} s   ${fmt(open, 3).padStart(9)} s   ${fmt(ours.secs, 2).padStart(13)} s   ${ts ? fmt(ts.secs, 2).padStart(7) + ' s' : '   n/a'}   ${speed}`,
    );
  }
  console.log('(target: ≥ 10× tshark -Y for the typical filters, on the filter pass; "via tree" = packets the index could not decide and were dissected)');
}
